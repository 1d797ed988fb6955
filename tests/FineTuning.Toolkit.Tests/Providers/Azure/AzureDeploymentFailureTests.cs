using System.Net;
using Azure.Core.Pipeline;
using FineTuning.Toolkit.Jobs;
using FineTuning.Toolkit.Tests.Jobs;

namespace FineTuning.Toolkit.Tests.Providers.Azure;

/// <summary>What the emulator cannot show: a deployment that fails, one that never finishes, and a sovereign cloud's URLs.</summary>
public sealed class AzureDeploymentFailureTests
{
    private const string Creating = """{"name":"ft","sku":{"name":"Standard","capacity":1},"properties":{"model":{"format":"OpenAI","name":"gpt-4o-mini-2024-07-18.ft-1","version":"1"},"provisioningState":"Creating"}}""";
    private const string Failed = """{"name":"ft","sku":{"name":"Standard","capacity":1},"properties":{"model":{"format":"OpenAI","name":"gpt-4o-mini-2024-07-18.ft-1","version":"1"},"provisioningState":"Failed","error":{"code":"InsufficientQuota","message":"This operation require 1 new capacity in quota Tokens Per Minute (thousands) - gpt-4o-mini-finetune, which is bigger than the current available capacity 0."}}}""";

    private static FineTuneJobRunner Runner(FakeArmHandler arm, TimeProvider time, Action<FineTuneJobRunnerOptions>? configure = null)
    {
        var options = new FineTuneJobRunnerOptions { Provider = "azure", ApiKey = "azure-key-0123456789", Endpoint = new Uri("https://techflow.openai.usgovcloudapi.net/openai/v1/") };
        options.Azure.ManagementEndpoint = new Uri("https://management.usgovcloudapi.net/");
        (options.Azure.SubscriptionId, options.Azure.ResourceGroup, options.Azure.AccountName) = ("sub-1", "rg-1", "techflow");
        options.Azure.Credential = new FixedTokenCredential("entra-token");
        options.Azure.ManagementTransport = new HttpClientTransport(new HttpClient(arm));
        options.Azure.DeploymentTimeout = TimeSpan.FromHours(2);
        configure?.Invoke(options);
        return new FineTuneJobRunner(options, time);
    }

    [Fact]
    public async Task DeployAsync_ProvisioningFails_ThrowsWithAzuresError()
    {
        var arm = new FakeArmHandler((HttpStatusCode.Created, Creating), (HttpStatusCode.OK, Creating), (HttpStatusCode.OK, Failed));
        var time = new SteppingTimeProvider(AzureLab.Start);
        var credential = new FixedTokenCredential("entra-token");
        var runner = Runner(arm, time, o => o.Azure.Credential = credential);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => time.DriveAsync(runner.DeployAsync("gpt-4o-mini-2024-07-18.ft-1", "ft")));

        Assert.Contains("InsufficientQuota", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, arm.Requests.Count);
        var put = arm.Requests.First();
        Assert.Equal("PUT", put.Method);
        Assert.Equal("https://management.usgovcloudapi.net/subscriptions/sub-1/resourceGroups/rg-1/providers/Microsoft.CognitiveServices/accounts/techflow/deployments/ft?api-version=2024-10-01", put.Uri.AbsoluteUri);
        Assert.Equal(["https://management.usgovcloudapi.net/.default"], credential.Scopes.Distinct());
    }

    [Fact]
    public async Task DeployAsync_NeverSucceeds_TimesOutAfterDeploymentTimeout()
    {
        var arm = new FakeArmHandler((HttpStatusCode.Created, Creating));
        var time = new SteppingTimeProvider(AzureLab.Start) { Horizon = TimeSpan.FromHours(3) };
        var runner = Runner(arm, time, o => (o.Azure.DeploymentTimeout, o.Azure.DeploymentPollInterval) = (TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(1)));

        var error = await Assert.ThrowsAsync<TimeoutException>(() => time.DriveAsync(runner.DeployAsync("gpt-4o-mini-2024-07-18.ft-1", "ft")));

        Assert.Contains("Creating", error.Message, StringComparison.Ordinal);
        Assert.Contains("DeploymentTimeout", error.Message, StringComparison.Ordinal);
        Assert.InRange(arm.Requests.Count(r => r.Method == "GET"), 3, 6); // one read a minute for five minutes
    }
}
