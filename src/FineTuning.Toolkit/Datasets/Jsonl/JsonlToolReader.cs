using System.Collections.Immutable;
using System.Text.Json;

namespace FineTuning.Toolkit.Datasets.Jsonl;

/// <summary>Reads tool definitions: a list of <c>function</c> tools, each with a name, an optional description, JSON-object
/// parameters (kept as raw JSON text) and an optional <c>strict</c> flag.</summary>
internal static class JsonlToolReader
{
    /// <summary>Reads a <c>tools</c> value (null for none).</summary>
    public static ImmutableArray<ToolDefinition>? ReadTools(ref Utf8JsonReader reader, JsonlPath path)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        JsonlValues.Expect(ref reader, JsonTokenType.StartArray, path.Push("tools"));
        var builder = ImmutableArray.CreateBuilder<ToolDefinition>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            JsonlValues.Expect(ref reader, JsonTokenType.StartObject, path.Push(builder.Count));
            ToolDefinition? tool = null;
            while (JsonlValues.NextProperty(ref reader))
            {
                if (reader.ValueTextEquals("type"u8))
                {
                    reader.Read();
                    JsonlValues.FunctionType(ref reader, path);
                }
                else if (reader.ValueTextEquals("function"u8))
                {
                    reader.Read();
                    tool = reader.TokenType == JsonTokenType.Null ? null : ReadToolFunction(ref reader, path);
                }
                else
                {
                    JsonlValues.SkipValue(ref reader);
                }
            }

            builder.Add(tool ?? throw JsonlValues.Missing(path, "function"));
            path.Pop();
        }

        path.Pop();
        return builder.DrainToImmutable();
    }

    private static ToolDefinition ReadToolFunction(ref Utf8JsonReader reader, JsonlPath path)
    {
        JsonlValues.Expect(ref reader, JsonTokenType.StartObject, path.Push("function"));
        string? name = null, description = null, parameters = null;
        bool? strict = null;
        while (JsonlValues.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("name"u8))
            {
                reader.Read();
                name = JsonlValues.String(ref reader, path, "name");
            }
            else if (reader.ValueTextEquals("description"u8))
            {
                reader.Read();
                description = JsonlValues.String(ref reader, path, "description");
            }
            else if (reader.ValueTextEquals("parameters"u8))
            {
                reader.Read();
                parameters = reader.TokenType switch
                {
                    JsonTokenType.Null => null,
                    JsonTokenType.StartObject => RawObject(ref reader),
                    _ => throw JsonlValues.WrongType(path, "parameters", "an object", reader.TokenType),
                };
            }
            else if (reader.ValueTextEquals("strict"u8))
            {
                reader.Read();
                strict = JsonlValues.Bool(ref reader, path, "strict");
            }
            else
            {
                JsonlValues.SkipValue(ref reader);
            }
        }

        var tool = new ToolDefinition(name ?? throw JsonlValues.Missing(path, "name"), description, parameters, strict);
        path.Pop();
        return tool;
    }

    private static string RawObject(ref Utf8JsonReader reader)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return document.RootElement.GetRawText();
    }
}
