using System.Runtime.CompilerServices;
namespace FineTuning.Toolkit.Validation;

/// <summary>
/// A few long texts a check already found clean in the current batch, so that a text repeated on every line (the system
/// prompt) is scanned once per batch instead of once per line. Not thread-safe: one per <see cref="ExampleRuleContext"/>.
/// </summary>
internal sealed class RecentTexts
{
    /// <summary>Texts shorter than this (64 characters) are cheaper to scan again than to remember.</summary>
    public const int MinLength = 64;

    private readonly string?[] _texts = new string?[4];
    private int _next;

    /// <summary>Gets a value indicating whether the text (same characters) was remembered.</summary>
    /// <param name="text">The text.</param>
    /// <returns><see langword="true"/> when it was.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Contains(string text)
    {
        if (text.Length < MinLength)
        {
            return false;
        }

        foreach (var known in _texts)
        {
            if (ReferenceEquals(known, text) || (known is not null && known.Length == text.Length && string.Equals(known, text, StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Remembers a text (the oldest of the few remembered is forgotten).</summary>
    /// <param name="text">The text.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(string text)
    {
        if (text.Length >= MinLength)
        {
            _texts[_next] = text;
            _next = (_next + 1) % _texts.Length;
        }
    }
}
