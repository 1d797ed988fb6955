using System.Runtime.CompilerServices;
using System.Text.Json;
using FineTuning.Toolkit.Internal.Text;

namespace FineTuning.Toolkit.Datasets.Jsonl;

/// <summary>
/// Reads JSON string values that repeat from line to line (system prompts) without allocating a new string each time:
/// the raw bytes of the last two distinct values are kept, and a value with the same bytes gets the same string
/// instance back (which the caches downstream then recognise by reference). Not thread-safe: one per
/// <see cref="JsonlLine"/>.
/// </summary>
internal sealed class RepeatedStringReader
{
    private readonly byte[]?[] _raw = new byte[]?[2];
    private readonly string?[] _text = new string?[2];
    private int _next;

    /// <summary>Gets the value of the string token the reader is on.</summary>
    /// <param name="reader">A reader on a <see cref="JsonTokenType.String"/> token.</param>
    /// <returns>Its value, the same instance as before when the raw bytes are the same as one of the last two read; or
    /// <see langword="null"/> when it is no valid text (an escaped lone surrogate).</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public string? Read(ref Utf8JsonReader reader)
    {
        if (reader.HasValueSequence || reader.TokenType != JsonTokenType.String)
        {
            return null;
        }

        var raw = reader.ValueSpan;
        for (var i = 0; i < _raw.Length; i++)
        {
            if (_raw[i] is { } known && ShortEquality.Equal(raw, known))
            {
                return _text[i]!;
            }
        }

        if (!JsonlValues.TryGetString(ref reader, out var text))
        {
            return null;
        }

        _raw[_next] = raw.ToArray();
        _text[_next] = text;
        _next = (_next + 1) % _raw.Length;
        return text;
    }
}
