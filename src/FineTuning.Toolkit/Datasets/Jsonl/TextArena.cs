using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FineTuning.Toolkit.Datasets.Jsonl;

/// <summary>
/// Holds the decoded message texts of one line, so that reading a line allocates no string per message: each text is a
/// slice of a buffer the <see cref="JsonlLine"/> reuses from line to line. A slice is valid until the line is reset; what
/// outlives the line (a typed example, a cached count, a report) is copied out with <see cref="ToString(ReadOnlyMemory{char})"/>.
/// Not thread-safe: one per <see cref="JsonlLine"/>.
/// </summary>
internal sealed class TextArena
{
    /// <summary>The smallest buffer an arena allocates, in characters (2 KB); it doubles as lines need, so that reading
    /// one short line costs little and a worker's buffer settles at what its lines use.</summary>
    internal const int InitialLength = 1024;

    /// <summary>A buffer grown past this (1 M characters, 2 MB) for a long line is let go when the next line starts.</summary>
    internal const int KeptLength = 1024 * 1024;

    private char[] _buffer = [];
    private int _used;

    /// <summary>Starts a new line: earlier slices must no longer be read.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Reset()
    {
        if (_buffer.Length > KeptLength)
        {
            _buffer = [];
        }

        _used = 0;
    }

    /// <summary>Gets room for a text of at most <paramref name="length"/> characters; finish with <see cref="Commit"/>.</summary>
    /// <param name="length">The most characters the text can have.</param>
    /// <returns>The room.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public Span<char> Reserve(int length)
    {
        if (_buffer.Length - _used < length)
        {
            // Slices already handed out keep the old buffer alive; the new one serves the rest of the line.
            _buffer = new char[Math.Max(Math.Max(InitialLength, length), (int)Math.Min(_buffer.Length * 2L, Array.MaxLength))];
            _used = 0;
        }

        return _buffer.AsSpan(_used, length);
    }

    /// <summary>Keeps the first <paramref name="length"/> characters of the room <see cref="Reserve"/> gave.</summary>
    /// <param name="length">The characters written.</param>
    /// <returns>The text, valid until the arena is reset.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlyMemory<char> Commit(int length)
    {
        var text = new ReadOnlyMemory<char>(_buffer, _used, length);
        _used += length;
        return text;
    }

    /// <summary>Gets a text as a string that outlives the line: the string itself when the text is a whole string (a
    /// repeated system prompt), a copy otherwise.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The string.</returns>
    public static string ToString(ReadOnlyMemory<char> text) => TryGetWhole(text, out var whole) ? whole : text.ToString();

    /// <summary>Gets the string a text is the whole of (a repeated system prompt), if it is one.</summary>
    /// <param name="text">The text.</param>
    /// <param name="whole">The string, when the text is all of one.</param>
    /// <returns><see langword="true"/> when it is.</returns>
    public static bool TryGetWhole(ReadOnlyMemory<char> text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? whole) =>
        MemoryMarshal.TryGetString(text, out whole, out var start, out var length) && start == 0 && length == whole.Length;
}
