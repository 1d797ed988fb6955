using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using FineTuning.Toolkit.Datasets.Jsonl;

namespace FineTuning.Toolkit.Datasets;

/// <summary>Content keys of examples for de-duplication and leak-free splits: the JSONL training content, without metadata.</summary>
internal static class ExampleKeys
{
    public static string Key(DatasetExample example, bool normalized = false)
    {
        if (normalized)
        {
            example = Normalize(example);
        }

        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, JsonlExampleWriter.WriterOptions))
        {
            JsonlExampleWriter.Write(writer, example, includeMetadata: false);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static List<DatasetExample> Deduplicate(IEnumerable<DatasetExample> examples, IEqualityComparer<DatasetExample>? comparer)
    {
        if (comparer is null or ExampleContentComparer)
        {
            // The built-in comparers compare content keys: compute each example's key once.
            var content = (ExampleContentComparer?)comparer ?? ExampleContentComparer.Exact;
            var keys = new HashSet<string>(StringComparer.Ordinal);
            return examples.Where(e => keys.Add(content.Key(e))).ToList();
        }

        var seen = new HashSet<DatasetExample>(comparer);
        return examples.Where(seen.Add).ToList();
    }

    public static void Shuffle<T>(IList<T> items, int seed)
    {
        var random = new Random(seed);
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    public static string NormalizeText(string text)
    {
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(char.ToLower(c, CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }

    private static DatasetExample Normalize(DatasetExample example) => example switch
    {
        TrainingExample t => t with { Messages = [.. t.Messages.Select(Normalize)] },
        PreferenceExample p => p with
        {
            InputMessages = [.. p.InputMessages.Select(Normalize)],
            PreferredOutput = [.. p.PreferredOutput.Select(Normalize)],
            NonPreferredOutput = [.. p.NonPreferredOutput.Select(Normalize)],
        },
        _ => example,
    };

    private static TrainingMessage Normalize(TrainingMessage message) => message with
    {
        Content = message.Content is null ? null : NormalizeText(message.Content),
        ContentParts = message.ContentParts?.Select(p => p.Text is { } text ? ContentPart.FromText(NormalizeText(text)) : p).ToArray(),
        Refusal = message.Refusal is null ? null : NormalizeText(message.Refusal),
    };
}
