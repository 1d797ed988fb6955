using System.Text.Json;
using Microsoft.Extensions.AI;

namespace FineTuning.Toolkit.Comparison;

/// <summary>Reads the JSON / JSONL test suite format (<see cref="TestSuiteWriter"/> writes it).</summary>
internal static class TestSuiteSerializer
{
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        MaxDepth = 16,
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static TestSuite ParseJson(string json, string source, string defaultName)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException ex)
        {
            throw new DataFormatException(source, (ex.LineNumber ?? 0) + 1, "invalid_json", $"invalid JSON: {ex.Message}", innerException: ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new DataFormatException(source, 0, null, "the document must be an object with a 'cases' array.");
            }

            var name = OptionalString(root, "name", source, null, null) ?? defaultName;
            var systemPrompt = OptionalString(root, "systemPrompt", source, null, null);
            if (!root.TryGetProperty("cases", out var cases) || cases.ValueKind != JsonValueKind.Array)
            {
                throw new DataFormatException(source, 0, null, "an array of cases is required.", field: "cases");
            }

            var list = new List<TestCase>();
            var index = 0;
            foreach (var element in cases.EnumerateArray())
            {
                index++;
                list.Add(ParseCase(element, source, null, $"case-{index}"));
            }

            return Build(name, list, systemPrompt, source);
        }
    }

    public static TestSuite ParseJsonl(string text, string source, string defaultName)
    {
        var list = new List<TestCase>();
        string? name = null;
        string? systemPrompt = null;
        var lineNumber = 0;
        using var reader = new StringReader(text);
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (lineNumber == 1 && line.Length > 0 && line[0] == '\uFEFF')
            {
                line = line[1..];
            }

            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(line, DocumentOptions);
            }
            catch (JsonException ex)
            {
                throw new DataFormatException(source, lineNumber, "invalid_json", $"invalid JSON: {ex.Message}", innerException: ex);
            }

            using (document)
            {
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    throw new DataFormatException(source, lineNumber, null, "each line must be a JSON object.");
                }

                if (root.TryGetProperty("suite", out var header))
                {
                    if (list.Count > 0 || name is not null || header.ValueKind != JsonValueKind.Object)
                    {
                        throw new DataFormatException(source, lineNumber, null, "the suite header must be an object on the first line.", field: "suite");
                    }

                    name = OptionalString(header, "name", source, lineNumber, null) ?? defaultName;
                    systemPrompt = OptionalString(header, "systemPrompt", source, lineNumber, null);
                    continue;
                }

                list.Add(ParseCase(root, source, lineNumber, $"line-{lineNumber}"));
            }
        }

        if (list.Count == 0)
        {
            throw new DataFormatException(source, 0, null, "the file contains no cases.");
        }

        return Build(name ?? defaultName, list, systemPrompt, source);
    }

    private static TestSuite Build(string name, List<TestCase> cases, string? systemPrompt, string source)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var testCase in cases)
        {
            if (!seen.Add(testCase.Id))
            {
                throw new DataFormatException(source, 0, null, "the id is used by more than one case.", field: "id", caseId: testCase.Id);
            }
        }

        return new TestSuite(name, cases, systemPrompt);
    }

    private static TestCase ParseCase(JsonElement element, string source, long? line, string fallbackId)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new DataFormatException(source, line ?? 0, null, "a case must be a JSON object.", caseId: fallbackId);
        }

        var id = OptionalString(element, "id", source, line, fallbackId) ?? fallbackId;
        var category = OptionalString(element, "category", source, line, id);
        var prompt = OptionalString(element, "prompt", source, line, id);
        var messages = new List<ChatMessage>();
        if (element.TryGetProperty("messages", out var array))
        {
            if (prompt is not null)
            {
                throw new DataFormatException(source, line ?? 0, null, "give either 'prompt' or 'messages', not both.", field: "messages", caseId: id);
            }

            if (array.ValueKind != JsonValueKind.Array)
            {
                throw new DataFormatException(source, line ?? 0, null, "must be an array of {\"role\", \"content\"} objects.", field: "messages", caseId: id);
            }

            var index = 0;
            foreach (var message in array.EnumerateArray())
            {
                var field = $"messages[{index}]";
                index++;
                if (message.ValueKind != JsonValueKind.Object)
                {
                    throw new DataFormatException(source, line ?? 0, null, "must be an object.", field: field, caseId: id);
                }

                var role = OptionalString(message, "role", source, line, id, field + ".role");
                var content = OptionalString(message, "content", source, line, id, field + ".content");
                if (content is null)
                {
                    throw new DataFormatException(source, line ?? 0, null, "is required.", field: field + ".content", caseId: id);
                }

                var chatRole = role switch
                {
                    "user" => ChatRole.User,
                    "assistant" => ChatRole.Assistant,
                    _ => throw new DataFormatException(source, line ?? 0, null, $"must be 'user' or 'assistant', not '{role}'.", field: field + ".role", caseId: id),
                };
                messages.Add(new ChatMessage(chatRole, content));
            }

            if (messages.Count == 0 || messages[^1].Role != ChatRole.User)
            {
                throw new DataFormatException(source, line ?? 0, null, "must end with a user message.", field: "messages", caseId: id);
            }
        }
        else if (prompt is not null)
        {
            messages.Add(new ChatMessage(ChatRole.User, prompt));
        }
        else
        {
            throw new DataFormatException(source, line ?? 0, null, "a case needs 'prompt' or 'messages'.", field: "prompt", caseId: id);
        }

        var expectations = ParseExpectations(element, source, line, id);
        return new TestCase(id, messages, category, expectations)
        {
            SystemPrompt = OptionalString(element, "systemPrompt", source, line, id),
        };
    }

    private static TestExpectations ParseExpectations(JsonElement element, string source, long? line, string id)
    {
        if (!element.TryGetProperty("expectations", out var expected))
        {
            return TestExpectations.None;
        }

        if (expected.ValueKind != JsonValueKind.Object)
        {
            throw new DataFormatException(source, line ?? 0, null, "must be an object.", field: "expectations", caseId: id);
        }

        return new TestExpectations
        {
            ShouldEscalate = OptionalBool(expected, "shouldEscalate", source, line, id),
            RequiresFormat = OptionalBool(expected, "requiresFormat", source, line, id),
            MustNotInvent = OptionalStrings(expected, "mustNotInvent", source, line, id),
            ReferenceAnswer = OptionalString(expected, "referenceAnswer", source, line, id, "expectations.referenceAnswer"),
        };
    }

    private static string? OptionalString(JsonElement element, string name, string source, long? line, string? caseId, string? field = null)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new DataFormatException(source, line ?? 0, null, $"must be a string, not {value.ValueKind}.", field: field ?? name, caseId: caseId);
    }

    private static bool? OptionalBool(JsonElement element, string name, string source, long? line, string caseId)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new DataFormatException(source, line ?? 0, null, $"must be true or false, not {value.ValueKind}.", field: "expectations." + name, caseId: caseId),
        };
    }

    private static string[] OptionalStrings(JsonElement element, string name, string source, long? line, string caseId)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new DataFormatException(source, line ?? 0, null, "must be an array of strings.", field: "expectations." + name, caseId: caseId);
        }

        var list = new List<string>();
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                throw new DataFormatException(source, line ?? 0, null, "must be a string.", field: $"expectations.{name}[{list.Count}]", caseId: caseId);
            }

            list.Add(item.GetString()!);
        }

        return [.. list];
    }
}
