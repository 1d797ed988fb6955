using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace FineTuning.Toolkit.Comparison;

/// <summary>Writes the JSON / JSONL test suite format that <see cref="TestSuiteSerializer"/> reads.</summary>
internal static class TestSuiteWriter
{
    public static string ToJson(TestSuite suite)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("name", suite.Name);
            if (suite.SystemPrompt is not null)
            {
                writer.WriteString("systemPrompt", suite.SystemPrompt);
            }

            writer.WriteStartArray("cases");
            foreach (var testCase in suite.Cases)
            {
                WriteCase(writer, testCase);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    public static string ToJsonl(TestSuite suite)
    {
        var builder = new StringBuilder();
        using (var buffer = new MemoryStream())
        {
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                writer.WriteStartObject("suite");
                writer.WriteString("name", suite.Name);
                if (suite.SystemPrompt is not null)
                {
                    writer.WriteString("systemPrompt", suite.SystemPrompt);
                }

                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            builder.Append(Encoding.UTF8.GetString(buffer.ToArray())).Append('\n');
        }

        foreach (var testCase in suite.Cases)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                WriteCase(writer, testCase);
            }

            builder.Append(Encoding.UTF8.GetString(buffer.ToArray())).Append('\n');
        }

        return builder.ToString();
    }

    private static void WriteCase(Utf8JsonWriter writer, TestCase testCase)
    {
        writer.WriteStartObject();
        writer.WriteString("id", testCase.Id);
        if (testCase.Category is not null)
        {
            writer.WriteString("category", testCase.Category);
        }

        if (testCase.SystemPrompt is not null)
        {
            writer.WriteString("systemPrompt", testCase.SystemPrompt);
        }

        if (testCase.IsMultiTurn)
        {
            writer.WriteStartArray("messages");
            foreach (var message in testCase.Messages)
            {
                writer.WriteStartObject();
                writer.WriteString("role", message.Role == ChatRole.User ? "user" : "assistant");
                writer.WriteString("content", message.Text);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }
        else
        {
            writer.WriteString("prompt", testCase.Prompt);
        }

        var e = testCase.Expectations;
        if (e.ShouldEscalate is not null || e.RequiresFormat is not null || e.MustNotInvent.Count > 0 || e.ReferenceAnswer is not null)
        {
            writer.WriteStartObject("expectations");
            if (e.ShouldEscalate is { } escalate)
            {
                writer.WriteBoolean("shouldEscalate", escalate);
            }

            if (e.RequiresFormat is { } format)
            {
                writer.WriteBoolean("requiresFormat", format);
            }

            if (e.MustNotInvent.Count > 0)
            {
                writer.WriteStartArray("mustNotInvent");
                foreach (var fact in e.MustNotInvent)
                {
                    writer.WriteStringValue(fact);
                }

                writer.WriteEndArray();
            }

            if (e.ReferenceAnswer is not null)
            {
                writer.WriteString("referenceAnswer", e.ReferenceAnswer);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }
}
