using System.ClientModel;
using FineTuning.Toolkit.Jobs;
using FineTuning.Toolkit.Providers;
using FineTuning.Toolkit.Testing;
using FineTuning.Toolkit.Tests.Jobs;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace FineTuning.Toolkit.Tests.Providers.Azure;

/// <summary>Train → deploy → chat → delete on the emulator's Azure dialect, with the real Azure.Core management pipeline.</summary>
public sealed class AzureDeploymentTests
{
    private const string DeploymentsRoute = "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.CognitiveServices/accounts/{accountName}/deployments/{deploymentName}";

    [Fact]
    public async Task DeployAsync_TrainedModel_WaitsUntilSucceededThenChatAnswersAndDeleteRemovesIt()
    {
        await using var lab = await AzureLab.StartAsync();
        var model = await lab.TrainAsync();
        var progress = new List<FineTuneProgress>();

        var deployment = await lab.Time.DriveAsync(lab.Runner.DeployAsync(model, "techflow-support", new SyncProgress<FineTuneProgress>(progress.Add)));

        Assert.True(deployment.IsSucceeded, deployment.ToString());
        Assert.Equal("techflow-support", deployment.Name);
        Assert.Equal(model, deployment.Model);
        Assert.Equal("GlobalStandard", deployment.Sku, ignoreCase: true);
        Assert.Null(deployment.ExpiresAt);
        Assert.True(lab.Emulator.Requests.Count("GET", DeploymentsRoute) >= 2); // it was Creating, then polled to Succeeded
        Assert.Contains(progress, p => p.Stage == FineTuneStage.Deploying && p.Message.Contains("Creating", StringComparison.Ordinal));

        var answer = await lab.Runner.GetChatClient(deployment.Name).GetResponseAsync("How do I reset my password?");
        Assert.False(string.IsNullOrWhiteSpace(answer.Text));

        Assert.True(await lab.Runner.DeleteDeploymentAsync(deployment.Name));
        Assert.False(await lab.Runner.DeleteDeploymentAsync(deployment.Name));
        var afterDelete = await Assert.ThrowsAsync<ClientResultException>(() => lab.Runner.GetChatClient(deployment.Name).GetResponseAsync("Hello?"));
        Assert.Contains("DeploymentNotFound", afterDelete.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetChatClient_BeforeDeploy_GetsDeploymentNotFound()
    {
        await using var lab = await AzureLab.StartAsync();
        var model = await lab.TrainAsync();

        var error = await Assert.ThrowsAsync<ClientResultException>(() => lab.Runner.GetChatClient(model).GetResponseAsync("How do I reset my password?"));

        Assert.Equal(404, error.Status);
        Assert.Contains("DeploymentNotFound", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeployAsync_PutResponseLost_RetriesTheSameNameAndCreatesOneDeployment()
    {
        await using var lab = await AzureLab.StartAsync();
        var model = await lab.TrainAsync();
        lab.Emulator.Faults.Enqueue("PUT", DeploymentsRoute, EmulatorFault.LoseResponse());

        var deployment = await lab.Time.DriveAsync(lab.Runner.DeployAsync(model));

        Assert.True(deployment.IsSucceeded);
        Assert.Equal(2, lab.Emulator.Requests.Count("PUT", DeploymentsRoute));
        Assert.Equal(1, lab.Emulator.Requests.Entries.Count(e => e.Method == "PUT" && e.Fault == EmulatorFaultKind.LoseResponse));
        var puts = lab.Emulator.Requests.Entries.Where(e => e.Method == "PUT").Select(e => e.Path).Distinct().ToList();
        Assert.Single(puts); // the retry addressed the same deployment name
        Assert.Equal(1, await CountDeploymentsAsync(lab));
    }

    [Fact]
    public async Task Credentials_KeyNeverReachesTheManagementPlane_TokenNeverReachesTheDataPlane()
    {
        await using var lab = await AzureLab.StartAsync();
        var model = await lab.TrainAsync();
        var deployment = await lab.Time.DriveAsync(lab.Runner.DeployAsync(model, "keys-check"));
        await lab.Runner.GetChatClient(deployment.Name).GetResponseAsync("Hello?");
        await lab.Runner.DeleteDeploymentAsync(deployment.Name);

        Assert.NotEmpty(lab.Handler.Management);
        Assert.NotEmpty(lab.Handler.DataPlane);
        Assert.Equal(lab.Handler.Requests.Count, lab.Handler.Management.Count() + lab.Handler.DataPlane.Count());
        Assert.All(lab.Handler.Management, r => Assert.Equal("Bearer " + lab.Emulator.AzureAccessToken, r.Authorization));
        Assert.All(lab.Handler.Management, r => Assert.Null(r.ApiKey));
        Assert.All(lab.Handler.DataPlane, r => Assert.Equal(lab.Emulator.ApiKey, r.ApiKey));
        Assert.All(lab.Handler.DataPlane, r => Assert.Null(r.Authorization)); // neither the key as a bearer nor the management token
        Assert.Contains(lab.Handler.DataPlane, r => r.Path.EndsWith("/chat/completions", StringComparison.Ordinal));
        Assert.Equal([lab.Emulator.ManagementEndpoint!.GetLeftPart(UriPartial.Authority) + "/.default"], lab.Credential.Scopes.Distinct()); // the management scope only
    }

    [SkippableFact]
    public async Task NoKeyWithCredential_DataPlaneUsesAnEntraTokenForTheCognitiveServicesScope()
    {
        Skip.If(Environment.GetEnvironmentVariable("AZURE_OPENAI_API_KEY") is { Length: > 0 }, "AZURE_OPENAI_API_KEY is set in this environment.");
        await using var lab = await AzureLab.StartAsync(withKey: false);

        var model = await lab.TrainAsync();
        var deployment = await lab.Time.DriveAsync(lab.Runner.DeployAsync(model, "entra"));
        var answer = await lab.Runner.GetChatClient(deployment.Name).GetResponseAsync("Hello?");

        Assert.False(string.IsNullOrWhiteSpace(answer.Text));
        Assert.All(lab.Handler.DataPlane, r => Assert.Equal("Bearer " + lab.Emulator.AzureAccessToken, r.Authorization));
        Assert.All(lab.Handler.DataPlane, r => Assert.Null(r.ApiKey));
        Assert.Contains("https://cognitiveservices.azure.com/.default", lab.Credential.Scopes);
    }

    [Fact]
    public async Task DeployAsync_Succeeded_WarnsAboutTheFifteenDayInactivityRule()
    {
        await using var lab = await AzureLab.StartAsync(configure: o => o.Azure.DeploymentSku = "developertier");
        var model = await lab.TrainAsync();

        var deployment = await lab.Time.DriveAsync(lab.Runner.DeployAsync(model, "dev"));

        var warnings = lab.Logs.Collector.GetSnapshot().Where(r => r.Level == LogLevel.Warning).Select(r => r.Message).ToList();
        Assert.Contains(warnings, m => m.Contains("15 days", StringComparison.Ordinal) && m.Contains("dev", StringComparison.Ordinal));
        Assert.Contains(warnings, m => m.Contains("24 hours", StringComparison.Ordinal));
        Assert.Equal(deployment.CreatedAt + TimeSpan.FromHours(24), deployment.ExpiresAt);
        Assert.DoesNotContain(lab.Logs.Collector.GetSnapshot(), r => r.Message.Contains(lab.Emulator.ApiKey, StringComparison.Ordinal) || r.Message.Contains(lab.Emulator.AzureAccessToken, StringComparison.Ordinal));
    }

    [Fact]
    public async Task DeployAsync_OpenAI_CallsNothingAndReturnsTheModelItself()
    {
        await using var emulator = await OpenAIEmulator.StartAsync(new OpenAIEmulatorOptions { SpeedFactor = 0, StartTime = TestWorld.Today });
        var runner = new FineTuneJobRunner(new FineTuneJobRunnerOptions { ApiKey = emulator.ApiKey, Endpoint = emulator.Endpoint }, emulator.Clock);

        var deployment = await runner.DeployAsync("ft:gpt-4o-mini-2024-07-18:techflow::abc");

        Assert.Equal(new ModelDeployment("ft:gpt-4o-mini-2024-07-18:techflow::abc", "ft:gpt-4o-mini-2024-07-18:techflow::abc", null, "Succeeded"), deployment);
        Assert.False(runner.Capabilities.RequiresDeployment);
        Assert.False(await runner.DeleteDeploymentAsync("anything"));
        Assert.Empty(emulator.Requests.Entries);
        var answer = await runner.GetChatClient("gpt-4o-mini").GetResponseAsync("How do I reset my password?");
        Assert.False(string.IsNullOrWhiteSpace(answer.Text));
    }

    [Fact]
    public async Task DeployAsync_NoSubscription_FailsNamingTheSetting()
    {
        await using var lab = await AzureLab.StartAsync(configure: o => o.Azure.SubscriptionId = null);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => lab.Runner.DeployAsync("gpt-4o-mini-2024-07-18"));

        Assert.Contains("Azure.SubscriptionId", error.Message, StringComparison.Ordinal);
        Assert.Empty(lab.Handler.Management);
    }

    [Fact]
    public void ServingMembers_NullArguments_Throw()
    {
        var runner = new FineTuneJobRunner(new FineTuneJobRunnerOptions { ApiKey = "sk-test-0000000000" });

        Assert.Throws<ArgumentNullException>("fineTunedModel", () => { _ = runner.DeployAsync(null!); });
        Assert.Throws<ArgumentNullException>("deploymentName", () => { _ = runner.DeleteDeploymentAsync(null!); });
        Assert.Throws<ArgumentNullException>("modelOrDeployment", () => runner.GetChatClient(null!));
    }

    private static async Task<int> CountDeploymentsAsync(AzureLab lab)
    {
        using var http = new HttpClient(lab.Emulator.CreateHttpMessageHandler());
        var list = lab.Emulator.GetDeploymentUri("x").AbsoluteUri.Replace("/deployments/x?", "/deployments?", StringComparison.Ordinal);
        using var request = new HttpRequestMessage(HttpMethod.Get, list);
        request.Headers.Authorization = new("Bearer", lab.Emulator.AzureAccessToken);
        using var response = await http.SendAsync(request);
        var body = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return body["value"]!.AsArray().Count;
    }
}
