using FineTuning.Toolkit.Jobs;
using Microsoft.Extensions.AI;

namespace FineTuning.Toolkit.Tests.Live;

/// <summary>
/// Tests against the real Azure OpenAI and Together AI APIs, through the same runner code the offline tests drive on the
/// emulator's dialects. Each runs only when its provider's key (and, for Azure, its endpoint) is set, and is skipped
/// otherwise with that reason. They spend (almost) nothing: listing jobs and one short chat call; no job is created.
/// </summary>
public sealed class LiveProviderTests
{
    private const string AzureSkipReason = "AZURE_OPENAI_API_KEY and AZURE_OPENAI_ENDPOINT (https://{resource}.openai.azure.com/openai/v1/) are not both set: live tests against the real Azure OpenAI API are skipped (the Azure dialect of the emulator covers the same code offline).";
    private const string TogetherSkipReason = "TOGETHER_API_KEY is not set: live tests against the real Together AI API are skipped (the Together dialect of the emulator covers the same code offline).";

    private static readonly string? AzureKey = Environment.GetEnvironmentVariable("AZURE_OPENAI_API_KEY");
    private static readonly string? AzureEndpoint = Environment.GetEnvironmentVariable("AZURE_OPENAI_ENDPOINT");
    private static readonly string? AzureChatDeployment = Environment.GetEnvironmentVariable("AZURE_OPENAI_CHAT_DEPLOYMENT");
    private static readonly string? TogetherKey = Environment.GetEnvironmentVariable("TOGETHER_API_KEY");

    private static bool AzureMissing => string.IsNullOrEmpty(AzureKey) || string.IsNullOrEmpty(AzureEndpoint);

    [SkippableFact]
    public async Task ListJobsAsync_RealAzure_ReadsJobs()
    {
        Skip.If(AzureMissing, AzureSkipReason);
        var runner = new FineTuneJobRunner(new FineTuneJobRunnerOptions { Provider = "azure", Endpoint = new Uri(AzureEndpoint!) });

        var jobs = await FirstAsync(runner.ListJobsAsync(pageSize: 5), 5);

        Assert.All(jobs, job => Assert.False(string.IsNullOrEmpty(job.Id)));
        Assert.True(runner.Capabilities.RequiresDeployment);
    }

    [SkippableFact]
    public async Task GetChatClient_RealAzureDeployment_Answers()
    {
        Skip.If(AzureMissing, AzureSkipReason);
        Skip.If(string.IsNullOrEmpty(AzureChatDeployment), "AZURE_OPENAI_CHAT_DEPLOYMENT (a deployment to chat with) is not set: the live Azure chat test is skipped.");
        var runner = new FineTuneJobRunner(new FineTuneJobRunnerOptions { Provider = "azure", Endpoint = new Uri(AzureEndpoint!) });

        var response = await runner.GetChatClient(AzureChatDeployment!).GetResponseAsync("Say OK.", new ChatOptions { MaxOutputTokens = 5 });

        Assert.False(string.IsNullOrWhiteSpace(response.Text));
    }

    [SkippableFact]
    public async Task ListJobsAsync_RealTogether_ReadsJobs()
    {
        Skip.If(string.IsNullOrEmpty(TogetherKey), TogetherSkipReason);
        var runner = new FineTuneJobRunner(new FineTuneJobRunnerOptions { Provider = "together" });

        var jobs = await FirstAsync(runner.ListJobsAsync(pageSize: 5), 5);

        Assert.All(jobs, job => Assert.StartsWith("ft-", job.Id, StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task GetChatClient_RealTogetherModel_AnswersWithoutFailingOnEos()
    {
        Skip.If(string.IsNullOrEmpty(TogetherKey), TogetherSkipReason);
        var runner = new FineTuneJobRunner(new FineTuneJobRunnerOptions { Provider = "together" });

        var response = await runner.GetChatClient("meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo").GetResponseAsync("Say OK.", new ChatOptions { MaxOutputTokens = 5 });

        Assert.False(string.IsNullOrWhiteSpace(response.Text));
    }

    private static async Task<List<FineTuneJob>> FirstAsync(IAsyncEnumerable<FineTuneJob> jobs, int count)
    {
        var list = new List<FineTuneJob>();
        await foreach (var job in jobs)
        {
            list.Add(job);
            if (list.Count == count)
            {
                break;
            }
        }

        return list;
    }
}
