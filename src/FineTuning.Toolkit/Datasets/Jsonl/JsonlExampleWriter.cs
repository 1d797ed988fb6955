using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace FineTuning.Toolkit.Datasets.Jsonl;

/// <summary>Writes a <see cref="DatasetExample"/> as one JSON object in OpenAI's chat or preference format.</summary>
internal static class JsonlExampleWriter
{
    /// <summary>The key of the toolkit's metadata (category and tags), written only on request: <c>_toolkit_metadata</c>.</summary>
    public const string MetadataPropertyName = "_toolkit_metadata";

    /// <summary>Gets writer options for JSONL: compact, non-ASCII (emoji included) written as raw UTF-8.</summary>
    public static JsonWriterOptions WriterOptions { get; } = new()
    {
        Indented = false,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private const string HexDigits = "0123456789abcdef";

    private static readonly SearchValues<byte> NeedsEscaping = SearchValues.Create(
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31,
            (byte)'"', (byte)'\\']);

    /// <summary>Writes one example.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="example">The example.</param>
    /// <param name="includeMetadata">Whether to write the toolkit's metadata key (category, tags).</param>
    /// <param name="tolerant">
    /// <see langword="false"/> to throw on values that cannot be written faithfully (a tool's <c>ParametersJson</c> that is
    /// not JSON, a role outside the format's roles); <see langword="true"/> to write them anyway — the parameters as a
    /// JSON string, the role as its number — so that a validator reading the line back reports them as issues.
    /// </param>
    public static void Write(Utf8JsonWriter writer, DatasetExample example, bool includeMetadata, bool tolerant = false)
    {
        writer.WriteStartObject();
        switch (example)
        {
            case TrainingExample training:
                WriteMessages(writer, "messages", training.Messages, tolerant);
                WriteTools(writer, training.Tools, tolerant);
                WriteBool(writer, "parallel_tool_calls", training.ParallelToolCalls);
                break;
            case PreferenceExample preference:
                writer.WriteStartObject("input");
                WriteMessages(writer, "messages", preference.InputMessages, tolerant);
                WriteTools(writer, preference.InputTools, tolerant);
                WriteBool(writer, "parallel_tool_calls", preference.ParallelToolCalls);
                writer.WriteEndObject();
                WriteMessages(writer, "preferred_output", preference.PreferredOutput, tolerant);
                WriteMessages(writer, "non_preferred_output", preference.NonPreferredOutput, tolerant);
                break;
            default:
                throw new NotSupportedException($"Unknown example type {example.GetType()}.");
        }

        if (includeMetadata && (example.Category is not null || example.Tags.Count > 0))
        {
            writer.WriteStartObject(MetadataPropertyName);
            if (example.Category is not null)
            {
                WriteString(writer, "category", example.Category);
            }

            if (example.Tags.Count > 0)
            {
                writer.WriteStartArray("tags");
                foreach (var tag in example.Tags)
                {
                    WriteStringValue(writer, tag);
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static void WriteMessages(Utf8JsonWriter writer, string name, IReadOnlyList<TrainingMessage> messages, bool tolerant)
    {
        writer.WriteStartArray(name);
        foreach (var message in messages)
        {
            WriteMessage(writer, message, tolerant);
        }

        writer.WriteEndArray();
    }

    private static void WriteMessage(Utf8JsonWriter writer, TrainingMessage message, bool tolerant)
    {
        writer.WriteStartObject();
        writer.WriteString("role", KnownRoles.NameOf(message.Role) ?? (tolerant ? message.Role.Value ?? string.Empty : throw new NotSupportedException($"Unknown role '{message.Role}'.")));

        if (message.Content is not null)
        {
            WriteString(writer, "content", message.Content);
        }
        else if (message.ContentParts is not null)
        {
            writer.WriteStartArray("content");
            foreach (var part in message.ContentParts)
            {
                WritePart(writer, part);
            }

            writer.WriteEndArray();
        }

        WriteString(writer, "name", message.Name);
        if (message.ToolCalls is not null)
        {
            writer.WriteStartArray("tool_calls");
            foreach (var call in message.ToolCalls)
            {
                writer.WriteStartObject();
                WriteString(writer, "id", call.Id);
                writer.WriteString("type", "function");
                writer.WriteStartObject("function");
                WriteString(writer, "name", call.FunctionName);
                WriteString(writer, "arguments", call.Arguments);
                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        WriteString(writer, "refusal", message.Refusal);
        WriteString(writer, "tool_call_id", message.ToolCallId);
        if (message.Weight is { } weight)
        {
            writer.WriteNumber("weight", weight);
        }

        writer.WriteEndObject();
    }

    private static void WritePart(Utf8JsonWriter writer, ContentPart part)
    {
        writer.WriteStartObject();
        if (part.ImageUrl is { } url)
        {
            writer.WriteString("type", "image_url");
            writer.WriteStartObject("image_url");
            WriteString(writer, "url", url);
            if (part.ImageDetail is { } detail)
            {
                writer.WriteString("detail", detail);
            }

            writer.WriteEndObject();
        }
        else
        {
            writer.WriteString("type", "text");
            WriteString(writer, "text", part.Text ?? string.Empty);
        }

        writer.WriteEndObject();
    }

    private static void WriteTools(Utf8JsonWriter writer, IReadOnlyList<ToolDefinition>? tools, bool tolerant)
    {
        if (tools is null)
        {
            return;
        }

        writer.WriteStartArray("tools");
        foreach (var tool in tools)
        {
            writer.WriteStartObject();
            writer.WriteString("type", "function");
            writer.WriteStartObject("function");
            WriteString(writer, "name", tool.Name);
            WriteString(writer, "description", tool.Description);
            if (tool.ParametersJson is not null)
            {
                writer.WritePropertyName("parameters");
                if (tolerant && !IsSingleJsonValue(tool.ParametersJson))
                {
                    WriteStringValue(writer, tool.ParametersJson);
                }
                else
                {
                    writer.WriteRawValue(tool.ParametersJson);
                }
            }

            WriteBool(writer, "strict", tool.Strict);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    // Checked with the reader's single pass (no document is built); JSON nested deeper than 64 levels is written as a string.
    private static bool IsSingleJsonValue(string text) => JsonText.RootKind(text, JsonlReaderOptions.DefaultMaxDepth, out _) != JsonTokenType.None;

    private static void WriteString(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WritePropertyName(name);
            WriteStringValue(writer, value);
        }
    }

    // System.Text.Json's encoders escape every character outside the Basic Multilingual Plane (emoji become "\ud83d\udd10").
    // Training files should hold emoji as UTF-8, so string values are escaped here with only what JSON requires:
    // quotation mark, reverse solidus and control characters.
    private static void WriteStringValue(Utf8JsonWriter writer, string value)
    {
        var max = Encoding.UTF8.GetMaxByteCount(value.Length) + 2;
        byte[]? rented = null;
        var buffer = max <= 1024 ? stackalloc byte[1024] : (rented = ArrayPool<byte>.Shared.Rent(max));
        try
        {
            buffer[0] = (byte)'"';
            var length = Encoding.UTF8.GetBytes(value, buffer[1..]);
            var utf8 = buffer.Slice(1, length);
            if (utf8.IndexOfAny(NeedsEscaping) < 0)
            {
                buffer[length + 1] = (byte)'"';
                writer.WriteRawValue(buffer[..(length + 2)], skipInputValidation: true);
                return;
            }

            WriteEscaped(writer, utf8);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static void WriteEscaped(Utf8JsonWriter writer, ReadOnlySpan<byte> utf8)
    {
        var escaped = ArrayPool<byte>.Shared.Rent((utf8.Length * 6) + 2);
        try
        {
            var n = 0;
            escaped[n++] = (byte)'"';
            foreach (var b in utf8)
            {
                switch (b)
                {
                    case (byte)'"' or (byte)'\\':
                        escaped[n++] = (byte)'\\';
                        escaped[n++] = b;
                        break;
                    case (byte)'\n':
                        escaped[n++] = (byte)'\\';
                        escaped[n++] = (byte)'n';
                        break;
                    case (byte)'\r':
                        escaped[n++] = (byte)'\\';
                        escaped[n++] = (byte)'r';
                        break;
                    case (byte)'\t':
                        escaped[n++] = (byte)'\\';
                        escaped[n++] = (byte)'t';
                        break;
                    case < 0x20:
                        escaped[n++] = (byte)'\\';
                        escaped[n++] = (byte)'u';
                        escaped[n++] = (byte)'0';
                        escaped[n++] = (byte)'0';
                        escaped[n++] = (byte)HexDigits[b >> 4];
                        escaped[n++] = (byte)HexDigits[b & 0xF];
                        break;
                    default:
                        escaped[n++] = b;
                        break;
                }
            }

            escaped[n++] = (byte)'"';
            writer.WriteRawValue(escaped.AsSpan(0, n), skipInputValidation: true);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(escaped);
        }
    }

    private static void WriteBool(Utf8JsonWriter writer, string name, bool? value)
    {
        if (value is { } flag)
        {
            writer.WriteBoolean(name, flag);
        }
    }
}
