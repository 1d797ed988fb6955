using System.Text.Json;

namespace FineTuning.Toolkit.Datasets.Jsonl;

/// <summary>
/// Reads scalar values for <see cref="JsonlExampleReader"/> and <see cref="JsonlMessageReader"/> and builds their errors:
/// a wrong type or a missing field throws <see cref="JsonlMappingException"/> naming the field's path.
/// </summary>
internal static class JsonlValues
{
    /// <summary>Moves to the next property name of the current object; <see langword="false"/> at its end.</summary>
    public static bool NextProperty(ref Utf8JsonReader reader) => reader.Read() && reader.TokenType == JsonTokenType.PropertyName;

    /// <summary>Skips the value of the current property.</summary>
    public static void SkipValue(ref Utf8JsonReader reader)
    {
        reader.Read();
        reader.Skip();
    }

    /// <summary>Checks the token at the path's top segment.</summary>
    public static void Expect(ref Utf8JsonReader reader, JsonTokenType expected, JsonlPath path)
    {
        if (reader.TokenType != expected)
        {
            throw new JsonlMappingException(JsonlErrorCodes.InvalidType, path.Format(), $"expected {Describe(expected)}, found {Describe(reader.TokenType)}.");
        }
    }

    /// <summary>Reads an optional string (<see langword="null"/> for JSON null).</summary>
    public static string? String(ref Utf8JsonReader reader, JsonlPath path, string? name) => reader.TokenType switch
    {
        JsonTokenType.String => Text(ref reader, path, name),
        JsonTokenType.Null => null,
        _ => throw WrongType(path, name, "a string", reader.TokenType),
    };

    /// <summary>Reads a required string.</summary>
    public static string RequiredString(ref Utf8JsonReader reader, JsonlPath path, string name) =>
        String(ref reader, path, name) ?? throw Missing(path, name);

    /// <summary>Reads an optional boolean (<see langword="null"/> for JSON null).</summary>
    public static bool? Bool(ref Utf8JsonReader reader, JsonlPath path, string name) => reader.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        JsonTokenType.Null => null,
        _ => throw WrongType(path, name, "a boolean", reader.TokenType),
    };

    /// <summary>Reads an optional <c>"type": "function"</c>.</summary>
    public static void FunctionType(ref Utf8JsonReader reader, JsonlPath path)
    {
        if (String(ref reader, path, "type") is { } type && type != "function")
        {
            throw new JsonlMappingException(JsonlErrorCodes.InvalidValue, path.Format("type"), $"unsupported type '{type}' (expected function).");
        }
    }

    public static JsonlMappingException Missing(JsonlPath path, string name) =>
        new(JsonlErrorCodes.MissingField, path.Format(name), "required field is missing.");

    public static JsonlMappingException WrongType(JsonlPath path, string? name, string expected, JsonTokenType found) =>
        new(JsonlErrorCodes.InvalidType, path.Format(name), $"expected {expected}, found {Describe(found)}.");

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

    // Reads a string value; an escaped lone surrogate ("\ud800") is valid JSON syntax but no valid text.
    private static string Text(ref Utf8JsonReader reader, JsonlPath path, string? name)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw new JsonlMappingException(JsonlErrorCodes.InvalidValue, path.Format(name),
                "the string holds an escaped surrogate (\\uD800-\\uDFFF) that is not part of a valid pair.");
        }
    }
}
