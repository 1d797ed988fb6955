namespace FineTuning.Toolkit.Tests.Datasets;

/// <summary>
/// A read-only stream of <c>prefix</c>, then <c>fillCount</c> copies of <c>fill</c>, then <c>suffix</c>, generated on the fly
/// so that a test can read a line of many megabytes without holding it in memory.
/// </summary>
internal sealed class PatternStream(byte[] prefix, byte fill, long fillCount, byte[] suffix) : Stream
{
    private long _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => prefix.Length + fillCount + suffix.Length;

    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var written = 0;
        while (written < buffer.Length && _position < Length)
        {
            if (_position < prefix.Length)
            {
                buffer[written++] = prefix[(int)_position++];
            }
            else if (_position < prefix.Length + fillCount)
            {
                var n = (int)Math.Min(buffer.Length - written, prefix.Length + fillCount - _position);
                buffer.Slice(written, n).Fill(fill);
                written += n;
                _position += n;
            }
            else
            {
                buffer[written++] = suffix[(int)(_position++ - prefix.Length - fillCount)];
            }
        }

        return written;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Read(buffer.Span));
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
