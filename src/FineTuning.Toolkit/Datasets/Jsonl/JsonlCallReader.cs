using System.Text.Json;

namespace FineTuning.Toolkit.Datasets.Jsonl;

/// <summary>Reads a message's <c>tool_calls</c> (a list of <c>function</c> calls, each with an id, a name and string
/// arguments) and the legacy <c>function_call</c>, which the format ignores but the validator checks.</summary>
internal static class JsonlCallReader
{
    /// <summary>Reads the <c>tool_calls</c> value the reader is on (not JSON null).</summary>
    public static void ReadToolCalls(ref Utf8JsonReader reader, JsonlLine line, List<JsonlCall> calls)
    {
        var path = line.Path.Push("tool_calls");
        if (JsonlValues.Expect(ref reader, JsonTokenType.StartArray, line))
        {
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                path.Push(calls.Count);
                var call = new JsonlCall { Kind = reader.TokenType };
                if (JsonlValues.Expect(ref reader, JsonTokenType.StartObject, line))
                {
                    ReadCall(ref reader, line, ref call);
                }

                calls.Add(call);
                path.Pop();
            }
        }

        path.Pop();
    }

    /// <summary>Reads a <c>function_call</c> value: only its <c>arguments</c>, without judging it.</summary>
    public static void ReadFunctionCall(ref Utf8JsonReader reader, JsonlMessage message) =>
        message.FunctionCallArguments = JsonlValues.QuietMember(ref reader, "arguments"u8, out message.FunctionCallArgumentsKind);

    private static void ReadCall(ref Utf8JsonReader reader, JsonlLine line, ref JsonlCall call)
    {
        while (JsonlValues.NextProperty(ref reader))
        {
            if (JsonlValues.Is(ref reader, "id"u8))
            {
                reader.Read();
                call.IdKind = reader.TokenType;
                call.Id = JsonlValues.String(ref reader, line, "id");
            }
            else if (JsonlValues.Is(ref reader, "type"u8))
            {
                reader.Read();
                JsonlValues.FunctionType(ref reader, line);
            }
            else if (JsonlValues.Is(ref reader, "function"u8))
            {
                reader.Read();
                call.FunctionKind = reader.TokenType;
                call.NameKind = call.ArgumentsKind = JsonTokenType.None;
                call.Name = call.Arguments = null;
                if (reader.TokenType != JsonTokenType.Null)
                {
                    line.Path.Push("function");
                    ReadFunction(ref reader, line, ref call);
                    line.Path.Pop();
                }
            }
            else
            {
                JsonlValues.SkipValue(ref reader);
            }
        }

        JsonlValues.Require(call.Id is not null, line, "id");
        JsonlValues.Require(call.FunctionKind is not (JsonTokenType.None or JsonTokenType.Null), line, "function");
    }

    // Reads the function object the reader is on (its path is the path's top segment).
    private static void ReadFunction(ref Utf8JsonReader reader, JsonlLine line, ref JsonlCall call)
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
                call.NameKind = reader.TokenType;
                call.Name = JsonlValues.String(ref reader, line, "name");
            }
            else if (JsonlValues.Is(ref reader, "arguments"u8))
            {
                reader.Read();
                call.ArgumentsKind = reader.TokenType;
                call.Arguments = JsonlValues.String(ref reader, line, "arguments");
            }
            else
            {
                JsonlValues.SkipValue(ref reader);
            }
        }

        JsonlValues.Require(call.Name is not null, line, "name");
        JsonlValues.Require(call.Arguments is not null, line, "arguments");
    }
}
