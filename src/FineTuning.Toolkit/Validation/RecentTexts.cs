using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FineTuning.Toolkit.Internal.Text;
namespace FineTuning.Toolkit.Validation;

/// <summary>
/// A few long texts a check already found clean, so that a text repeated on every line (the system prompt) is scanned
/// once, not once per line. Not thread-safe: one per <see cref="ExampleRuleContext"/>.
/// </summary>
internal sealed class RecentTexts
{
    /// <summary>Texts shorter than this (64 characters) are cheaper to scan again than to remember.</summary>
    public const int MinLength = 64;

    private readonly ReadOnlyMemory<char>[] _texts = new ReadOnlyMemory<char>[4];
    private int _next;

    /// <summary>Gets a value indicating whether the text (same characters) was remembered.</summary>
    /// <param name="text">The text.</param>
    /// <returns><see langword="true"/> when it was.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Contains(ReadOnlyMemory<char> text)
    {
        if (text.Length < MinLength)
        {
            return false;
        }

        var span = text.Span;
        foreach (var known in _texts)
        {
            if (ShortEquality.SameOrEqual(known.Span, span))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Remembers a text (the oldest of the few remembered is forgotten).</summary>
    /// <param name="text">The text.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(ReadOnlyMemory<char> text)
    {
        if (text.Length >= MinLength)
        {
            // A slice of a line's buffer is only valid while that line is checked: only whole strings (repeated system
            // prompts, the texts that repeat from line to line) are remembered.
            if (!MemoryMarshal.TryGetString(text, out _, out _, out _))
            {
                return;
            }

            _texts[_next] = text;
            _next = (_next + 1) % _texts.Length;
        }
    }
}
