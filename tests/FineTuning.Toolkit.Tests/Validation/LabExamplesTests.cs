using System.Text.Json;
using FineTuning.Toolkit.Datasets;
using FineTuning.Toolkit.Validation;

namespace FineTuning.Toolkit.Tests.Validation;

public sealed class LabExamplesTests : IDisposable
{
    private const string LabSystemPrompt = "You are TechFlow's helpful support assistant. Be friendly, concise, and always offer next steps.";

    // The lab's two examples as its author meant them (🔐 and 💰 intact).
    private static readonly string[] LabAnswers =
    [
        "I'd be happy to help you reset your password! 🔐\n\n**Quick Steps:**\n1. Go to techflow.com/reset\n2. Enter your email address\n3. Click the reset link in your email\n4. Create your new password\n\n**Need more help?** Let me know if the reset email doesn't arrive within 5 minutes!",
        "Great question! Here's our current pricing: 💰\n\n**Plans:**\n- **Free**: $0/mo - Up to 100 tasks\n- **Pro**: $19/mo - Unlimited tasks + analytics\n- **Team**: $49/mo - Everything in Pro + collaboration\n- **Enterprise**: Custom - Contact sales\n\n**Ready to upgrade?** I can help you choose the right plan for your needs!",
    ];

    private static readonly string[] LabQuestions = ["How do I reset my password?", "What's your pricing?"];

    private readonly ValidationFiles _files = new();
    private readonly DatasetValidator _validator = new(null, FineTuning.Toolkit.Tests.Providers.LifecycleClock.Create());

    [Fact]
    public async Task ValidateAsync_LabTwoExamples_PassEveryExampleCheck()
    {
        var dataset = Dataset.Create(LabAnswers.Select((answer, i) => (DatasetExample)new TrainingExample
        {
            Messages = [TrainingMessage.System(LabSystemPrompt), TrainingMessage.User(LabQuestions[i]), TrainingMessage.Assistant(answer)],
        }));

        var report = await _validator.ValidateAsync(dataset);

        // Two examples are below OpenAI's minimum of ten: that dataset-wide error is the only issue.
        var issue = Assert.Single(report.Issues);
        Assert.Equal(ValidationIssueCodes.TooFewExamples, issue.Code);

        var perExample = await _validator.ValidateAsync(dataset, new ValidationOptions().Disable(ValidationIssueCodes.TooFewExamples));
        Assert.True(perExample.IsValid);
        Assert.Empty(perExample.Issues);
        Assert.Equal(2, perExample.ExampleCount);
    }

    [Fact]
    public async Task ValidateFileAsync_LabExamplesAsPrinted_ReportMojibakeOnLineOne()
    {
        // The lab text shows 🔐 as "\uF8FFüîê" and 💰 as "\uF8FFüí∞": their UTF-8 bytes (F0 9F 94 90, F0 9F 92 B0)
        // decoded as Mac Roman, where F0 is the Apple logo (U+F8FF).
        var lines = new[]
        {
            Serialize(LabQuestions[0], LabAnswers[0].Replace("🔐", "\uF8FF\u00FC\u00EE\u00EA", StringComparison.Ordinal)),
            Serialize(LabQuestions[1], LabAnswers[1].Replace("💰", "\uF8FF\u00FC\u00ED\u221E", StringComparison.Ordinal)),
        };

        var report = await _validator.ValidateFileAsync(_files.Write(lines), new ValidationOptions().Disable(ValidationIssueCodes.TooFewExamples));

        Assert.Equal([1, 2], report.Issues.Select(i => i.Line!.Value));
        Assert.All(report.Issues, i => Assert.Equal(ValidationIssueCodes.Mojibake, i.Code));
        Assert.All(report.Issues, i => Assert.Equal("messages[2].content", i.Field));
        Assert.Contains("🔐", report.Issues[0].Message, StringComparison.Ordinal);
        Assert.Contains("💰", report.Issues[1].Message, StringComparison.Ordinal);
        Assert.True(report.IsValid);
    }

    [SkippableFact]
    public async Task ValidateFileAsync_LabDocumentData_GetsMojibake()
    {
        var lab = FindLab();
        Skip.If(lab is null, "The lab document (../shared/lab/lab-fine-tune-with-openai-api.md from the repository root) is not available.");
        var examples = ExtractExamples(File.ReadAllLines(lab));
        Assert.Equal(2, examples.Count);

        var report = await _validator.ValidateFileAsync(_files.Write(examples), new ValidationOptions().Disable(ValidationIssueCodes.TooFewExamples));

        // Both examples carry a broken emoji (🔐 and 💰 shown through Mac Roman); nothing else is wrong with them.
        Assert.Equal([1, 2], report.Issues.Select(i => i.Line!.Value));
        Assert.All(report.Issues, i => Assert.Equal(ValidationIssueCodes.Mojibake, i.Code));
    }

    public void Dispose() => _files.Dispose();

    private static string Serialize(string question, string answer) =>
        ValidationFiles.Line(
            ValidationFiles.Message("system", LabSystemPrompt),
            ValidationFiles.Message("user", question),
            ValidationFiles.Message("assistant", answer));

    private static string? FindLab()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "lab", "lab-fine-tune-with-openai-api.md");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    // The lab's Python list holds one message dict per line, in JSON syntax: gather them per "messages" block.
    private static List<string> ExtractExamples(string[] lines)
    {
        var examples = new List<string>();
        List<string>? current = null;
        var inList = false;
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.StartsWith("training_examples = [", StringComparison.Ordinal))
            {
                inList = true;
                continue;
            }

            if (!inList)
            {
                continue;
            }

            if (line.StartsWith("\"messages\": [", StringComparison.Ordinal))
            {
                current = [];
            }
            else if (line.StartsWith("{\"role\"", StringComparison.Ordinal) && current is not null)
            {
                var json = line.TrimEnd(',');
                using var doc = JsonDocument.Parse(json);
                current.Add(json);
            }
            else if (line.StartsWith(']') && current is not null)
            {
                examples.Add("{\"messages\":[" + string.Join(",", current) + "]}");
                current = null;
            }
            else if (line.StartsWith("# Add more", StringComparison.Ordinal))
            {
                break;
            }
        }

        return examples;
    }
}
