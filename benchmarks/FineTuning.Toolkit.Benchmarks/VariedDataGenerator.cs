using System.Globalization;
using System.Text;
using System.Text.Json;

namespace FineTuning.Toolkit.Benchmarks;

/// <summary>
/// Generates <see cref="ValidationDataShape.Varied"/> data: ~670 bytes per example (100,000 examples ≈ 67 MB), a short
/// system prompt, every user and assistant text different — customer names and made-up product words from random
/// syllables, order and ticket numbers, amounts, dates, menu paths and several sentence templates.
/// </summary>
public static class VariedDataGenerator
{
    private const string SystemPrompt = "You are TechFlow's support assistant. Be concise and friendly.";

    private static readonly string[] Syllables =
        ["ka", "lo", "mi", "ren", "tas", "vo", "qui", "zel", "bar", "nu", "pri", "sto", "ga", "del", "fin", "ox", "ter", "ul", "wy", "cha"];

    private static readonly string[] Questions =
    [
        "Hi, I'm {name}. My invoice #{id} shows {amount} but I expected less after switching to the {product} plan on {date}. Why?",
        "Since {date} the {product} sync fails with error {code} whenever {name} opens board {id}. What should we do?",
        "How do I give {name} admin rights on workspace {product}-{id} without upgrading to Enterprise?",
        "Can I export tasks {id} to {id2} as CSV? The button under Settings > {product} is greyed out.",
        "We were charged {amount} twice on {date} (card ending {code}). Can you refund one of them, please?",
        "The mobile app crashes when I attach a {size} MB file to ticket {id}. I'm on version {version}.",
    ];

    private static readonly string[] Answers =
    [
        "Thanks for reaching out, {name}! The {amount} on invoice #{id} includes the prorated {product} seats added on {date}. Open **Billing > Invoices**, select #{id} and choose *Details* to see each line. If anything looks wrong, reply here and I'll open a review.",
        "Sorry about that! Error {code} means the {product} token expired. Go to **Settings > Integrations > {product}**, click *Reconnect*, then retry board {id}. If it still fails after {size} minutes, send us the log from Help > Diagnostics.",
        "Good news: on the Team plan you can do this. Open **Workspace {product}-{id} > Members**, find {name}, and set the role to *Admin*. Changes apply immediately; {name} may need to reload the page.",
        "The export is limited to {size} tasks at a time. Filter tasks {id} to {id2}, then use **More > Export CSV**. If the button stays greyed out, your role lacks the *Export* permission — ask a workspace admin.",
        "I can see both charges of {amount} on {date}. I've started a refund for the duplicate (reference R-{code}-{id}); it usually reaches the card in 5-10 business days. You'll get a confirmation email shortly.",
        "Thanks for the details. Version {version} has a known issue with attachments over {size} MB on some devices. Please update to the latest version from the store; until then, attach the file from the web app at app.techflow.com.",
    ];

    /// <summary>Writes the file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="examples">The number of examples.</param>
    /// <param name="seed">The random seed.</param>
    /// <returns>The file's size in bytes.</returns>
    public static long Write(string path, int examples, int seed)
    {
        var random = new Random(seed);
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true });
        for (var i = 0; i < examples; i++)
        {
            var template = random.Next(Questions.Length);
            var values = Values(random);
            writer.Reset(stream);
            writer.WriteStartObject();
            writer.WriteStartArray("messages");
            Message(writer, "system", SystemPrompt);
            Message(writer, "user", Fill(Questions[template], values));
            Message(writer, "assistant", Fill(Answers[template], values) + " " + Word(random, 2, 4) + " " + Word(random, 1, 3) + "!");
            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.Flush();
            stream.WriteByte((byte)'\n');
        }

        return stream.Length;
    }

    private static Dictionary<string, string> Values(Random random) => new(StringComparer.Ordinal)
    {
        ["name"] = Capitalize(Word(random, 2, 3)) + " " + Capitalize(Word(random, 2, 4)),
        ["id"] = random.Next(10_000, 9_999_999).ToString(CultureInfo.InvariantCulture),
        ["id2"] = random.Next(10_000, 9_999_999).ToString(CultureInfo.InvariantCulture),
        ["amount"] = "$" + (random.Next(500, 250_000) / 100.0).ToString("F2", CultureInfo.InvariantCulture),
        ["product"] = Capitalize(Word(random, 2, 3)),
        ["date"] = new DateOnly(2025, 1, 1).AddDays(random.Next(600)).ToString("MMMM d", CultureInfo.InvariantCulture),
        ["code"] = random.Next(1000, 9999).ToString(CultureInfo.InvariantCulture),
        ["size"] = random.Next(2, 500).ToString(CultureInfo.InvariantCulture),
        ["version"] = $"{random.Next(1, 9)}.{random.Next(0, 30)}.{random.Next(0, 9)}",
    };

    private static string Fill(string template, Dictionary<string, string> values)
    {
        var builder = new StringBuilder(template);
        foreach (var (key, value) in values)
        {
            builder.Replace("{" + key + "}", value);
        }

        return builder.ToString();
    }

    private static string Word(Random random, int min, int max)
    {
        var builder = new StringBuilder();
        var count = random.Next(min, max + 1);
        for (var i = 0; i < count; i++)
        {
            builder.Append(Syllables[random.Next(Syllables.Length)]);
        }

        return builder.ToString();
    }

    private static string Capitalize(string word) => char.ToUpperInvariant(word[0]) + word[1..];

    private static void Message(Utf8JsonWriter writer, string role, string content)
    {
        writer.WriteStartObject();
        writer.WriteString("role", role);
        writer.WriteString("content", content);
        writer.WriteEndObject();
    }
}
