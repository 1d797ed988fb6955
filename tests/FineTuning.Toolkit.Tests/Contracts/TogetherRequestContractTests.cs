using System.ClientModel.Primitives;
using System.Text.Json.Nodes;
using FineTuning.Toolkit.Jobs;
using FineTuning.Toolkit.Providers.Together;
using FineTuning.Toolkit.Tests.Providers.Together;
using Microsoft.Extensions.AI;

namespace FineTuning.Toolkit.Tests.Contracts;

/// <summary>The Together AI provider's own requests — the upload's multipart fields, the fine-tune create bodies (SFT with
/// LoRA and held-out data, DPO) and the chat body — as sent over the wire to the emulator, checked strictly against
/// Together's official spec (<c>../shared/contracts/together-openapi.yaml</c>).</summary>
public sealed class TogetherRequestContractTests
{
    [SkippableFact]
    public async Task TogetherProvider_RequestsSent_ConformToTogetherSpec()
    {
        var contract = ContractAssert.Require(OpenApiContract.LoadTogether());
        var capture = new CapturingHandler();
        await using var lab = await TogetherLab.StartAsync(new HttpClientPipelineTransport(new HttpClient(capture)));
        var path = lab.WriteTrainingFile();

        var sft = await lab.Time.DriveAsync(lab.Runner.RunAsync(FineTuneRequest.For(TogetherLab.Llama).WithTrainingFile(path).WithHeldOutFile(path)
            .WithSuffix("techflow").WithEpochs(2).WithBatchSize(8).WithSeed(7).WithLora(8, 16, 0.05).WithCheckpoints(2).WithLearningRate(1e-4)));
        var dpo = await lab.Time.DriveAsync(lab.Runner.RunAsync(FineTuneRequest.For(TogetherLab.Llama).WithTrainingFileId(sft.TrainingFileId!).WithDpo(0.1).WithEpochs(1).WithSuffix("dpo")));
        using var chat = TogetherChatClient.Create(lab.Options, sft.FineTunedModel!);
        await chat.GetResponseAsync(
            [new ChatMessage(ChatRole.System, "You are TechFlow's support assistant."), new ChatMessage(ChatRole.User, "How do I reset my password?")],
            new ChatOptions { Temperature = 0.2f, TopP = 0.9f, MaxOutputTokens = 300, StopSequences = ["</s>"], Seed = 42 });

        Assert.True(sft.Succeeded, sft.ToString());
        Assert.NotNull(dpo.JobId);
        var upload = Assert.Single(capture.Requests, r => r.Method == "POST" && r.Path == "/v1/files/upload");
        var fields = CapturingHandler.FormFields(upload.ContentType!, upload.Body!);
        Assert.Equal(["purpose", "file_name", "file_type", "file"], fields.Select(f => f.Key));
        Assert.Equal("fine-tune", fields["purpose"]!.GetValue<string>());
        Assert.Equal("jsonl", fields["file_type"]!.GetValue<string>());
        ContractAssert.Conforms(contract, OpenApiContract.RequestBodySchema("post", "/files/upload"), fields);
        var creates = capture.Requests.Where(r => r.Method == "POST" && r.Path == "/v1/fine-tunes").Select(r => JsonNode.Parse(r.Body!)!).ToList();
        Assert.Equal(["sft", "dpo"], creates.Select(c => c["training_method"]!["method"]!.GetValue<string>()));
        Assert.All(creates, body => ContractAssert.Conforms(contract, OpenApiContract.RequestBodySchema("post", "/fine-tunes"), body));
        var chatBody = JsonNode.Parse(Assert.Single(capture.Requests, r => r.Path == "/v1/chat/completions").Body!)!;
        Assert.Equal(300, chatBody["max_tokens"]!.GetValue<int>());
        ContractAssert.Conforms(contract, OpenApiContract.RequestBodySchema("post", "/chat/completions"), chatBody);
        Assert.False(contract.Validate(OpenApiContract.RequestBodySchema("post", "/files/upload"), new JsonObject { ["purpose"] = "fine-tune", ["file"] = "x" }, allowDeviations: false).IsValid);
    }

    [SkippableFact]
    public async Task EmulatorTogetherMetricsAndDelete_ResponseBodies_ConformToTogetherSpec()
    {
        var contract = ContractAssert.Require(OpenApiContract.LoadTogether());
        await using var lab = await TogetherLab.StartAsync();
        var result = await lab.Time.DriveAsync(lab.Runner.RunAsync(FineTuneRequest.For(TogetherLab.Llama).WithTrainingFile(lab.WriteTrainingFile()).WithEpochs(1)));
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", lab.Emulator.ApiKey);

        var metrics = JsonNode.Parse(await http.GetStringAsync(new Uri(lab.Emulator.Endpoint + "/fine-tunes/" + result.JobId + "/metrics")))!;
        using var delete = await http.DeleteAsync(new Uri(lab.Emulator.Endpoint + "/fine-tunes/" + result.JobId));
        var deleted = JsonNode.Parse(await delete.Content.ReadAsStringAsync())!;

        Assert.NotEmpty(metrics["metrics"]!.AsArray());
        ContractAssert.Conforms(contract, OpenApiContract.ResponseBodySchema("get", "/fine-tunes/{id}/metrics"), metrics);
        ContractAssert.Conforms(contract, "FinetuneDeleteResponse", deleted);
    }
}
