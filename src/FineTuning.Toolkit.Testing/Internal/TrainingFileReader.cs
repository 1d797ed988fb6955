using FineTuning.Toolkit.Datasets;
using FineTuning.Toolkit.Datasets.Jsonl;
using FineTuning.Toolkit.Validation;
using Microsoft.Extensions.AI;

namespace FineTuning.Toolkit.Testing.Internal;

/// <summary>Reads an uploaded JSONL training file (supervised chat examples or DPO preference examples) into
/// <see cref="TrainingFileContent"/> with the toolkit's one JSONL reader, from memory. Problems are reported with the
/// 1-based line number.</summary>
internal static class TrainingFileReader
{
    public static TrainingFileContent Read(byte[] content, string method, EmulatorTokenizer tokenizer)
    {
        var pairs = new List<StylePair>();
        var examples = 0;
        long tokens = 0;
        string? error = null;
        var dpo = string.Equals(method, "dpo", StringComparison.Ordinal);
        using var stream = new MemoryStream(content, writable: false);
        foreach (var record in JsonlDatasetReader.Read(stream, new JsonlReaderOptions { SkipBlankLines = true }))
        {
            var problem = record.Error?.Message ?? (record.Example, dpo) switch
            {
                (TrainingExample chat, false) => ReadSupervised(chat, pairs, tokenizer, ref tokens),
                (PreferenceExample preference, true) => ReadPreference(preference, pairs, tokenizer, ref tokens),
                (TrainingExample, true) => $"Line {record.LineNumber}: missing 'input.messages'.",
                _ => $"Line {record.LineNumber}: missing 'messages' array.",
            };
            if (problem is null)
            {
                examples++;
            }
            else
            {
                error ??= problem.StartsWith("Line ", StringComparison.Ordinal) ? problem : $"Line {record.LineNumber}: {problem}";
            }
        }

        if (error is null && examples < 10)
        {
            error = $"Training file has {examples} example(s), but must have at least 10 examples.";
        }

        return new TrainingFileContent { Pairs = pairs, ExampleCount = examples, TokenCount = tokens, ErrorMessage = error };
    }

    private static string? ReadSupervised(TrainingExample example, List<StylePair> pairs, EmulatorTokenizer tokenizer, ref long tokens)
    {
        string? lastUser = null;
        var hasAssistant = false;
        foreach (var message in example.Messages)
        {
            var content = message.Text;
            tokens += tokenizer.CountMessage(TokenCounter.RoleName(message.Role), content);
            if (message.Role == ChatRole.User)
            {
                lastUser = content;
            }
            else if (message.Role == ChatRole.Assistant)
            {
                hasAssistant = true;
                if (message.Weight != 0 && lastUser is not null && content.Length > 0)
                {
                    pairs.Add(new StylePair(lastUser, content));
                }
            }
        }

        tokens += EmulatorTokenizer.ReplyPriming;
        return hasAssistant ? null : "the example has no assistant message.";
    }

    private static string? ReadPreference(PreferenceExample example, List<StylePair> pairs, EmulatorTokenizer tokenizer, ref long tokens)
    {
        if (example.PreferredOutput.Count == 0 || example.NonPreferredOutput.Count == 0)
        {
            return "missing 'preferred_output' or 'non_preferred_output'.";
        }

        string? lastUser = null;
        foreach (var message in example.InputMessages)
        {
            tokens += tokenizer.CountMessage(TokenCounter.RoleName(message.Role), message.Text);
            if (message.Role == ChatRole.User)
            {
                lastUser = message.Text;
            }
        }

        var answer = example.PreferredOutput[0].Text;
        tokens += tokenizer.CountMessage("assistant", answer) + tokenizer.CountMessage("assistant", example.NonPreferredOutput[0].Text) + EmulatorTokenizer.ReplyPriming;
        if (lastUser is not null && answer.Length > 0)
        {
            pairs.Add(new StylePair(lastUser, answer));
        }

        return null;
    }
}
