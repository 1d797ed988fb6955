using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Text.Json;
using FineTuning.Toolkit.Internal.Text;

namespace FineTuning.Toolkit.Datasets.Jsonl;

/// <summary>
/// The one JSONL parser: reads one line (UTF-8 bytes) in a single forward pass with <see cref="Utf8JsonReader"/> into a
/// <see cref="JsonlLine"/> — OpenAI's chat format (<c>messages</c>, <c>tools</c>, <c>parallel_tool_calls</c>), its
/// preference format (<c>input</c>, <c>preferred_output</c>, <c>non_preferred_output</c>) and the toolkit's metadata key:
/// the typed <see cref="DatasetExample"/>, or the first <see cref="JsonlError"/> naming the field, and the facts of the
/// line the validator's checks read (they report every problem, not only the first). The rules of a valid message live
/// in <see cref="JsonlMessageReader"/>. Never throws for bad input (invalid UTF-8 or JSON, any depth, any size).
/// </summary>
internal static class JsonlExampleReader
{
    private static readonly byte[] MetadataName = System.Text.Encoding.UTF8.GetBytes(JsonlExampleWriter.MetadataPropertyName);

    /// <summary>Parses one line.</summary>
    /// <param name="facts">Where to read the line (reused from line to line by a reader of many lines).</param>
    /// <param name="line">The line's bytes, without terminator.</param>
    /// <param name="lineNumber">The 1-based line number, used in messages.</param>
    /// <param name="maxDepth">The deepest nesting accepted.</param>
    /// <param name="example">The example, when the line is valid.</param>
    /// <param name="error">The error, when it is not.</param>
    /// <returns><see langword="true"/> when <paramref name="example"/> was read.</returns>
    public static bool TryParse(JsonlLine facts, ReadOnlyMemory<byte> line, int lineNumber, int maxDepth, out DatasetExample? example, out JsonlError? error)
    {
        Read(facts, line, lineNumber, maxDepth);
        error = facts.Error;
        example = facts.ToExample();
        return example is not null;
    }

    /// <summary>Reads one line into <paramref name="facts"/> (reset first).</summary>
    /// <param name="facts">Where to read the line.</param>
    /// <param name="line">The line's bytes, without terminator.</param>
    /// <param name="lineNumber">The 1-based line number, used in messages.</param>
    /// <param name="maxDepth">The deepest nesting accepted.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Read(JsonlLine facts, ReadOnlyMemory<byte> line, int lineNumber, int maxDepth)
    {
        facts.Reset(line, lineNumber);
        var span = line.Span;
        if (Utf8Text.IndexOfIllFormed(span) is var invalid and >= 0)
        {
            facts.Syntax = JsonlSyntax.InvalidUtf8;
            facts.SetError(new JsonlError(JsonlErrorCodes.InvalidUtf8, $"Line {lineNumber}: invalid UTF-8 at byte {invalid} of the line."));
            return;
        }

        var reader = new Utf8JsonReader(span, new JsonReaderOptions { MaxDepth = Math.Max(1, maxDepth) });
        try
        {
            ReadDocument(ref reader, facts);

            // The rest of the line must be valid JSON too: a syntax error anywhere wins over a mapping error.
            while (reader.Read())
            {
            }
        }
        catch (JsonException ex)
        {
            var deep = JsonDepth.Exceeds(span, maxDepth);
            facts.Syntax = deep ? JsonlSyntax.TooDeep : JsonlSyntax.InvalidJson;
            facts.SyntaxErrorPosition = ex.BytePositionInLine;
            facts.SetError(deep
                ? new JsonlError(JsonlErrorCodes.MaxDepthExceeded, $"Line {lineNumber}: JSON nested deeper than the limit of {maxDepth} levels.")
                : new JsonlError(JsonlErrorCodes.InvalidJson, $"Line {lineNumber}: invalid JSON at byte {ex.BytePositionInLine ?? 0}: {FirstSentence(ex.Message)}"));
            return;
        }

        facts.Complete();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ReadDocument(ref Utf8JsonReader reader, JsonlLine facts)
    {
        if (!reader.Read())
        {
            facts.SetError(new JsonlError(JsonlErrorCodes.InvalidJson, $"Line {facts.LineNumber}: invalid JSON at byte 0: the line holds no JSON value."));
            return;
        }

        facts.RootKind = reader.TokenType;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            var found = JsonlValues.Describe(reader.TokenType);
            reader.Skip();
            facts.SetError(new JsonlError(JsonlErrorCodes.NotAnObject, $"Line {facts.LineNumber}: expected a JSON object, found {found}."));
            return;
        }

        while (JsonlValues.NextProperty(ref reader))
        {
            var key = KeyOf(ref reader);
            reader.Read();
            facts.Path.Clear();
            facts.Group = key switch
            {
                RootKey.Messages or RootKey.Tools or RootKey.ParallelToolCalls => JsonlErrorGroup.Chat,
                RootKey.Input or RootKey.PreferredOutput or RootKey.NonPreferredOutput => JsonlErrorGroup.Other,
                RootKey.Metadata => JsonlErrorGroup.Metadata,
                _ => JsonlErrorGroup.None,
            };
            ReadRootValue(ref reader, key, facts);
        }

        facts.Group = JsonlErrorGroup.None;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static RootKey KeyOf(ref Utf8JsonReader reader) =>
        JsonlValues.Is(ref reader, "messages"u8) ? RootKey.Messages
        : JsonlValues.Is(ref reader, "tools"u8) ? RootKey.Tools
        : JsonlValues.Is(ref reader, "parallel_tool_calls"u8) ? RootKey.ParallelToolCalls
        : JsonlValues.Is(ref reader, "input"u8) ? RootKey.Input
        : JsonlValues.Is(ref reader, "preferred_output"u8) ? RootKey.PreferredOutput
        : JsonlValues.Is(ref reader, "non_preferred_output"u8) ? RootKey.NonPreferredOutput
        : JsonlValues.Is(ref reader, MetadataName) ? RootKey.Metadata
        : JsonlValues.Is(ref reader, "category"u8) ? RootKey.Category
        : JsonlValues.Is(ref reader, "metadata"u8) ? RootKey.OtherMetadata
        : RootKey.Other;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ReadRootValue(ref Utf8JsonReader reader, RootKey key, JsonlLine facts)
    {
        switch (key)
        {
            case RootKey.Messages:
                JsonlMessageReader.ReadMessages(ref reader, facts, facts.Messages, "messages", nullable: false);
                break;
            case RootKey.Tools:
                facts.ToolsKind = JsonlToolReader.ReadTools(ref reader, facts, facts.Tools);
                break;
            case RootKey.ParallelToolCalls:
                facts.ParallelToolCalls = JsonlValues.Bool(ref reader, facts, "parallel_tool_calls");
                break;
            case RootKey.Input:
                ReadInput(ref reader, facts);
                break;
            case RootKey.PreferredOutput:
                JsonlMessageReader.ReadMessages(ref reader, facts, facts.Preferred, "preferred_output", nullable: true);
                break;
            case RootKey.NonPreferredOutput:
                JsonlMessageReader.ReadMessages(ref reader, facts, facts.NonPreferred, "non_preferred_output", nullable: true);
                break;
            case RootKey.Metadata:
                ReadMetadata(ref reader, facts);
                break;
            case RootKey.Category:
                facts.RootCategory = JsonlValues.QuietString(ref reader);
                break;
            case RootKey.OtherMetadata:
                facts.MetadataCategory = JsonlValues.QuietMember(ref reader, "category"u8, out _);
                break;
            default:
                reader.Skip();
                break;
        }
    }

    private static void ReadInput(ref Utf8JsonReader reader, JsonlLine facts)
    {
        var path = facts.Path;
        facts.InputKind = reader.TokenType;
        facts.InputMessages.Reset(JsonTokenType.None);
        facts.InputTools.Clear();
        facts.InputToolsKind = JsonTokenType.None;
        facts.InputParallelToolCalls = null;
        path.Push("input");
        if (!JsonlValues.Expect(ref reader, JsonTokenType.StartObject, facts))
        {
            path.Pop();
            return;
        }

        while (JsonlValues.NextProperty(ref reader))
        {
            if (JsonlValues.Is(ref reader, "messages"u8))
            {
                reader.Read();
                JsonlMessageReader.ReadMessages(ref reader, facts, facts.InputMessages, "messages", nullable: true);
            }
            else if (JsonlValues.Is(ref reader, "tools"u8))
            {
                reader.Read();
                facts.InputToolsKind = JsonlToolReader.ReadTools(ref reader, facts, facts.InputTools);
            }
            else if (JsonlValues.Is(ref reader, "parallel_tool_calls"u8))
            {
                reader.Read();
                facts.InputParallelToolCalls = JsonlValues.Bool(ref reader, facts, "parallel_tool_calls");
            }
            else
            {
                JsonlValues.SkipValue(ref reader);
            }
        }

        path.Pop();
    }

    private static void ReadMetadata(ref Utf8JsonReader reader, JsonlLine facts)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return;
        }

        var path = facts.Path.Push(JsonlExampleWriter.MetadataPropertyName);
        if (JsonlValues.Expect(ref reader, JsonTokenType.StartObject, facts))
        {
            facts.HasToolkitMetadata = true;
            while (JsonlValues.NextProperty(ref reader))
            {
                if (JsonlValues.Is(ref reader, "category"u8))
                {
                    reader.Read();
                    facts.ToolkitCategory = JsonlValues.String(ref reader, facts, "category");
                }
                else if (JsonlValues.Is(ref reader, "tags"u8))
                {
                    reader.Read();
                    path.Push("tags");
                    facts.ToolkitTags = ReadStrings(ref reader, facts);
                    path.Pop();
                }
                else
                {
                    JsonlValues.SkipValue(ref reader);
                }
            }
        }

        path.Pop();
    }

    // A "metadata" object outside the format: only its "category" is read (for reports).
    // Reads the array of strings at the path's top segment (null for none).
    private static ImmutableArray<string>? ReadStrings(ref Utf8JsonReader reader, JsonlLine facts)
    {
        if (reader.TokenType == JsonTokenType.Null || !JsonlValues.Expect(ref reader, JsonTokenType.StartArray, facts))
        {
            return null;
        }

        var builder = ImmutableArray.CreateBuilder<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            facts.Path.Push(builder.Count);
            if (JsonlValues.Expect(ref reader, JsonTokenType.String, facts))
            {
                builder.Add(JsonlValues.String(ref reader, facts, null)!);
            }

            facts.Path.Pop();
        }

        return builder.DrainToImmutable();
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message;
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
        Category,
        OtherMetadata,
    }
}
