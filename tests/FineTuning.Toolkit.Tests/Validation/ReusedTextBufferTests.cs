using FineTuning.Toolkit.Datasets;
using FineTuning.Toolkit.Validation;
using static FineTuning.Toolkit.Tests.Validation.ValidationFiles;

namespace FineTuning.Toolkit.Tests.Validation;

/// <summary>
/// The validator reads message texts into a buffer each worker reuses from line to line. Whatever outlives a line (a cached
/// token count, a text found clean, a kept system prompt) must be a copy: these files put different texts of the same
/// length at the same place of the buffer, line after line.
/// </summary>
public sealed class ReusedTextBufferTests : IDisposable
{
    private readonly ValidationFiles _files = new();
    private readonly DatasetValidator _validator = new(null, FineTuning.Toolkit.Tests.Providers.LifecycleClock.Create());

    [Fact]
    public async Task ValidateFileAsync_RepeatedThenDifferentTextsOfOneLength_CountsEachExactly()
    {
        // Two texts of one length, the first seen often enough to be cached, then the second in the same place: a cache
        // that kept the buffer's slice would answer the first text's count for the second.
        string[] users = ["Where can I find my invoice for March?", "日本語 😀 emoji and CJK, counted apart!!!"];
        Assert.Equal(users[0].Length, users[1].Length);
        var lines = Enumerable.Range(0, 300)
            .Select(i => Line(Message("system", SystemPrompt), Message("user", users[i < 150 ? 0 : 1] + $" #{i % 10}"), Message("assistant", $"Answer number {i:D4}, with steps.")))
            .ToList();
        var path = _files.Write(lines);
        var counter = TokenCounter.CreateUnshared(TokenCounter.O200kBase);
        var expected = new DatasetBuilder().AddJsonl(path).Build().Sum(e => counter.CountTokens((TrainingExample)e));

        var report = await _validator.ValidateFileAsync(path);

        Assert.Equal(expected, report.TotalTokens);
    }

    [Fact]
    public async Task ValidateFileAsync_CleanLongTextThenSensitiveTextInItsPlace_ReportsTheSecondLine()
    {
        // A long text found clean must not be remembered as the buffer's slice: the next line's text, same length, same place,
        // holds an e-mail address and a key.
        var clean = "Please tell me how to export every task of my team's board to a CSV file, thanks a lot!!";
        var sensitive = "Write to jane.doe@example.com, key sk-proj-abcdefghijklmnopqrstuvwxyz0123 please!!";

        var report = await ValidateTextsInOnePlaceAsync("user", [clean, clean, sensitive, clean, sensitive]);

        Assert.Equal([3, 5], report.Issues.Where(i => i.Code == ValidationIssueCodes.PiiDetected).Select(i => i.Line));
        Assert.Equal([3, 5], report.Issues.Where(i => i.Code == ValidationIssueCodes.SecretDetected).Select(i => i.Line));
    }

    [Fact]
    public async Task ValidateFileAsync_CleanLongTextThenMojibakeInItsPlace_ReportsTheSecondLine()
    {
        var clean = "Your invoice is in Settings > Billing. It is there for every cafe plan, promise you!";
        var garbled = "Your invoice is in Settings â€º Billing. Itâ€™s there for every cafÃ© plan, promise!";

        var report = await ValidateTextsInOnePlaceAsync("assistant", [clean, clean, garbled]);

        Assert.Equal([3], report.Issues.Where(i => i.Code == ValidationIssueCodes.Mojibake).Select(i => i.Line));
    }

    [Fact]
    public async Task ValidateFileAsync_DifferentSystemPromptsOfOneLength_KeepsEachPromptsText()
    {
        // System prompts are kept for the report's preview: each must be its own text, not the buffer's last content.
        var first = "You are TechFlow's helpful support assistant. Be friendly and concise, always.";
        var second = "You are TechFlow's grumpy billing assistant. Be curt and formal, every time!";
        second += new string('!', first.Length - second.Length);
        Assert.Equal(first.Length, second.Length);
        var lines = Enumerable.Range(0, 12).Select(i => Good(i, i % 4 == 3 ? second : first));
        var path = _files.Write(lines);

        var report = await _validator.ValidateFileAsync(path);

        var issues = report.Issues.Where(i => i.Code == ValidationIssueCodes.InconsistentSystemPrompt).ToList();
        Assert.Equal([4, 8, 12], issues.Select(i => i.Line));
        Assert.All(issues, issue => Assert.Contains("grumpy", issue.Message, StringComparison.Ordinal));
        Assert.All(issues, issue => Assert.Contains("helpful", issue.Message, StringComparison.Ordinal));
    }

    public void Dispose() => _files.Dispose();

    // One line per text, the text as the line's user or assistant message, every text padded with '!' to the longest one's
    // length: each line's text lands where the line before put its own.
    private async Task<ValidationReport> ValidateTextsInOnePlaceAsync(string role, string[] texts)
    {
        var length = texts.Max(t => t.Length);
        var lines = texts.Select((text, i) =>
        {
            var padded = text + new string('!', length - text.Length);
            return role == "user"
                ? Line(Message("system", SystemPrompt), Message("user", padded), Message("assistant", $"Of course, here is how #{i}: open Settings, then Export."))
                : Line(Message("system", SystemPrompt), Message("user", $"Where is my invoice, question {i}?"), Message("assistant", padded));
        });
        return await _validator.ValidateFileAsync(_files.Write(lines));
    }
}
