using System.Buffers;
using FineTuning.Toolkit.Datasets;
using FineTuning.Toolkit.Datasets.Jsonl;
using System.Runtime.CompilerServices;

namespace FineTuning.Toolkit.Validation;

/// <summary>A batch of lines handed to a worker: their bytes copied into one pooled buffer and their slots into a pooled
/// array, both returned on disposal.</summary>
internal sealed class LineBatch : IDisposable
{
    public const int MaxLines = 256;
    public const int DefaultBufferSize = 256 * 1024;

    private byte[] _buffer;
    private LineSlot[] _slots = ArrayPool<LineSlot>.Shared.Rent(MaxLines);
    private int _count;

    public LineBatch(int minimumBufferSize = DefaultBufferSize)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(minimumBufferSize, 1024));
    }

    public ReadOnlySpan<LineSlot> Slots => _slots.AsSpan(0, _count);

    public int Used { get; private set; }

    public bool IsFull => _count >= MaxLines;

    /// <summary>Gets or sets the bytes of input read through the end of this batch (for progress reports).</summary>
    public long EndOffset { get; set; }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ReadOnlyMemory<byte> BytesOf(LineSlot slot) => new(_buffer, slot.Offset, slot.Length);

    public void AddSpecial(int line, int exampleIndex, JsonlLineKind kind, long rawLength) =>
        Add(new LineSlot(line, exampleIndex, kind, 0, 0, rawLength, null, null));

    /// <summary>Copies a content line into the batch, unless it does not fit the buffer.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryAdd(int line, int exampleIndex, ReadOnlySpan<byte> bytes, string? category, DatasetExample? source)
    {
        if (Used + bytes.Length > _buffer.Length)
        {
            return false;
        }

        bytes.CopyTo(_buffer.AsSpan(Used));
        Add(new LineSlot(line, exampleIndex, JsonlLineKind.Content, Used, bytes.Length, bytes.Length, category, source));
        Used += bytes.Length;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, []);
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        // The slots hold the lines' categories and source examples: cleared, so the pool keeps nothing alive.
        var slots = Interlocked.Exchange(ref _slots, []);
        if (slots.Length > 0)
        {
            ArrayPool<LineSlot>.Shared.Return(slots, clearArray: true);
        }
    }

    // The producers hand a batch on as soon as it IsFull, so it never holds more than MaxLines slots.
    private void Add(LineSlot slot) => _slots[_count++] = slot;
}
