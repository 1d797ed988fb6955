using System.Collections.Immutable;
using System.Text.Json;

namespace FineTuning.Toolkit.Datasets.Jsonl;

/// <summary>Reads tool definitions: a list of <c>function</c> tools, each with a name, an optional description, JSON-object
/// parameters (kept as where their raw JSON text is in the line) and an optional <c>strict</c> flag.</summary>
internal static class JsonlToolReader
{
    /// <summary>Reads the <c>tools</c> value the reader is on into <paramref name="tools"/>.</summary>
    /// <returns>The token found for the list.</returns>
    public static JsonTokenType ReadTools(ref Utf8JsonReader reader, JsonlLine line, List<JsonlTool> tools)
    {
        var kind = reader.TokenType;
        tools.Clear();
        if (kind == JsonTokenType.Null)
        {
            return kind;
        }

        var path = line.Path.Push("tools");
        if (JsonlValues.Expect(ref reader, JsonTokenType.StartArray, line))
        {
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                path.Push(tools.Count);
                var tool = new JsonlTool { Kind = reader.TokenType };
                if (JsonlValues.Expect(ref reader, JsonTokenType.StartObject, line))
                {
                    ReadTool(ref reader, line, ref tool);
                }

                tools.Add(tool);
                path.Pop();
            }
        }

        path.Pop();
        return kind;
    }

    /// <summary>Builds the typed definitions; only valid when the line was read without error.</summary>
    public static ImmutableArray<ToolDefinition> ToDefinitions(List<JsonlTool> tools, ReadOnlyMemory<byte> line)
    {
        var builder = ImmutableArray.CreateBuilder<ToolDefinition>(tools.Count);
        foreach (var tool in tools)
        {
            var parameters = tool.ParametersKind == JsonTokenType.StartObject ? tool.Parameters.TextOf(line) : null;
            builder.Add(new ToolDefinition(tool.Name!, tool.Description, parameters, tool.Strict));
        }

        return builder.MoveToImmutable();
    }

    private static void ReadTool(ref Utf8JsonReader reader, JsonlLine line, ref JsonlTool tool)
    {
        while (JsonlValues.NextProperty(ref reader))
        {
            if (JsonlValues.Is(ref reader, "type"u8))
            {
                reader.Read();
                JsonlValues.FunctionType(ref reader, line);
            }
            else if (JsonlValues.Is(ref reader, "function"u8))
            {
                reader.Read();
                tool = new JsonlTool { Kind = tool.Kind, FunctionKind = reader.TokenType };
                if (reader.TokenType != JsonTokenType.Null)
                {
                    line.Path.Push("function");
                    ReadFunction(ref reader, line, ref tool);
                    line.Path.Pop();
                }
            }
            else
            {
                JsonlValues.SkipValue(ref reader);
            }
        }

        JsonlValues.Require(tool.FunctionKind is not (JsonTokenType.None or JsonTokenType.Null), line, "function");
    }

    // Reads the function object the reader is on (its path is the path's top segment).
    private static void ReadFunction(ref Utf8JsonReader reader, JsonlLine line, ref JsonlTool tool)
    {
        if (!JsonlValues.Expect(ref reader, JsonTokenType.StartObject, line))
        {
            return;
        }

        while (JsonlValues.NextProperty(ref reader))
        {
            if (JsonlValues.Is(ref reader, "name"u8))
            {
                reader.Read();
                tool.NameKind = reader.TokenType;
                tool.Name = JsonlValues.String(ref reader, line, "name");
            }
            else if (JsonlValues.Is(ref reader, "description"u8))
            {
                reader.Read();
                tool.DescriptionKind = reader.TokenType;
                tool.Description = JsonlValues.String(ref reader, line, "description");
            }
            else if (JsonlValues.Is(ref reader, "parameters"u8))
            {
                reader.Read();
                ReadParameters(ref reader, line, ref tool);
            }
            else if (JsonlValues.Is(ref reader, "strict"u8))
            {
                reader.Read();
                tool.Strict = JsonlValues.Bool(ref reader, line, "strict");
            }
            else
            {
                JsonlValues.SkipValue(ref reader);
            }
        }

        JsonlValues.Require(tool.Name is not null, line, "name");
    }

    // Parameters are kept as where their raw text is, never re-serialized: their tokens are counted as written.
    private static void ReadParameters(ref Utf8JsonReader reader, JsonlLine line, ref JsonlTool tool)
    {
        tool.ParametersKind = reader.TokenType;
        var start = JsonlValues.Start(ref reader);
        if (reader.TokenType is not (JsonTokenType.Null or JsonTokenType.StartObject) && line.WantsError)
        {
            line.Fail(JsonlValues.WrongType(line.Path, "parameters", "an object", reader.TokenType));
        }

        reader.Skip();
        tool.Parameters = new JsonlSpan(start, JsonlValues.End(ref reader));
    }
}
