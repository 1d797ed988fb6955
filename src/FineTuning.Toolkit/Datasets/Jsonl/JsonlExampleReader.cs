using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace FineTuning.Toolkit.Datasets.Jsonl;

/// <summary>
/// The one JSONL parser: maps one line (UTF-8 bytes) to a <see cref="DatasetExample"/> in a single forward pass with
/// <see cref="Utf8JsonReader"/> — OpenAI's chat format (<c>messages</c>, <c>tools</c>, <c>parallel_tool_calls</c>), its
/// preference format (<c>input</c>, <c>preferred_output</c>, <c>non_preferred_output</c>) and the toolkit's metadata key.
/// The rules of a valid message live in <see cref="JsonlMessageReader"/>. Never throws for bad input (invalid UTF-8 or
/// JSON, any depth, any size): the result is an example or a <see cref="JsonlError"/> naming the field.
/// </summary>
internal static class JsonlExampleReader
{
    /// <summary>Parses one line.</summary>
    /// <param name="line">The line's bytes, without terminator.</param>
    /// <param name="lineNumber">The 1-based line number, used in messages.</param>
    /// <param name="maxDepth">The deepest nesting accepted.</param>
    /// <param name="example">The example, when the line is valid.</param>
    /// <param name="error">The error, when it is not.</param>
    /// <returns><see langword="true"/> when <paramref name="example"/> was read.</returns>
    public static bool TryParse(ReadOnlyMemory<byte> line, int lineNumber, int maxDepth, out DatasetExample? example, out JsonlError? error)
    {
        example = null;
        error = null;
        var span = line.Span;
        if (!Utf8.IsValid(span))
        {
            error = new JsonlError(JsonlErrorCodes.InvalidUtf8, $"Line {lineNumber}: invalid UTF-8 at byte {FirstInvalidUtf8Byte(span)} of the line.");
            return false;
        }

        var reader = new Utf8JsonReader(span, new JsonReaderOptions { MaxDepth = Math.Max(1, maxDepth) });
        JsonlMappingException? mapping = null;
        try
        {
            try
            {
                example = ReadDocument(ref reader, lineNumber, out error);
            }
            catch (JsonlMappingException ex)
            {
                mapping = ex;
            }

            // The rest of the line must be valid JSON too: a syntax error anywhere wins over a mapping error.
            while (reader.Read())
            {
            }
        }
        catch (JsonException ex)
        {
            example = null;
            error = JsonDepth.Exceeds(span, maxDepth)
                ? new JsonlError(JsonlErrorCodes.MaxDepthExceeded, $"Line {lineNumber}: JSON nested deeper than the limit of {maxDepth} levels.")
                : new JsonlError(JsonlErrorCodes.InvalidJson, $"Line {lineNumber}: invalid JSON at byte {ex.BytePositionInLine ?? 0}: {FirstSentence(ex.Message)}");
            return false;
        }

        if (mapping is not null)
        {
            example = null;
            error = new JsonlError(mapping.Code, $"Line {lineNumber}, field '{mapping.Field}': {mapping.Message}", mapping.Field);
            return false;
        }

        return example is not null;
    }

    private static DatasetExample? ReadDocument(ref Utf8JsonReader reader, int lineNumber, out JsonlError? error)
    {
        error = null;
        if (!reader.Read())
        {
            error = new JsonlError(JsonlErrorCodes.InvalidJson, $"Line {lineNumber}: invalid JSON at byte 0: the line holds no JSON value.");
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            var found = JsonlValues.Describe(reader.TokenType);
            reader.Skip();
            error = new JsonlError(JsonlErrorCodes.NotAnObject, $"Line {lineNumber}: expected a JSON object, found {found}.");
            return null;
        }

        return ReadRoot(ref reader);
    }

    // Errors in the keys of the format a line is not in are ignored (a chat example with a malformed "input" is a chat
    // example), so each key's error is kept aside until the format is known.
    private static DatasetExample ReadRoot(ref Utf8JsonReader reader)
    {
        var path = new JsonlPath();
        var shape = default(RootShape);
        while (JsonlValues.NextProperty(ref reader))
        {
            var key = KeyOf(ref reader);
            var chat = key is RootKey.Messages or RootKey.Tools or RootKey.ParallelToolCalls;
            shape.SawMessages |= key == RootKey.Messages;
            reader.Read();
            var depth = reader.CurrentDepth;
            try
            {
                ReadRootValue(ref reader, key, path, ref shape);
            }
            catch (JsonlMappingException ex) when (key != RootKey.Metadata)
            {
                SkipRestOfValue(ref reader, depth);
                path.Clear();
                if (chat)
                {
                    shape.ChatError ??= ex;
                }
                else
                {
                    shape.OtherError ??= ex;
                }
            }
        }

        if (shape.SawMessages && shape.ChatError is { } chatError)
        {
            throw chatError;
        }

        if (!shape.SawMessages && shape.OtherError is { } otherError)
        {
            throw otherError;
        }

        return Build(in shape, path);
    }

    private static RootKey KeyOf(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("messages"u8) ? RootKey.Messages
        : reader.ValueTextEquals("tools"u8) ? RootKey.Tools
        : reader.ValueTextEquals("parallel_tool_calls"u8) ? RootKey.ParallelToolCalls
        : reader.ValueTextEquals("input"u8) ? RootKey.Input
        : reader.ValueTextEquals("preferred_output"u8) ? RootKey.PreferredOutput
        : reader.ValueTextEquals("non_preferred_output"u8) ? RootKey.NonPreferredOutput
        : reader.ValueTextEquals(JsonlExampleWriter.MetadataPropertyName) ? RootKey.Metadata
        : RootKey.Other;

    private static void ReadRootValue(ref Utf8JsonReader reader, RootKey key, JsonlPath path, ref RootShape shape)
    {
        switch (key)
        {
            case RootKey.Messages:
                shape.Messages = JsonlMessageReader.ReadMessages(ref reader, path.Push("messages"));
                break;
            case RootKey.Tools:
                shape.Tools = JsonlToolReader.ReadTools(ref reader, path);
                break;
            case RootKey.ParallelToolCalls:
                shape.Parallel = JsonlValues.Bool(ref reader, path, "parallel_tool_calls");
                break;
            case RootKey.Input:
                shape.HasInput = true;
                ReadInput(ref reader, path, ref shape);
                break;
            case RootKey.PreferredOutput:
                shape.Preferred = JsonlMessageReader.ReadMessagesOrNull(ref reader, path.Push("preferred_output"));
                break;
            case RootKey.NonPreferredOutput:
                shape.NonPreferred = JsonlMessageReader.ReadMessagesOrNull(ref reader, path.Push("non_preferred_output"));
                break;
            case RootKey.Metadata:
                ReadMetadata(ref reader, path, ref shape);
                break;
            default:
                reader.Skip();
                break;
        }
    }

    private static void SkipRestOfValue(ref Utf8JsonReader reader, int depth)
    {
        if (reader.CurrentDepth == depth)
        {
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                reader.Skip();
            }

            return;
        }

        while (!(reader.CurrentDepth == depth && reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray) && reader.Read())
        {
        }
    }

    private static DatasetExample Build(in RootShape shape, JsonlPath path)
    {
        DatasetExample example;
        if (shape.SawMessages && shape.Messages is { } messages)
        {
            example = new TrainingExample { Messages = messages, Tools = shape.Tools, ParallelToolCalls = shape.Parallel };
        }
        else if (shape.HasInput || shape.Preferred is not null || shape.NonPreferred is not null)
        {
            example = new PreferenceExample
            {
                InputMessages = shape.InputMessages ?? throw JsonlValues.Missing(path, shape.HasInput ? "input.messages" : "input"),
                InputTools = shape.InputTools,
                ParallelToolCalls = shape.InputParallel,
                PreferredOutput = shape.Preferred ?? throw JsonlValues.Missing(path, "preferred_output"),
                NonPreferredOutput = shape.NonPreferred ?? throw JsonlValues.Missing(path, "non_preferred_output"),
            };
        }
        else
        {
            throw new JsonlMappingException(JsonlErrorCodes.MissingField, "messages",
                "missing 'messages' (chat format) or 'input' / 'preferred_output' / 'non_preferred_output' (preference format).");
        }

        return shape.HasMetadata ? example with { Category = shape.Category, Tags = shape.Tags ?? [] } : example;
    }

    private static void ReadInput(ref Utf8JsonReader reader, JsonlPath path, ref RootShape shape)
    {
        JsonlValues.Expect(ref reader, JsonTokenType.StartObject, path.Push("input"));
        while (JsonlValues.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("messages"u8))
            {
                reader.Read();
                shape.InputMessages = JsonlMessageReader.ReadMessagesOrNull(ref reader, path.Push("messages"));
            }
            else if (reader.ValueTextEquals("tools"u8))
            {
                reader.Read();
                shape.InputTools = JsonlToolReader.ReadTools(ref reader, path);
            }
            else if (reader.ValueTextEquals("parallel_tool_calls"u8))
            {
                reader.Read();
                shape.InputParallel = JsonlValues.Bool(ref reader, path, "parallel_tool_calls");
            }
            else
            {
                JsonlValues.SkipValue(ref reader);
            }
        }

        path.Pop();
    }

    private static void ReadMetadata(ref Utf8JsonReader reader, JsonlPath path, ref RootShape shape)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return;
        }

        JsonlValues.Expect(ref reader, JsonTokenType.StartObject, path.Push(JsonlExampleWriter.MetadataPropertyName));
        shape.HasMetadata = true;
        while (JsonlValues.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("category"u8))
            {
                reader.Read();
                shape.Category = JsonlValues.String(ref reader, path, "category");
            }
            else if (reader.ValueTextEquals("tags"u8))
            {
                reader.Read();
                shape.Tags = ReadStrings(ref reader, path.Push("tags"));
            }
            else
            {
                JsonlValues.SkipValue(ref reader);
            }
        }

        path.Pop();
    }

    // Reads the array of strings at the path's top segment (null for none), then pops that segment.
    private static ImmutableArray<string>? ReadStrings(ref Utf8JsonReader reader, JsonlPath path)
    {
        ImmutableArray<string>? result = null;
        if (reader.TokenType != JsonTokenType.Null)
        {
            JsonlValues.Expect(ref reader, JsonTokenType.StartArray, path);
            var builder = ImmutableArray.CreateBuilder<string>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                JsonlValues.Expect(ref reader, JsonTokenType.String, path.Push(builder.Count));
                builder.Add(JsonlValues.String(ref reader, path, null)!);
                path.Pop();
            }

            result = builder.DrainToImmutable();
        }

        path.Pop();
        return result;
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message;
    }

    private static int FirstInvalidUtf8Byte(ReadOnlySpan<byte> span)
    {
        var index = 0;
        while (index < span.Length)
        {
            if (Rune.DecodeFromUtf8(span[index..], out _, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                return index;
            }

            index += consumed;
        }

        return index;
    }

    /// <summary>What the root object held, gathered in one pass before the example is built.</summary>
    private struct RootShape
    {
        public ImmutableArray<TrainingMessage>? Messages;
        public ImmutableArray<ToolDefinition>? Tools;
        public bool? Parallel;
        public bool HasInput;
        public ImmutableArray<TrainingMessage>? InputMessages;
        public ImmutableArray<ToolDefinition>? InputTools;
        public bool? InputParallel;
        public ImmutableArray<TrainingMessage>? Preferred;
        public ImmutableArray<TrainingMessage>? NonPreferred;
        public bool HasMetadata;
        public string? Category;
        public ImmutableArray<string>? Tags;
        public bool SawMessages;
        public JsonlMappingException? ChatError;
        public JsonlMappingException? OtherError;
    }

    private enum RootKey
    {
        Other,
        Messages,
        Tools,
        ParallelToolCalls,
        Input,
        PreferredOutput,
        NonPreferredOutput,
        Metadata,
    }
}
