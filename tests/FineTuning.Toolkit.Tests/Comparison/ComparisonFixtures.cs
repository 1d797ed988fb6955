using FineTuning.Toolkit.Comparison;
using FineTuning.Toolkit.Comparison.Scorers;

namespace FineTuning.Toolkit.Tests.Comparison;

/// <summary>Suites and models shared by the comparer tests.</summary>
internal static class ComparisonFixtures
{
    public const string SystemPrompt = "You are TechFlow's helpful support assistant.";

    /// <summary>A suite of <paramref name="count"/> cases; every third one should escalate.</summary>
    public static TestSuite Suite(int count = 12) => new(
        "fixture",
        Enumerable.Range(0, count).Select(i => TestCase.FromPrompt(
            $"case-{i:00}",
            i % 3 == 0 ? $"Your service is down! ({i})" : $"How do I reset my password? ({i})",
            i % 3 == 0 ? "bugs" : "account",
            new TestExpectations { ShouldEscalate = i % 3 == 0 })),
        SystemPrompt);

    /// <summary>The "fine-tuned" fake: lab format, escalates on outages.</summary>
    public static TestChatClient FineTuned(string modelId = "ft") =>
        TestChatClient.Answering(p => p.Contains("down", StringComparison.Ordinal) ? TechFlowAnswers.Escalating : TechFlowAnswers.Formatted, modelId);

    /// <summary>The "base" fake: plain text, never escalates.</summary>
    public static TestChatClient Base(string modelId = "base") => TestChatClient.Answering(_ => TechFlowAnswers.Plain, modelId);

    public static ModelComparerOptions Options(Action<ModelComparerOptions>? configure = null)
    {
        var options = new ModelComparerOptions
        {
            MaxConcurrency = 4,
            Seed = 42,
            MaxOutputTokens = 300,
            Scorers = ModelComparerOptions.DefaultScorers(FactCatalog.TechFlow()),
        };
        configure?.Invoke(options);
        return options;
    }
}
