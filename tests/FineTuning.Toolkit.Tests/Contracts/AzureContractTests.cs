using System.Text.Json.Nodes;
using FineTuning.Toolkit.Testing;
using FineTuning.Toolkit.Tests.Testing;

namespace FineTuning.Toolkit.Tests.Contracts;

/// <summary>The emulator's Azure OpenAI v1 data-plane responses checked against Azure's official spec
/// (<c>../shared/contracts/azure-openai-v1.json</c>), with Azure's documented deviation only.</summary>
public sealed class AzureContractTests
{
    private static OpenApiContract RequireContract() => ContractAssert.Require(OpenApiContract.LoadAzure());

    [SkippableFact]
    public async Task FilesJobsEventsCheckpoints_ResponseBodies_ConformToAzureSpec()
    {
        var contract = RequireContract();
        await using var emulator = await EmulatorScenario.StartFrozenAsync(dialect: EmulatorDialect.Azure);
        using var http = new EmulatorHttp(emulator);

        var uploaded = await http.UploadAsync(TechFlowTrainingData.ToJsonl());
        ContractAssert.Conforms(contract, "AzureOpenAIFile", uploaded.Body);
        emulator.Clock.Advance(TimeSpan.FromMinutes(1));
        ContractAssert.Conforms(contract, "AzureOpenAIFile", (await http.GetAsync($"/openai/v1/files/{uploaded.Id}")).Body);
        ContractAssert.Conforms(contract, "AzureListFilesResponse", (await http.GetAsync("/openai/v1/files")).Body);

        var job = await http.PostAsync("/openai/v1/fine_tuning/jobs", new JsonObject { ["model"] = "gpt-4o-mini-2024-07-18", ["training_file"] = uploaded.Id, ["trainingType"] = "globalStandard", ["seed"] = 7 });
        var strict = contract.Validate("OpenAI.FineTuningJob", job.Body, allowDeviations: false);
        Assert.False(strict.IsValid);
        Assert.All(strict.Violations, v => Assert.Equal("/status", v.InstanceLocation));
        var tolerant = contract.Validate("OpenAI.FineTuningJob", job.Body, allowDeviations: true);
        Assert.True(tolerant.IsValid, tolerant.ToString());
        Assert.Equal([ContractDeviations.AzurePendingJobStatus], tolerant.AppliedDeviations);
        ContractAssert.Conforms(contract, "OpenAI.ListPaginatedFineTuningJobsResponse", (await http.GetAsync("/openai/v1/fine_tuning/jobs")).Body, allowDeviations: true);

        emulator.Clock.Advance(TimeSpan.FromHours(2));
        ContractAssert.Conforms(contract, "OpenAI.FineTuningJob", (await http.GetAsync($"/openai/v1/fine_tuning/jobs/{job.Id}")).Body);
        ContractAssert.Conforms(contract, "OpenAI.ListFineTuningJobEventsResponse", (await http.GetAsync($"/openai/v1/fine_tuning/jobs/{job.Id}/events?limit=50")).Body);
        ContractAssert.Conforms(contract, "OpenAI.ListFineTuningJobCheckpointsResponse", (await http.GetAsync($"/openai/v1/fine_tuning/jobs/{job.Id}/checkpoints")).Body);
        ContractAssert.Conforms(contract, "OpenAI.DeleteFileResponse", (await http.DeleteAsync($"/openai/v1/files/{uploaded.Id}")).Body);
    }

    [SkippableFact]
    public async Task ModelsAndChatThroughADeployment_ResponseBodies_ConformToAzureSpec()
    {
        var contract = RequireContract();
        await using var emulator = await EmulatorScenario.StartFrozenAsync(dialect: EmulatorDialect.Azure);
        using var http = new EmulatorHttp(emulator);

        ContractAssert.Conforms(contract, "OpenAI.ListModelsResponse", (await http.GetAsync("/openai/v1/models")).Body);
        ContractAssert.Conforms(contract, "OpenAI.Model", (await http.GetAsync("/openai/v1/models/gpt-4o-mini")).Body);
        var chat = await http.PostAsync("/openai/v1/chat/completions", new JsonObject
        {
            ["model"] = "gpt-4o-mini",
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "How do I reset my password?" }),
        });
        ContractAssert.Conforms(contract, "AzureCreateChatCompletionResponse", chat.Body);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/openai/v1/chat/completions")
        {
            Content = new StringContent("""{"model":"missing","messages":[{"role":"user","content":"hi"}]}""", System.Text.Encoding.UTF8, "application/json"),
        };
        var notFound = await http.SendAsync(request);
        ContractAssert.Conforms(contract, "AzureErrorResponse", notFound.Body);
        Assert.Equal("DeploymentNotFound", notFound.Body["error"]!["code"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task CreateJobRequest_WithTrainingType_ConformsToAzureSpec()
    {
        var contract = RequireContract();
        var body = JsonNode.Parse("""{"model":"gpt-4o-mini-2024-07-18","training_file":"file-abc","trainingType":"developerTier","method":{"type":"supervised","supervised":{"hyperparameters":{"n_epochs":3}}}}""")!;

        ContractAssert.Conforms(contract, "OpenAI.CreateFineTuningJobRequest", body);
        await Task.CompletedTask;
    }
}
