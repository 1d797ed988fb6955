using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace FineTuning.Toolkit.Comparison.Batch;

/// <summary>
/// The chat completion body of one request, written the same way when the request file is made and when a live call is
/// answered from the batch results, so that its hash (the key of a <c>custom_id</c>) matches in both places.
/// </summary>
internal static class BatchRequestBody
{
    public const string Endpoint = "/v1/chat/completions";

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes the body object; <paramref name="maxTokensName"/> is the provider's name of the token limit.</summary>
    public static void Write(Utf8JsonWriter writer, string modelId, IEnumerable<ChatMessage> messages, ChatOptions? options, string maxTokensName = "max_completion_tokens")
    {
        writer.WriteStartObject();
        writer.WriteString("model", modelId);
        writer.WriteStartArray("messages");
        foreach (var message in messages)
        {
            writer.WriteStartObject();
            writer.WriteString("role", message.Role.Value);
            writer.WriteString("content", message.Text);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        if (options?.Temperature is { } temperature)
        {
            writer.WriteNumber("temperature", temperature);
        }

        if (options?.Seed is { } seed)
        {
            writer.WriteNumber("seed", seed);
        }

        if (options?.MaxOutputTokens is { } maxTokens)
        {
            writer.WriteNumber(maxTokensName, maxTokens);
        }

        writer.WriteEndObject();
    }

    /// <summary>The key of a request: the first 128 bits of the SHA-256 of its body, as 32 hex digits.</summary>
    public static string Key(string modelId, IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            Write(writer, modelId, messages, options);
        }

        return Key(buffer.WrittenSpan);
    }

    /// <summary>The key of a request <paramref name="body"/> already written by <see cref="Write"/>: as the other overload.</summary>
    public static string Key(ReadOnlySpan<byte> body)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(body, hash);
        return Convert.ToHexString(hash[..16]).ToLowerInvariant();
    }

    /// <summary>The 128 bits of a key made by <see cref="Key(ReadOnlySpan{byte})"/>, to count or index requests by a number rather than a text.</summary>
    /// <exception cref="FormatException">The text is not a key (exactly 32 lowercase hex digits).</exception>
    public static UInt128 ParseKey(string key)
        => TryParseKey(key, out var bits) ? bits : throw new FormatException($"'{key}' is not a request key (32 lowercase hex digits).");

    /// <summary>
    /// Reads a key's 128 bits; true only for the exact form <see cref="Key(ReadOnlySpan{byte})"/> writes: 32 lowercase hex
    /// digits (leading zeros included), nothing else, so that the number formats back to the same text.
    /// </summary>
    public static bool TryParseKey(ReadOnlySpan<char> text, out UInt128 key)
    {
        key = default;
        if (text.Length != 32)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiHexDigitLower(c))
            {
                return false;
            }
        }

        return UInt128.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out key);
    }

    /// <summary>
    /// Writes one line of a request file in the provider's <paramref name="shape"/>: <c>{"custom_id", "method", "url", "body"}</c>
    /// (OpenAI, Azure OpenAI) or <c>{"custom_id", "body"}</c> with <c>max_tokens</c> (Together AI). Returns the key, which is
    /// always the hash of the OpenAI-shaped body, so answers are found by the same key whatever the provider.
    /// </summary>
    public static string WriteLine(ArrayBufferWriter<byte> line, ArrayBufferWriter<byte> scratch, string modelId, IEnumerable<ChatMessage> messages, ChatOptions? options, Func<string, string> customId, BatchLineShape shape = BatchLineShape.OpenAI)
    {
        scratch.ResetWrittenCount();
        using (var body = new Utf8JsonWriter(scratch, WriterOptions))
        {
            Write(body, modelId, messages, options);
        }

        var key = Key(scratch.WrittenSpan);
        if (shape == BatchLineShape.Together && options?.MaxOutputTokens is not null)
        {
            scratch.ResetWrittenCount();
            using var body = new Utf8JsonWriter(scratch, WriterOptions);
            Write(body, modelId, messages, options, "max_tokens");
        }

        using (var writer = new Utf8JsonWriter(line, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("custom_id", customId(key));
            if (shape == BatchLineShape.OpenAI)
            {
                writer.WriteString("method", "POST");
                writer.WriteString("url", Endpoint);
            }

            writer.WritePropertyName("body");
            writer.WriteRawValue(scratch.WrittenSpan, skipInputValidation: true);
            writer.WriteEndObject();
        }

        line.Write("\n"u8);
        return key;
    }
}
