using System.Text;
using System.Text.Json;

namespace FineTuning.Toolkit.Testing.Internal;

/// <summary>Reads an uploaded JSONL training file (supervised chat examples or DPO preference examples) into
/// <see cref="TrainingFileContent"/>. Structural problems are reported with the 1-based line number.</summary>
internal static class TrainingFileReader
{
    private static readonly HashSet<string> KnownRoles = new(StringComparer.Ordinal) { "system", "developer", "user", "assistant", "tool", "function" };

    public static TrainingFileContent Read(byte[] content, string method, EmulatorTokenizer tokenizer)
    {
        var pairs = new List<StylePair>();
        var examples = 0;
        long tokens = 0;
        string? error = null;
        var text = Encoding.UTF8.GetString(content);
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim().TrimStart('\uFEFF');
            if (line.Length == 0)
            {
                continue;
            }

            var lineNumber = i + 1;
            try
            {
                using var document = JsonDocument.Parse(line);
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    error ??= $"Line {lineNumber}: each line must be a JSON object.";
                    continue;
                }

                var problem = string.Equals(method, "dpo", StringComparison.Ordinal)
                    ? ReadPreference(root, pairs, tokenizer, ref tokens)
                    : ReadSupervised(root, pairs, tokenizer, ref tokens);
                if (problem is not null)
                {
                    error ??= $"Line {lineNumber}: {problem}";
                    continue;
                }

                examples++;
            }
            catch (JsonException)
            {
                error ??= $"Line {lineNumber}: the line is not valid JSON.";
            }
        }

        if (error is null && examples < 10)
        {
            error = $"Training file has {examples} example(s), but must have at least 10 examples.";
        }

        return new TrainingFileContent { Pairs = pairs, ExampleCount = examples, TokenCount = tokens, ErrorMessage = error };
    }

    private static string? ReadSupervised(JsonElement root, List<StylePair> pairs, EmulatorTokenizer tokenizer, ref long tokens)
    {
        if (!root.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Array)
        {
            return "missing 'messages' array.";
        }

        string? lastUser = null;
        var hasAssistant = false;
        var index = 0;
        foreach (var message in messages.EnumerateArray())
        {
            if (message.ValueKind != JsonValueKind.Object || !message.TryGetProperty("role", out var roleElement) || roleElement.ValueKind != JsonValueKind.String)
            {
                return $"message {index} has no 'role'.";
            }

            var role = roleElement.GetString()!;
            if (!KnownRoles.Contains(role))
            {
                return $"message {index} has an unrecognized role '{role}'.";
            }

            var content = ContentText(message);
            tokens += tokenizer.CountMessage(role, content);
            if (role == "user")
            {
                lastUser = content;
            }
            else if (role == "assistant")
            {
                hasAssistant = true;
                var trained = !message.TryGetProperty("weight", out var weight) || weight.ValueKind != JsonValueKind.Number || weight.GetDouble() != 0;
                if (trained && lastUser is not null && content.Length > 0)
                {
                    pairs.Add(new StylePair(lastUser, content));
                }
            }

            index++;
        }

        tokens += EmulatorTokenizer.ReplyPriming;
        return hasAssistant ? null : "the example has no assistant message.";
    }

    private static string? ReadPreference(JsonElement root, List<StylePair> pairs, EmulatorTokenizer tokenizer, ref long tokens)
    {
        if (!root.TryGetProperty("input", out var input) || input.ValueKind != JsonValueKind.Object
            || !input.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Array)
        {
            return "missing 'input.messages'.";
        }

        if (!root.TryGetProperty("preferred_output", out var preferred) || preferred.ValueKind != JsonValueKind.Array || preferred.GetArrayLength() == 0
            || !root.TryGetProperty("non_preferred_output", out var nonPreferred) || nonPreferred.ValueKind != JsonValueKind.Array || nonPreferred.GetArrayLength() == 0)
        {
            return "missing 'preferred_output' or 'non_preferred_output'.";
        }

        string? lastUser = null;
        foreach (var message in messages.EnumerateArray())
        {
            var role = message.TryGetProperty("role", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString()! : string.Empty;
            var content = ContentText(message);
            tokens += tokenizer.CountMessage(role, content);
            if (role == "user")
            {
                lastUser = content;
            }
        }

        var answer = ContentText(preferred[0]);
        tokens += tokenizer.CountMessage("assistant", answer) + tokenizer.CountMessage("assistant", ContentText(nonPreferred[0])) + EmulatorTokenizer.ReplyPriming;
        if (lastUser is not null && answer.Length > 0)
        {
            pairs.Add(new StylePair(lastUser, answer));
        }

        return null;
    }

    private static string ContentText(JsonElement message)
    {
        if (message.ValueKind != JsonValueKind.Object || !message.TryGetProperty("content", out var content))
        {
            return string.Empty;
        }

        if (content.ValueKind == JsonValueKind.String)
        {
            return content.GetString()!;
        }

        if (content.ValueKind == JsonValueKind.Array)
        {
            var builder = new StringBuilder();
            foreach (var part in content.EnumerateArray())
            {
                if (part.ValueKind == JsonValueKind.Object && part.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String)
                {
                    builder.Append(t.GetString());
                }
            }

            return builder.ToString();
        }

        return string.Empty;
    }
}
