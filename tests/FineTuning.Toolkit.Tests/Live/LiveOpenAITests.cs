using FineTuning.Toolkit.Comparison;
using FineTuning.Toolkit.Datasets;
using FineTuning.Toolkit.Jobs;
using Microsoft.Extensions.AI;
using OpenAI;

namespace FineTuning.Toolkit.Tests.Live;

/// <summary>
/// Tests against the real OpenAI API. They run only when <c>OPENAI_API_KEY</c> is set and are skipped otherwise, with
/// that reason. They spend (almost) nothing: listing jobs, uploading and deleting a small file, and two short chat calls
/// to gpt-4o-mini. No fine-tuning job is created.
/// </summary>
public sealed class LiveOpenAITests : IDisposable
{
    private const string SkipReason = "OPENAI_API_KEY is not set: live tests against the real OpenAI API are skipped (every other test runs offline on the emulator).";

    private static readonly string? ApiKey = Environment.GetEnvironmentVariable("OPENAI_API_KEY");

    private readonly string _folder = Directory.CreateTempSubdirectory("ftt-live-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [SkippableFact]
    public async Task ListJobsAsync_RealApi_ReadsJobsWithKnownOrUnknownStatuses()
    {
        Skip.If(string.IsNullOrEmpty(ApiKey), SkipReason);
        var runner = new FineTuneJobRunner(new FineTuneJobRunnerOptions { ApiKey = ApiKey });

        var jobs = new List<FineTuneJob>();
        await foreach (var job in runner.ListJobsAsync(pageSize: 5))
        {
            jobs.Add(job);
            if (jobs.Count == 5)
            {
                break;
            }
        }

        Assert.All(jobs, job => Assert.StartsWith("ftjob-", job.Id, StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task UploadFileAsync_RealApi_UploadsAndDeletes()
    {
        Skip.If(string.IsNullOrEmpty(ApiKey), SkipReason);
        var runner = new FineTuneJobRunner(new FineTuneJobRunnerOptions { ApiKey = ApiKey });
        var builder = DatasetBuilder.Create().WithSystemPrompt("You are TechFlow's helpful support assistant.");
        for (var i = 1; i <= 10; i++)
        {
            builder.AddExample("features", e => e
                .User($"How do I export report {i}?")
                .Assistant($"📊 **Export report {i}**\n\n1. Open **Reports**.\n2. Pick report {i} and click **Export**.\n\nAnything else I can help you with? 😊"));
        }

        var path = Path.Combine(_folder, "live_training.jsonl");
        await builder.Build().WriteJsonlAsync(path);

        var fileId = await runner.UploadFileAsync(path);
        try
        {
            Assert.StartsWith("file-", fileId, StringComparison.Ordinal);
        }
        finally
        {
            Assert.Contains(fileId, await runner.CleanupAsync(new FineTuneResult { TrainingFileId = fileId }, deleteModel: false));
        }
    }

    [SkippableFact]
    public async Task CompareAsync_RealApi_TwoModelsAnswerTheLabPrompt()
    {
        Skip.If(string.IsNullOrEmpty(ApiKey), SkipReason);
        var chat = new OpenAIClient(ApiKey).GetChatClient("gpt-4o-mini").AsIChatClient();
        var suite = new TestSuite("live", [TestCase.FromPrompt("password", "How do I reset my password?", "account")]);

        var report = await new ModelComparer(new ModelComparerOptions { CacheDirectory = Path.Combine(_folder, "cache") })
            .CompareAsync(suite, new ModelUnderTest("a", chat), new ModelUnderTest("b", chat));

        Assert.Equal(2, report.Results.Count);
        Assert.All(report.Results, r =>
        {
            Assert.Null(r.Error);
            Assert.False(string.IsNullOrWhiteSpace(r.Response));
        });
    }
}
