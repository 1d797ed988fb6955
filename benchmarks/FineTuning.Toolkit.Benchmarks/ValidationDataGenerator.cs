using System.Text.Json;

namespace FineTuning.Toolkit.Benchmarks;

/// <summary>Generates a realistic chat fine-tuning JSONL file (TechFlow support conversations) with a fixed seed.</summary>
public static class ValidationDataGenerator
{
    private static readonly string[] SystemPrompts =
    [
        "You are TechFlow's helpful support assistant. Be friendly, concise, and always offer next steps. Use short paragraphs, bold the key action, and end with an offer to help further. Never invent features or prices that are not documented.",
        "You are TechFlow's billing specialist. Explain charges, invoices and plan changes clearly, mention the exact menu path in the app, and always tell the customer how to reach a human if the answer does not solve their problem.",
    ];

    private static readonly string[] Words =
    [
        "account", "billing", "invoice", "password", "reset", "project", "task", "board", "team", "export", "import", "CSV",
        "integration", "Slack", "calendar", "reminder", "notification", "settings", "profile", "upgrade", "downgrade", "plan",
        "Pro", "Team", "Enterprise", "trial", "refund", "charge", "card", "payment", "workspace", "member", "invite", "role",
        "permission", "admin", "sync", "mobile", "desktop", "browser", "error", "crash", "slow", "loading", "button", "page",
        "the", "a", "to", "and", "of", "in", "my", "your", "is", "it", "for", "on", "with", "can", "not", "does", "when",
        "how", "why", "please", "thanks", "today", "yesterday", "again", "still", "after", "before", "every", "time",
        "日本語", "données", "straße", "😀", "🔐", "✅", "función", "приложение",
    ];

    /// <summary>Writes <paramref name="examples"/> examples to <paramref name="path"/> and returns the file size in bytes.</summary>
    public static long Write(string path, int examples, int seed = 42) => Write(path, examples, ValidationDataShape.RepeatedSystemPrompts, seed);

    /// <summary>Writes a chat JSONL file of the given shape.</summary>
    /// <param name="path">The file.</param>
    /// <param name="examples">The number of examples.</param>
    /// <param name="shape">The data's shape.</param>
    /// <param name="seed">The random seed.</param>
    /// <returns>The file's size in bytes.</returns>
    public static long Write(string path, int examples, ValidationDataShape shape, int seed = 42)
    {
        if (shape == ValidationDataShape.Varied)
        {
            return VariedDataGenerator.Write(path, examples, seed);
        }

        var random = new Random(seed);
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true });
        for (var i = 0; i < examples; i++)
        {
            writer.Reset(stream);
            writer.WriteStartObject();
            writer.WriteStartArray("messages");
            WriteMessage(writer, "system", SystemPrompts[i % 10 == 9 ? 1 : 0]);
            WriteMessage(writer, "user", Sentence(random, 8, 22) + "?");
            WriteMessage(writer, "assistant", Sentence(random, 24, 46) + ". " + Sentence(random, 6, 14) + "!");
            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.Flush();
            stream.WriteByte((byte)'\n');
        }

        return stream.Length;
    }

    private static void WriteMessage(Utf8JsonWriter writer, string role, string content)
    {
        writer.WriteStartObject();
        writer.WriteString("role", role);
        writer.WriteString("content", content);
        writer.WriteEndObject();
    }

    private static string Sentence(Random random, int min, int max)
    {
        var count = random.Next(min, max);
        var words = new string[count];
        for (var i = 0; i < count; i++)
        {
            words[i] = Words[random.Next(Words.Length)];
        }

        words[0] = char.ToUpperInvariant(words[0][0]) + words[0][1..];
        return string.Join(' ', words);
    }
}
