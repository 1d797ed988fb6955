using FineTuning.Toolkit.Comparison;
using FineTuning.Toolkit.Comparison.Batch;
using FineTuning.Toolkit.Jobs;
using FineTuning.Toolkit.Providers;
using FineTuning.Toolkit.Providers.Together;
using FineTuning.Toolkit.Testing;
using Microsoft.Extensions.AI;

namespace FineTuning.Toolkit.Tests.Comparison.Batch;

/// <summary>
/// A comparison of two emulator models on generated support prompts, run live or through the emulator's Batch API on a
/// frozen clock (speed factor 0) that the test moves forward while the comparison waits.
/// </summary>
internal static class BatchScenario
{
    public const string BaseModel = "gpt-4o-mini-2024-07-18";
    public const string OtherModel = "gpt-4.1-mini-2025-04-14";

    private static readonly string[] Topics = ["password reset", "invoice download", "card declined", "data export", "team invite", "two-factor codes", "sync on mobile", "refund", "plan upgrade", "notifications"];
    private static readonly string[] Forms = ["How do I handle {0}?", "I have a problem with {0}, can you help?", "What are the steps for {0} (case {1})?", "Quick question about {0} for account #{1}.", "Nothing works with {0}! Ticket {1}."];
    private static readonly string[] Categories = ["account", "billing", "features", "bugs"];

    public const string TogetherBase = "meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo";
    public const string TogetherOther = "meta-llama/Meta-Llama-3.1-70B-Instruct-Turbo";

    public static Task<OpenAIEmulator> StartAsync(Action<EmulatorBatchOptions>? configure = null, EmulatorDialect dialect = EmulatorDialect.OpenAI)
    {
        var options = new OpenAIEmulatorOptions { Dialect = dialect, SpeedFactor = 0, StartTime = TestWorld.Today };
        configure?.Invoke(options.Batches);
        return OpenAIEmulator.StartAsync(options);
    }

    public static TestSuite Suite(int cases) => new(
        $"generated-{cases}",
        Enumerable.Range(0, cases).Select(i => TestCase.FromPrompt(
            $"case-{i:00000}",
            string.Format(System.Globalization.CultureInfo.InvariantCulture, Forms[i % Forms.Length], Topics[(i / Forms.Length) % Topics.Length], i),
            Categories[i % Categories.Length])),
        "You are TechFlow's helpful support assistant.");

    public static IReadOnlyList<ModelUnderTest> Models(OpenAIEmulator emulator)
    {
        if (emulator.Dialect == EmulatorDialect.Together)
        {
            return
            [
                new ModelUnderTest("base", TogetherChatClient.Create(Connection(emulator), TogetherBase)) { Pricing = new ModelPrice(null, 0.18m, 0.18m) { BatchDiscount = 0.5m } },
                new ModelUnderTest("other", TogetherChatClient.Create(Connection(emulator), TogetherOther)) { Pricing = new ModelPrice(null, 0.88m, 0.88m) { BatchDiscount = 0.5m } },
            ];
        }

        return
        [
            new ModelUnderTest("base", emulator.CreateOpenAIClient().GetChatClient(BaseModel).AsIChatClient()) { Pricing = new ModelPrice(null, 0.15m, 0.60m) { BatchDiscount = 0.5m } },
            new ModelUnderTest("other", emulator.CreateOpenAIClient().GetChatClient(OtherModel).AsIChatClient()) { Pricing = new ModelPrice(null, 0.40m, 1.60m) { BatchDiscount = 0.5m } },
        ];
    }

    public static ModelComparerOptions Options(OpenAIEmulator emulator, ComparisonExecutionMode mode, string? journal = null)
    {
        var options = new ModelComparerOptions { Execution = mode, MaxConcurrency = 8, Seed = 7 };
        options.Batch.Connection = Connection(emulator);

        // The test moves the clock by minutes per real millisecond: a per-attempt timeout in simulated time would cut
        // ordinary calls short on a loaded machine.
        options.Batch.Connection.Resilience.AttemptTimeout = TimeSpan.FromHours(12);
        options.Batch.JournalPath = journal;
        options.Batch.WorkingDirectory = ComparisonTestFiles.TempDirectory();
        return options;
    }

    /// <summary>The batch service (and, on Together, the chat clients): the emulator's endpoint and key, in its dialect's provider.</summary>
    public static FineTuneJobRunnerOptions Connection(OpenAIEmulator emulator) => new()
    {
        Provider = emulator.Dialect == EmulatorDialect.Together ? "together" : "openai",
        ApiKey = emulator.ApiKey,
        Endpoint = emulator.Endpoint,
    };

    /// <summary>Runs a comparison against the frozen emulator, moving its clock 20 simulated seconds at a time until it ends.</summary>
    public static async Task<ComparisonReport> RunAsync(OpenAIEmulator emulator, ModelComparerOptions options, TestSuite suite, IReadOnlyList<ModelUnderTest>? models = null, CancellationToken cancellationToken = default)
    {
        var comparer = new ModelComparer(options, emulator.Clock);
        var run = comparer.CompareAsync(suite, models ?? Models(emulator), cancellationToken: cancellationToken);
        await PumpUntilAsync(emulator, () => run.IsCompleted);
        return await run;
    }

    /// <summary>Moves the emulator's clock forward until <paramref name="done"/> holds (at most 100,000 steps of 20 simulated seconds).</summary>
    public static async Task PumpUntilAsync(OpenAIEmulator emulator, Func<bool> done)
    {
        for (var step = 0; step < 100_000 && !done(); step++)
        {
            emulator.Clock.Advance(TimeSpan.FromSeconds(20));
            await Task.Delay(1);
        }
    }

    /// <summary>The outcome of every score of every answer, keyed by model, case and repeat.</summary>
    public static Dictionary<(string Model, string Case, int Repeat), string> Outcomes(ComparisonReport report) =>
        report.Results.ToDictionary(
            r => (r.Model, r.CaseId, r.Repeat),
            r => r.Response + "|" + string.Join(",", r.Scores.Select(s => s.Criterion + "=" + s.Outcome)));
}
