using FineTuning.Toolkit.Comparison;
using Microsoft.Extensions.AI;

namespace FineTuning.Toolkit.Tests.Comparison.Execution;

public class ComparisonKeysTests
{
    [Fact]
    public async Task CompareAsync_ModelBehindDisplayNameChanged_CallsNewModelForEveryCase()
    {
        var directory = ComparisonTestFiles.TempDirectory();
        ModelComparerOptions Options() => ComparisonFixtures.Options(o =>
        {
            o.CacheDirectory = Path.Combine(directory, "cache");
            o.ResultsPath = Path.Combine(directory, "results.jsonl");
        });
        var suite = ComparisonFixtures.Suite(6);
        var v1 = TestChatClient.Answering(_ => TechFlowAnswers.Plain, "ft:gpt-4o-mini:org:techflow:v1");
        await new ModelComparer(Options()).CompareAsync(suite, new ModelUnderTest("base", ComparisonFixtures.Base()), new ModelUnderTest("fine-tuned", v1));

        var v2 = TestChatClient.Answering(_ => TechFlowAnswers.Formatted, "ft:gpt-4o-mini:org:techflow:v2");
        var baseAgain = ComparisonFixtures.Base();
        var report = await new ModelComparer(Options()).CompareAsync(suite, new ModelUnderTest("base", baseAgain), new ModelUnderTest("fine-tuned", v2));

        Assert.Equal(6, v2.Calls);
        Assert.Equal(0, baseAgain.Calls);
        Assert.All(report.Results.Where(r => r.Model == "fine-tuned"), r => Assert.Equal(TechFlowAnswers.Formatted, r.Response));
        Assert.All(report.Results.Where(r => r.Model == "fine-tuned"), r => Assert.False(r.FromCache || r.Resumed));
    }

    [Fact]
    public async Task CompareAsync_ModelIdOnModelUnderTest_KeysTheCacheInsteadOfTheClient()
    {
        var cache = ComparisonTestFiles.TempDirectory();
        var options = ComparisonFixtures.Options(o => o.CacheDirectory = cache);
        var suite = ComparisonFixtures.Suite(3);
        var first = TestChatClient.Answering(_ => TechFlowAnswers.Plain, "same-client-id");
        await new ModelComparer(options).CompareAsync(suite, new ModelUnderTest("base", ComparisonFixtures.Base()), new ModelUnderTest("ft", first) { ModelId = "ft:v1" });

        var second = TestChatClient.Answering(_ => TechFlowAnswers.Formatted, "same-client-id");
        await new ModelComparer(options).CompareAsync(suite, new ModelUnderTest("base", ComparisonFixtures.Base()), new ModelUnderTest("ft", second) { ModelId = "ft:v2" });

        Assert.Equal(3, second.Calls);
    }

    [Fact]
    public async Task CompareAsync_NoModelIdAnywhere_NeitherCachesNorResumes()
    {
        var directory = ComparisonTestFiles.TempDirectory();
        var options = ComparisonFixtures.Options(o =>
        {
            o.CacheDirectory = Path.Combine(directory, "cache");
            o.ResultsPath = Path.Combine(directory, "results.jsonl");
        });
        var suite = ComparisonFixtures.Suite(3);
        var anonymous = new AnonymousClient(ComparisonFixtures.Base());
        await new ModelComparer(options).CompareAsync(suite, new ModelUnderTest("base", anonymous), new ModelUnderTest("ft", ComparisonFixtures.FineTuned()));
        await new ModelComparer(options).CompareAsync(suite, new ModelUnderTest("base", anonymous), new ModelUnderTest("ft", ComparisonFixtures.FineTuned()));

        Assert.Equal(6, anonymous.Inner.Calls);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public async Task CompareAsync_RerunWithModelsReportingNoUsage_MakesNoCallsAndDoesNotThrow(bool cache, bool journal)
    {
        var directory = ComparisonTestFiles.TempDirectory();
        var options = ComparisonFixtures.Options(o =>
        {
            o.CacheDirectory = cache ? Path.Combine(directory, "cache") : null;
            o.ResultsPath = journal ? Path.Combine(directory, "results.jsonl") : null;
        });
        static TestChatClient NoUsage(string modelId, string answer) => new()
        {
            ModelId = modelId,
            GetResponseAsyncCallback = (_, _, _) => Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, answer))),
        };
        var suite = ComparisonFixtures.Suite(4);
        await new ModelComparer(options).CompareAsync(suite, new ModelUnderTest("base", NoUsage("base", TechFlowAnswers.Plain)), new ModelUnderTest("ft", NoUsage("ft", TechFlowAnswers.Formatted)));

        var a = NoUsage("base", TechFlowAnswers.Plain);
        var b = NoUsage("ft", TechFlowAnswers.Formatted);
        var report = await new ModelComparer(options).CompareAsync(suite, new ModelUnderTest("base", a), new ModelUnderTest("ft", b));

        Assert.Equal(0, a.Calls + b.Calls);
        Assert.Equal(0, report.Run.ModelCalls);
        Assert.All(report.Results, r => Assert.Null(r.InputTokens));
        Assert.All(report.Results, r => Assert.Null(r.Error));
    }

    [Fact]
    public async Task CompareAsync_CustomDistributedCache_SecondRunServedFromIt()
    {
        var storage = new DictionaryDistributedCache();
        var options = ComparisonFixtures.Options(o => o.Cache = storage);
        var suite = ComparisonFixtures.Suite(3);
        await new ModelComparer(options).CompareAsync(suite, new ModelUnderTest("base", ComparisonFixtures.Base()), new ModelUnderTest("ft", ComparisonFixtures.FineTuned()));
        var a = ComparisonFixtures.Base();
        var b = ComparisonFixtures.FineTuned();

        var report = await new ModelComparer(options).CompareAsync(suite, new ModelUnderTest("base", a), new ModelUnderTest("ft", b));

        Assert.Equal(6, storage.Count);
        Assert.Equal(0, a.Calls + b.Calls);
        Assert.Equal(6, report.Run.CacheHits);
        Assert.All(report.Results, r => Assert.True(r.FromCache));
    }

    /// <summary>A client that names no model: no <see cref="ChatClientMetadata"/>.</summary>
    private sealed class AnonymousClient(TestChatClient inner) : DelegatingChatClient(inner)
    {
        public TestChatClient Inner => inner;

        public override object? GetService(Type serviceType, object? serviceKey = null) =>
            serviceType == typeof(ChatClientMetadata) ? null : base.GetService(serviceType, serviceKey);
    }
}
