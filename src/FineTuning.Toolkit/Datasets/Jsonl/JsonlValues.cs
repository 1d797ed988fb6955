using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using FineTuning.Toolkit.Internal.Text;

namespace FineTuning.Toolkit.Datasets.Jsonl;

/// <summary>
/// Reads scalar values for <see cref="JsonlExampleReader"/>, <see cref="JsonlMessageReader"/> and
/// <see cref="JsonlToolReader"/> and builds their errors: a wrong type or a missing field is recorded on the
/// <see cref="JsonlLine"/> (naming the field's path) and reading goes on, so that the line's other facts are still read.
/// </summary>
internal static class JsonlValues
{
    /// <summary>Moves to the next property name of the current object; <see langword="false"/> at its end.</summary>
    public static bool NextProperty(ref Utf8JsonReader reader) => reader.Read() && reader.TokenType == JsonTokenType.PropertyName;

    /// <summary>Gets a value indicating whether the property name or string the reader is on is <paramref name="text"/>
    /// (compared in place; an escaped lone surrogate, which <see cref="Utf8JsonReader.ValueTextEquals(ReadOnlySpan{byte})"/>
    /// throws on, is no match).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool Is(ref Utf8JsonReader reader, ReadOnlySpan<byte> text)
    {
        if (!reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            return ShortEquality.Equal(reader.ValueSpan, text);
        }

        try
        {
            return reader.ValueTextEquals(text);
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Skips the value of the current property.</summary>
    public static void SkipValue(ref Utf8JsonReader reader)
    {
        reader.Read();
        reader.Skip();
    }

    /// <summary>Checks the token at the path's top segment; when it is another, records the error and skips the value.</summary>
    /// <returns><see langword="true"/> when the token is the expected one.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool Expect(ref Utf8JsonReader reader, JsonTokenType expected, JsonlLine line)
    {
        if (reader.TokenType == expected)
        {
            return true;
        }

        if (line.WantsError)
        {
            line.Fail(new JsonlError(JsonlErrorCodes.InvalidType, $"expected {Describe(expected)}, found {Describe(reader.TokenType)}.", line.Path.Format()));
        }

        reader.Skip();
        return false;
    }

    /// <summary>Reads an optional string (<see langword="null"/> for JSON null or another type, which is recorded as an error).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static string? String(ref Utf8JsonReader reader, JsonlLine line, string? name)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return Text(ref reader, line, name);
            case JsonTokenType.Null:
                return null;
            default:
                if (line.WantsError)
                {
                    line.Fail(WrongType(line.Path, name, "a string", reader.TokenType));
                }

                reader.Skip();
                return null;
        }
    }

    /// <summary>Reads an optional string into the line's <see cref="JsonlLine.Texts"/>, allocating nothing (empty for JSON
    /// null or another type, which is recorded as an error).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ReadOnlyMemory<char> BufferedText(ref Utf8JsonReader reader, JsonlLine line, string name)
    {
        if (reader.TokenType == JsonTokenType.String && !reader.HasValueSequence)
        {
            var raw = reader.ValueSpan;
            var room = line.Texts.Reserve(raw.Length);
            var written = Utf8Text.TryDecode(raw, room);
            if (written >= 0)
            {
                return line.Texts.Commit(written);
            }
        }

        // JSON null, another type (an error) or a string the toolkit's decoder refuses: as for any other string.
        return String(ref reader, line, name).AsMemory();
    }

    /// <summary>Reads a string outside the format (no error: <see langword="null"/> for any other token).</summary>
    public static string? QuietString(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            reader.Skip();
            return null;
        }

        return TryGetString(ref reader, out var text) ? text : RawText(ref reader);
    }

    /// <summary>Reads one string member of an object outside the format's rules (no error; any other value is skipped; on
    /// duplicate keys the last one wins).</summary>
    /// <param name="reader">A reader on the object's value.</param>
    /// <param name="name">The member's name.</param>
    /// <param name="kind">The token the member held (<see cref="JsonTokenType.None"/> when absent).</param>
    /// <returns>The string, or <see langword="null"/> when absent or not a string.</returns>
    public static string? QuietMember(ref Utf8JsonReader reader, ReadOnlySpan<byte> name, out JsonTokenType kind)
    {
        kind = JsonTokenType.None;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }

        string? value = null;
        while (NextProperty(ref reader))
        {
            var isMember = Is(ref reader, name);
            reader.Read();
            if (isMember)
            {
                kind = reader.TokenType;
                value = QuietString(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        return value;
    }

    /// <summary>Gets the property name the reader is on (its raw text when it is no valid text).</summary>
    public static string PropertyName(ref Utf8JsonReader reader) => TryGetString(ref reader, out var text) ? text : RawText(ref reader);

    /// <summary>Reads an optional boolean (<see langword="null"/> for JSON null or another type, recorded as an error).</summary>
    public static bool? Bool(ref Utf8JsonReader reader, JsonlLine line, string name)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.True:
                return true;
            case JsonTokenType.False:
                return false;
            case JsonTokenType.Null:
                return null;
            default:
                if (line.WantsError)
                {
                    line.Fail(WrongType(line.Path, name, "a boolean", reader.TokenType));
                }

                reader.Skip();
                return null;
        }
    }

    /// <summary>Reads an optional <c>"type": "function"</c>.</summary>
    public static void FunctionType(ref Utf8JsonReader reader, JsonlLine line)
    {
        if (String(ref reader, line, "type") is { } type && type != "function" && line.WantsError)
        {
            line.Fail(new JsonlError(JsonlErrorCodes.InvalidValue, $"unsupported type '{type}' (expected function).", line.Path.Format("type")));
        }
    }

    /// <summary>Records a missing field when <paramref name="present"/> is <see langword="false"/>.</summary>
    public static void Require(bool present, JsonlLine line, string name)
    {
        if (!present && line.WantsError)
        {
            line.Fail(new JsonlError(JsonlErrorCodes.MissingField, "required field is missing.", line.Path.Format(name)));
        }
    }

    public static JsonlError WrongType(JsonlPath path, string? name, string expected, JsonTokenType found) =>
        new(JsonlErrorCodes.InvalidType, $"expected {expected}, found {Describe(found)}.", path.Format(name));

    /// <summary>Where the value the reader is on starts (call <see cref="End"/> once the value is read).</summary>
    public static int Start(ref Utf8JsonReader reader) => checked((int)reader.TokenStartIndex);

    /// <summary>Where the value the reader has just finished ends.</summary>
    public static int End(ref Utf8JsonReader reader) => checked((int)reader.BytesConsumed);

    public static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => "nothing",
    };

    // Reads a string value; an escaped lone surrogate ("\ud800") is valid JSON syntax but no valid text: an error for the
    // format, and the raw (escaped) text for the checks that go on reading.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static string Text(ref Utf8JsonReader reader, JsonlLine line, string? name)
    {
        if (TryGetString(ref reader, out var text))
        {
            return text;
        }

        if (line.WantsError)
        {
            line.Fail(new JsonlError(JsonlErrorCodes.InvalidValue,
                "the string holds an escaped surrogate (\\uD800-\\uDFFF) that is not part of a valid pair.", line.Path.Format(name)));
        }

        return RawText(ref reader);
    }

    /// <summary>Gets the value of the string or property name the reader is on, decoded by the toolkit's own decoder when
    /// it can, else by the reader.</summary>
    /// <returns><see langword="false"/> when it is no valid text (an escaped lone surrogate).</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static bool TryGetString(ref Utf8JsonReader reader, out string text)
    {
        // A value in one segment is decoded by the toolkit's own decoder; anything it refuses (ill-formed bytes, an escaped
        // lone surrogate) by the reader, which keeps its results and errors.
        if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && !reader.HasValueSequence
            && Utf8Text.TryDecode(reader.ValueSpan, out text))
        {
            return true;
        }

        try
        {
            text = reader.GetString()!;
            return true;
        }
        catch (InvalidOperationException)
        {
            text = string.Empty;
            return false;
        }
    }

    private static string RawText(ref Utf8JsonReader reader) =>
        Encoding.UTF8.GetString(reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan);
}
