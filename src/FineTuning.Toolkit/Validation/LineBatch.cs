using System.Buffers;
using FineTuning.Toolkit.Datasets;
using FineTuning.Toolkit.Datasets.Jsonl;
using System.Runtime.CompilerServices;

namespace FineTuning.Toolkit.Validation;

/// <summary>A batch of lines handed to a worker: their bytes copied into one pooled buffer, returned on disposal.</summary>
internal sealed class LineBatch : IDisposable
{
    public const int MaxLines = 256;
    public const int DefaultBufferSize = 256 * 1024;

    private byte[] _buffer;

    public LineBatch(int minimumBufferSize = DefaultBufferSize)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(minimumBufferSize, 1024));
    }

    public List<LineSlot> Slots { get; } = new(MaxLines);

    public int Used { get; private set; }

    public bool IsFull => Slots.Count >= MaxLines;

    /// <summary>Gets or sets the bytes of input read through the end of this batch (for progress reports).</summary>
    public long EndOffset { get; set; }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ReadOnlyMemory<byte> BytesOf(LineSlot slot) => new(_buffer, slot.Offset, slot.Length);

    public void AddSpecial(int line, int exampleIndex, JsonlLineKind kind, long rawLength) =>
        Slots.Add(new LineSlot(line, exampleIndex, kind, 0, 0, rawLength, null, null));

    /// <summary>Copies a content line into the batch, unless it does not fit the buffer.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryAdd(int line, int exampleIndex, ReadOnlySpan<byte> bytes, string? category, DatasetExample? source)
    {
        if (Used + bytes.Length > _buffer.Length)
        {
            return false;
        }

        bytes.CopyTo(_buffer.AsSpan(Used));
        Slots.Add(new LineSlot(line, exampleIndex, JsonlLineKind.Content, Used, bytes.Length, bytes.Length, category, source));
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
    }
}
