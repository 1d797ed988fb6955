using System.Text.Json.Nodes;
using FineTuning.Toolkit.Jobs;
using FineTuning.Toolkit.Testing;
using FineTuning.Toolkit.Tests.Testing;

namespace FineTuning.Toolkit.Tests.Contracts;

public sealed class ToolkitRequestContractTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ftt-contract-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [SkippableFact]
    public async Task FineTuneJobRunner_AgainstTheEmulator_SendsRequestBodiesThatConformToSpec()
    {
        var contract = OpenApiContract.Load();
        Skip.If(contract is null, OpenApiContract.MissingSpecReason);
        await using var emulator = await OpenAIEmulator.StartAsync(new OpenAIEmulatorOptions { Seed = 4, StartTime = TestWorld.Today });
        var path = Path.Combine(_folder, "techflow_training.jsonl");
        await File.WriteAllTextAsync(path, TechFlowTrainingData.ToJsonl());
        var runner = new FineTuneJobRunner(
            new FineTuneJobRunnerOptions { Endpoint = emulator.Endpoint, ApiKey = emulator.ApiKey, MultipartUploadThreshold = 4096, UploadPartSize = 4096 },
            emulator.Clock); // the runner waits in simulated time, so its polling follows a 20-minute job in about a second
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));

        var result = await runner.RunAsync(
            FineTuneRequest.For("gpt-4o-mini-2024-07-18").WithTrainingFile(path).WithSuffix("techflow").WithEpochs(3).WithSeed(7).WithMetadata("team", "support"),
            cancellationToken: timeout.Token);

        Assert.True(result.Succeeded, result.ToString());
        var schemas = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["/v1/fine_tuning/jobs"] = "CreateFineTuningJobRequest",
            ["/v1/uploads"] = "CreateUploadRequest",
            ["/v1/uploads/{upload_id}/complete"] = "CompleteUploadRequest",
        };
        var sent = emulator.Requests.Entries.Where(e => e.Method == "POST" && e.RequestBody is not null && schemas.ContainsKey(e.Route)).ToList();
        Assert.Contains(sent, e => e.Route == "/v1/fine_tuning/jobs");
        Assert.Contains(sent, e => e.Route == "/v1/uploads");
        Assert.All(sent, e =>
        {
            var validation = contract!.Validate(schemas[e.Route], JsonNode.Parse(e.RequestBody!), allowDeviations: false);
            Assert.True(validation.IsValid, validation + "\n" + e.RequestBody);
        });
    }
}
