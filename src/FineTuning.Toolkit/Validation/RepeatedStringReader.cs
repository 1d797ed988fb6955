using System.Text.Json;
#if NET9_0_OR_GREATER
using System.Runtime.InteropServices;
#endif

namespace FineTuning.Toolkit.Validation;

/// <summary>
/// Reads JSON string values that repeat from line to line (system prompts) without allocating a new string each time:
/// the raw bytes of the last two distinct values are kept, and a value with the same bytes gets the same string
/// instance back (which the caches downstream then recognise by reference). Not thread-safe: one per
/// <see cref="ExampleRuleContext"/>.
/// </summary>
internal sealed class RepeatedStringReader
{
#if NET9_0_OR_GREATER
    private readonly byte[]?[] _raw = new byte[]?[2];
    private readonly string?[] _text = new string?[2];
    private int _next;
#endif

    /// <summary>Gets the string value of a JSON string element.</summary>
    /// <param name="value">A JSON string.</param>
    /// <returns>Its value; the same instance as before when the raw bytes are the same as one of the last two read.</returns>
    public string Read(JsonElement value)
    {
#if NET9_0_OR_GREATER
        var raw = JsonMarshal.GetRawUtf8Value(value);
        for (var i = 0; i < _raw.Length; i++)
        {
            if (_raw[i] is { } known && raw.SequenceEqual(known))
            {
                return _text[i]!;
            }
        }

        var text = value.GetString() ?? string.Empty;
        _raw[_next] = raw.ToArray();
        _text[_next] = text;
        _next = (_next + 1) % _raw.Length;
        return text;
#else
        return value.GetString() ?? string.Empty;
#endif
    }
}
