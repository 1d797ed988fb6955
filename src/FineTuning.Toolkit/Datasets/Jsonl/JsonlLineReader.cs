using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace FineTuning.Toolkit.Datasets.Jsonl;

/// <summary>
/// Reads a UTF-8 JSONL stream line by line with bounded memory: pooled buffers (1 MiB, growing up to the line limit),
/// newline search with <see cref="MemoryExtensions.IndexOf{T}(ReadOnlySpan{T}, T)"/>, no allocation per line.
/// </summary>
/// <remarks>
/// <para>Lines are numbered from 1. A UTF-8 byte order mark at the start of the stream is stripped and reported through
/// <see cref="HasByteOrderMark"/>. Lines may end with <c>\n</c> or <c>\r\n</c>; the terminator is not part of the line.
/// A final line without terminator is returned; a terminator at the very end does not start another line.</para>
/// <para>A line longer than the byte limit is reported as <see cref="JsonlLineKind.TooLong"/> and skipped up to the next
/// newline without being buffered whole, so memory stays bounded by the limit whatever the file holds.</para>
/// <para><see cref="Line"/> points into the reader's buffer: it is valid only until the next read or disposal.</para>
/// </remarks>
internal sealed class JsonlLineReader : IDisposable
{
    /// <summary>The initial buffer size: 1 MiB (smaller when the line limit is smaller).</summary>
    internal const int InitialBufferSize = 1024 * 1024;

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly int _maxLineBytes;
    private readonly int _bufferCap;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private int _scan;
    private long _bufferOrigin;
    private bool _eof;
    private bool _bomChecked;
    private bool _skipping;
    private long _skipStartOffset;
    private long _skipLength;
    private bool _skipLastWasCr;
    private int _lineStart;
    private bool _disposed;

    /// <summary>Initializes a new instance of the <see cref="JsonlLineReader"/> class.</summary>
    /// <param name="stream">The stream to read, positioned at the start of the JSONL data.</param>
    /// <param name="maxLineBytes">The longest line accepted, in bytes, not counting the terminator.</param>
    /// <param name="leaveOpen"><see langword="true"/> to leave <paramref name="stream"/> open on disposal.</param>
    public JsonlLineReader(Stream stream, int maxLineBytes = JsonlReaderOptions.DefaultMaxLineBytes, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxLineBytes);
        _stream = stream;
        _leaveOpen = leaveOpen;
        _maxLineBytes = maxLineBytes;

        // The buffer must hold a whole line of the maximum length plus "\r\n" to find its end.
        _bufferCap = (int)Math.Min(Array.MaxLength, (long)maxLineBytes + 2);
        _buffer = Allocate(Math.Min(InitialBufferSize, _bufferCap));
    }

    /// <summary>Gets the number of bytes read from the stream so far (at its end: its whole length, byte order mark included).</summary>
    public long BytesRead => _bufferOrigin + _end;

    /// <summary>Gets the 1-based number of the current line (0 before the first read).</summary>
    public int LineNumber { get; private set; }

    /// <summary>Gets the byte offset of the current line from the start of the stream (a byte order mark counts).</summary>
    public long LineOffset { get; private set; }

    /// <summary>Gets the length of the current line in bytes, without its terminator (also for a line that was too long).</summary>
    public long LineLength { get; private set; }

    /// <summary>Gets what the current line holds.</summary>
    public JsonlLineKind Kind { get; private set; }

    /// <summary>Gets a value indicating whether the stream started with a UTF-8 byte order mark (known after the first read).</summary>
    public bool HasByteOrderMark { get; private set; }

    /// <summary>Gets the bytes of the current line, without terminator; empty for a line that was too long. Valid until the next read.</summary>
    public ReadOnlyMemory<byte> Line => Kind == JsonlLineKind.TooLong
        ? ReadOnlyMemory<byte>.Empty
        : new ReadOnlyMemory<byte>(_buffer, _lineStart, (int)LineLength);

    /// <summary>Gets the bytes of the current line as a span. Valid until the next read.</summary>
    public ReadOnlySpan<byte> LineSpan => Line.Span;

    /// <summary>Gets the longest line accepted, in bytes.</summary>
    public int MaxLineBytes => _maxLineBytes;

    /// <summary>Reads the next line.</summary>
    /// <param name="cancellationToken">A token to cancel the read.</param>
    /// <returns><see langword="true"/> when a line was read; <see langword="false"/> at the end of the stream.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public async ValueTask<bool> ReadLineAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        while (true)
        {
            var step = Advance();
            if (step != JsonlReadStep.NeedMore)
            {
                return step == JsonlReadStep.Ready;
            }

            PrepareBuffer();
            var read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
            Received(read);
        }
    }

    /// <summary>Reads the next line synchronously.</summary>
    /// <returns><see langword="true"/> when a line was read; <see langword="false"/> at the end of the stream.</returns>
    public bool ReadLine()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        while (true)
        {
            var step = Advance();
            if (step != JsonlReadStep.NeedMore)
            {
                return step == JsonlReadStep.Ready;
            }

            PrepareBuffer();
            Received(_stream.Read(_buffer.AsSpan(_end)));
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Release(_buffer);
        _buffer = [];
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private JsonlReadStep Advance()
    {
        if (!_bomChecked)
        {
            if (_end - _start < 3 && !_eof)
            {
                return JsonlReadStep.NeedMore;
            }

            _bomChecked = true;
            if (_buffer.AsSpan(_start, _end - _start).StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            {
                HasByteOrderMark = true;
                _start += 3;
                _scan = _start;
            }
        }

        if (_skipping)
        {
            return AdvanceSkipping();
        }

        if (_start == _end && _eof)
        {
            return JsonlReadStep.End;
        }

        var index = _buffer.AsSpan(_scan, _end - _scan).IndexOf((byte)'\n');
        if (index >= 0)
        {
            var newline = _scan + index;
            var lineEnd = newline > _start && _buffer[newline - 1] == (byte)'\r' ? newline - 1 : newline;
            SetLine(_start, lineEnd);
            _start = _scan = newline + 1;
            return JsonlReadStep.Ready;
        }

        if (_eof)
        {
            var lineEnd = _buffer[_end - 1] == (byte)'\r' ? _end - 1 : _end;
            SetLine(_start, lineEnd);
            _start = _scan = _end;
            return JsonlReadStep.Ready;
        }

        _scan = _end;
        if ((long)_end - _start > (long)_maxLineBytes + 1)
        {
            // Longer than the limit plus a possible '\r' and still no newline: skip the rest without buffering it.
            _skipping = true;
            _skipStartOffset = _bufferOrigin + _start;
            _skipLength = _end - _start;
            _skipLastWasCr = _buffer[_end - 1] == (byte)'\r';
            _start = _scan = _end;
        }

        return JsonlReadStep.NeedMore;
    }

    private JsonlReadStep AdvanceSkipping()
    {
        var index = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
        if (index < 0)
        {
            if (_end > _start)
            {
                _skipLength += _end - _start;
                _skipLastWasCr = _buffer[_end - 1] == (byte)'\r';
                _start = _scan = _end;
            }

            if (!_eof)
            {
                return JsonlReadStep.NeedMore;
            }

            SetTooLong(_skipLength - (_skipLastWasCr ? 1 : 0));
            return JsonlReadStep.Ready;
        }

        var newline = _start + index;
        var length = _skipLength + index;
        var endsWithCr = index > 0 ? _buffer[newline - 1] == (byte)'\r' : _skipLastWasCr;
        SetTooLong(endsWithCr ? length - 1 : length);
        _start = _scan = newline + 1;
        return JsonlReadStep.Ready;
    }

    private void SetTooLong(long length)
    {
        _skipping = false;
        LineNumber++;
        LineOffset = _skipStartOffset;
        LineLength = length;
        Kind = JsonlLineKind.TooLong;
        _lineStart = 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void SetLine(int start, int end)
    {
        LineNumber++;
        LineOffset = _bufferOrigin + start;
        LineLength = end - start;
        _lineStart = start;
        if (end - start > _maxLineBytes)
        {
            Kind = JsonlLineKind.TooLong;
        }
        else
        {
            Kind = _buffer.AsSpan(start, end - start).IndexOfAnyExcept((byte)' ', (byte)'\t', (byte)'\r') < 0
                ? JsonlLineKind.Blank
                : JsonlLineKind.Content;
        }
    }

    private void PrepareBuffer()
    {
        var pending = _end - _start;
        if (_start > 0 && (pending == 0 || _buffer.Length - _end < _buffer.Length / 4))
        {
            _buffer.AsSpan(_start, pending).CopyTo(_buffer);
            _bufferOrigin += _start;
            _scan -= _start;
            _start = 0;
            _end = pending;
        }

        if (_end == _buffer.Length)
        {
            // Only reached while a line shorter than the limit is still unterminated, so the buffer is below its cap.
            var size = (int)Math.Min((long)_buffer.Length * 2, _bufferCap);
            var larger = Allocate(size);
            _buffer.AsSpan(_start, pending).CopyTo(larger);
            Release(_buffer);
            _buffer = larger;
            _bufferOrigin += _start;
            _scan -= _start;
            _start = 0;
            _end = pending;
        }
    }

    // Pooled arrays come in powers of two: the last step up to the cap (e.g. 32 MiB + 2) is allocated exactly instead,
    // so that it does not cost twice the limit.
    private static byte[] Allocate(int size) =>
        BitOperations.IsPow2(size) ? ArrayPool<byte>.Shared.Rent(size) : GC.AllocateUninitializedArray<byte>(size);

    private static void Release(byte[] buffer)
    {
        if (BitOperations.IsPow2(buffer.Length))
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Received(int read)
    {
        if (read == 0)
        {
            _eof = true;
        }
        else
        {
            _end += read;
        }
    }
}
