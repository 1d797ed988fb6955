using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using FineTuning.Toolkit.Datasets;

namespace FineTuning.Toolkit.Internal;

/// <summary>
/// Maps one JSONL line (UTF-8 bytes) to a <see cref="DatasetExample"/>: OpenAI's chat format (<c>messages</c>, <c>tools</c>,
/// <c>parallel_tool_calls</c>) or its preference format (<c>input</c>, <c>preferred_output</c>, <c>non_preferred_output</c>),
/// plus the toolkit's metadata key. Never throws for bad input: the result is an example or a <see cref="JsonlError"/>.
/// </summary>
internal static class JsonlExampleParser
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
            var at = FirstInvalidUtf8Byte(span);
            error = new JsonlError(JsonlErrorCodes.InvalidUtf8, $"Line {lineNumber}: invalid UTF-8 at byte {at} of the line.");
            return false;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line, new JsonDocumentOptions { MaxDepth = maxDepth });
        }
        catch (JsonException ex)
        {
            error = Depth(span) > maxDepth
                ? new JsonlError(JsonlErrorCodes.MaxDepthExceeded,
                    $"Line {lineNumber}: JSON nested deeper than the limit of {maxDepth} levels.")
                : new JsonlError(JsonlErrorCodes.InvalidJson,
                    $"Line {lineNumber}: invalid JSON at byte {ex.BytePositionInLine ?? 0}: {FirstSentence(ex.Message)}");
            return false;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = new JsonlError(JsonlErrorCodes.NotAnObject,
                    $"Line {lineNumber}: expected a JSON object, found {Describe(root.ValueKind)}.");
                return false;
            }

            try
            {
                example = ReadExample(root);
                return true;
            }
            catch (JsonlMappingException ex)
            {
                error = new JsonlError(ex.Code, $"Line {lineNumber}, field '{ex.Field}': {ex.Message}", ex.Field);
                return false;
            }
        }
    }

    private static DatasetExample ReadExample(JsonElement root)
    {
        DatasetExample example;
        if (root.TryGetProperty("messages", out var messages))
        {
            example = new TrainingExample
            {
                Messages = ReadMessages(messages, "messages"),
                Tools = ReadTools(root, "tools", string.Empty),
                ParallelToolCalls = OptionalBool(root, "parallel_tool_calls", string.Empty),
            };
        }
        else if (root.TryGetProperty("input", out var input)
                 || root.TryGetProperty("preferred_output", out _)
                 || root.TryGetProperty("non_preferred_output", out _))
        {
            if (input.ValueKind == JsonValueKind.Undefined)
            {
                throw Missing("input");
            }

            RequireKind(input, JsonValueKind.Object, "input");
            example = new PreferenceExample
            {
                InputMessages = ReadMessages(Required(input, "messages", "input."), "input.messages"),
                InputTools = ReadTools(input, "tools", "input."),
                ParallelToolCalls = OptionalBool(input, "parallel_tool_calls", "input."),
                PreferredOutput = ReadMessages(Required(root, "preferred_output", string.Empty), "preferred_output"),
                NonPreferredOutput = ReadMessages(Required(root, "non_preferred_output", string.Empty), "non_preferred_output"),
            };
        }
        else
        {
            throw new JsonlMappingException(JsonlErrorCodes.MissingField, "messages",
                "missing 'messages' (chat format) or 'input' / 'preferred_output' / 'non_preferred_output' (preference format).");
        }

        if (root.TryGetProperty(JsonlWriterOptions.MetadataPropertyName, out var metadata) && metadata.ValueKind != JsonValueKind.Null)
        {
            const string Path = JsonlWriterOptions.MetadataPropertyName;
            RequireKind(metadata, JsonValueKind.Object, Path);
            example = example with
            {
                Category = OptionalString(metadata, "category", Path + "."),
                Tags = ReadStrings(metadata, "tags", Path + "."),
            };
        }

        return example;
    }

    private static ImmutableArray<TrainingMessage> ReadMessages(JsonElement array, string path)
    {
        RequireKind(array, JsonValueKind.Array, path);
        var builder = ImmutableArray.CreateBuilder<TrainingMessage>(array.GetArrayLength());
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            builder.Add(ReadMessage(item, $"{path}[{i++}]"));
        }

        return builder.MoveToImmutable();
    }

    private static TrainingMessage ReadMessage(JsonElement message, string path)
    {
        RequireKind(message, JsonValueKind.Object, path);
        var prefix = path + ".";
        var roleElement = Required(message, "role", prefix);
        RequireKind(roleElement, JsonValueKind.String, prefix + "role");
        var role = roleElement.GetString() switch
        {
            "system" => MessageRole.System,
            "developer" => MessageRole.Developer,
            "user" => MessageRole.User,
            "assistant" => MessageRole.Assistant,
            "tool" => MessageRole.Tool,
            var other => throw new JsonlMappingException(JsonlErrorCodes.InvalidValue, prefix + "role",
                $"unknown role '{other}' (expected system, developer, user, assistant or tool)."),
        };

        string? content = null;
        ImmutableArray<ContentPart>? parts = null;
        if (message.TryGetProperty("content", out var contentElement))
        {
            switch (contentElement.ValueKind)
            {
                case JsonValueKind.String:
                    content = contentElement.GetString();
                    break;
                case JsonValueKind.Array:
                    parts = ReadParts(contentElement, prefix + "content");
                    break;
                case JsonValueKind.Null:
                    break;
                default:
                    throw WrongType(prefix + "content", "a string, an array of content parts or null", contentElement.ValueKind);
            }
        }

        int? weight = null;
        if (message.TryGetProperty("weight", out var weightElement) && weightElement.ValueKind != JsonValueKind.Null)
        {
            if (weightElement.ValueKind != JsonValueKind.Number || !weightElement.TryGetInt32(out var w))
            {
                throw WrongType(prefix + "weight", "an integer (0 or 1)", weightElement.ValueKind);
            }

            weight = w;
        }

        return new TrainingMessage
        {
            Role = role,
            Content = content,
            ContentParts = parts,
            Name = OptionalString(message, "name", prefix),
            Weight = weight,
            ToolCalls = ReadToolCalls(message, prefix),
            Refusal = OptionalString(message, "refusal", prefix),
            ToolCallId = OptionalString(message, "tool_call_id", prefix),
        };
    }

    private static ImmutableArray<ContentPart> ReadParts(JsonElement array, string path)
    {
        var builder = ImmutableArray.CreateBuilder<ContentPart>(array.GetArrayLength());
        var i = 0;
        foreach (var part in array.EnumerateArray())
        {
            var partPath = $"{path}[{i++}]";
            RequireKind(part, JsonValueKind.Object, partPath);
            var typeElement = Required(part, "type", partPath + ".");
            RequireKind(typeElement, JsonValueKind.String, partPath + ".type");
            switch (typeElement.GetString())
            {
                case "text":
                    builder.Add(new TextContentPart(RequiredString(part, "text", partPath + ".")));
                    break;
                case "image_url":
                    var image = Required(part, "image_url", partPath + ".");
                    var imagePath = partPath + ".image_url";
                    RequireKind(image, JsonValueKind.Object, imagePath);
                    var detail = OptionalString(image, "detail", imagePath + ".") switch
                    {
                        null => (ImageDetail?)null,
                        "auto" => ImageDetail.Auto,
                        "low" => ImageDetail.Low,
                        "high" => ImageDetail.High,
                        var other => throw new JsonlMappingException(JsonlErrorCodes.InvalidValue, imagePath + ".detail",
                            $"unknown detail '{other}' (expected auto, low or high)."),
                    };
                    builder.Add(new ImageContentPart(RequiredString(image, "url", imagePath + "."), detail));
                    break;
                case var other:
                    throw new JsonlMappingException(JsonlErrorCodes.InvalidValue, partPath + ".type",
                        $"unknown content part type '{other}' (expected text or image_url).");
            }
        }

        return builder.MoveToImmutable();
    }

    private static ImmutableArray<ToolCall>? ReadToolCalls(JsonElement message, string prefix)
    {
        if (!message.TryGetProperty("tool_calls", out var array) || array.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var path = prefix + "tool_calls";
        RequireKind(array, JsonValueKind.Array, path);
        var builder = ImmutableArray.CreateBuilder<ToolCall>(array.GetArrayLength());
        var i = 0;
        foreach (var call in array.EnumerateArray())
        {
            var callPath = $"{path}[{i++}]";
            RequireKind(call, JsonValueKind.Object, callPath);
            RequireFunctionType(call, callPath);
            var function = Required(call, "function", callPath + ".");
            RequireKind(function, JsonValueKind.Object, callPath + ".function");
            builder.Add(new ToolCall(
                RequiredString(call, "id", callPath + "."),
                RequiredString(function, "name", callPath + ".function."),
                RequiredString(function, "arguments", callPath + ".function.")));
        }

        return builder.MoveToImmutable();
    }

    private static ImmutableArray<ToolDefinition>? ReadTools(JsonElement owner, string name, string prefix)
    {
        if (!owner.TryGetProperty(name, out var array) || array.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var path = prefix + name;
        RequireKind(array, JsonValueKind.Array, path);
        var builder = ImmutableArray.CreateBuilder<ToolDefinition>(array.GetArrayLength());
        var i = 0;
        foreach (var tool in array.EnumerateArray())
        {
            var toolPath = $"{path}[{i++}]";
            RequireKind(tool, JsonValueKind.Object, toolPath);
            RequireFunctionType(tool, toolPath);
            var function = Required(tool, "function", toolPath + ".");
            var functionPath = toolPath + ".function";
            RequireKind(function, JsonValueKind.Object, functionPath);
            string? parameters = null;
            if (function.TryGetProperty("parameters", out var parametersElement) && parametersElement.ValueKind != JsonValueKind.Null)
            {
                RequireKind(parametersElement, JsonValueKind.Object, functionPath + ".parameters");
                parameters = parametersElement.GetRawText();
            }

            builder.Add(new ToolDefinition(
                RequiredString(function, "name", functionPath + "."),
                OptionalString(function, "description", functionPath + "."),
                parameters,
                OptionalBool(function, "strict", functionPath + ".")));
        }

        return builder.MoveToImmutable();
    }

    private static void RequireFunctionType(JsonElement owner, string path)
    {
        var type = OptionalString(owner, "type", path + ".");
        if (type is not null && type != "function")
        {
            throw new JsonlMappingException(JsonlErrorCodes.InvalidValue, path + ".type", $"unsupported type '{type}' (expected function).");
        }
    }

    private static ImmutableArray<string> ReadStrings(JsonElement owner, string name, string prefix)
    {
        if (!owner.TryGetProperty(name, out var array) || array.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        RequireKind(array, JsonValueKind.Array, prefix + name);
        var builder = ImmutableArray.CreateBuilder<string>(array.GetArrayLength());
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            RequireKind(item, JsonValueKind.String, $"{prefix}{name}[{i++}]");
            builder.Add(item.GetString()!);
        }

        return builder.MoveToImmutable();
    }

    private static JsonElement Required(JsonElement owner, string name, string prefix) =>
        owner.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : throw Missing(prefix + name);

    private static string RequiredString(JsonElement owner, string name, string prefix)
    {
        var value = Required(owner, name, prefix);
        RequireKind(value, JsonValueKind.String, prefix + name);
        return value.GetString()!;
    }

    private static string? OptionalString(JsonElement owner, string name, string prefix)
    {
        if (!owner.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        RequireKind(value, JsonValueKind.String, prefix + name);
        return value.GetString();
    }

    private static bool? OptionalBool(JsonElement owner, string name, string prefix)
    {
        if (!owner.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Null => null,
            _ => throw WrongType(prefix + name, "a boolean", value.ValueKind),
        };
    }

    private static void RequireKind(JsonElement value, JsonValueKind kind, string path)
    {
        if (value.ValueKind != kind)
        {
            throw WrongType(path, Describe(kind), value.ValueKind);
        }
    }

    private static JsonlMappingException Missing(string path) =>
        new(JsonlErrorCodes.MissingField, path, "required field is missing.");

    private static JsonlMappingException WrongType(string path, string expected, JsonValueKind found) =>
        new(JsonlErrorCodes.InvalidType, path, $"expected {expected}, found {Describe(found)}.");

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

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

    // Counts the deepest nesting of objects and arrays outside strings, without recursion, to tell a depth error apart.
    private static int Depth(ReadOnlySpan<byte> span)
    {
        int depth = 0, max = 0;
        var inString = false;
        for (var i = 0; i < span.Length; i++)
        {
            var b = span[i];
            if (inString)
            {
                if (b == (byte)'\\')
                {
                    i++;
                }
                else if (b == (byte)'"')
                {
                    inString = false;
                }
            }
            else if (b == (byte)'"')
            {
                inString = true;
            }
            else if (b is (byte)'{' or (byte)'[')
            {
                max = Math.Max(max, ++depth);
            }
            else if (b is (byte)'}' or (byte)']')
            {
                depth--;
            }
        }

        return max;
    }
}
