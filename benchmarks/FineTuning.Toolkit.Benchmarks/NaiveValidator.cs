using System.Text.Json;
using Microsoft.ML.Tokenizers;

namespace FineTuning.Toolkit.Benchmarks;

/// <summary>The naive program the validator is measured against: one thread, a <see cref="JsonDocument"/> per line, the
/// tokenizer's <c>CountTokens</c> on every string value.</summary>
public static class NaiveValidator
{
    /// <summary>Reads the file and counts the tokens of every string in it.</summary>
    /// <param name="path">The JSONL file.</param>
    /// <param name="tokenizer">The tokenizer.</param>
    /// <returns>The number of tokens.</returns>
    public static long Run(string path, Tokenizer tokenizer)
    {
        long tokens = 0;
        foreach (var line in File.ReadLines(path))
        {
            if (line.Length == 0)
            {
                continue;
            }

            using var document = JsonDocument.Parse(line);
            tokens += CountStrings(document.RootElement, tokenizer);
        }

        return tokens;
    }

    private static long CountStrings(JsonElement element, Tokenizer tokenizer)
    {
        long total = 0;
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return tokenizer.CountTokens(element.GetString()!);
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    total += CountStrings(property.Value, tokenizer);
                }

                return total;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    total += CountStrings(item, tokenizer);
                }

                return total;
            default:
                return 0;
        }
    }
}
