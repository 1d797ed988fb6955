using System.Text.Json;

namespace FineTuning.Toolkit.Cli.Tests.Providers;

/// <summary>
/// The acceptance line "<c>ftk train … --provider azure</c> against <c>ftk emulator --dialect azure</c> trains, deploys and
/// answers a chat", in process: the emulator command serves both Azure planes over HTTPS, the train command reads
/// exactly what the emulator printed (endpoints, key, token, subscription, resource group, account, certificate).
/// </summary>
public sealed class AzureProviderTests : IDisposable
{
    private readonly string _folder = TestData.NewFolder();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Train_ProviderAzureAgainstTheAzureEmulator_TrainsDeploysAnswersAndDeletes()
    {
        await File.WriteAllTextAsync(Path.Combine(_folder, "train.jsonl"), TestData.ValidJsonl());
        using var interrupt = new CancellationTokenSource();
        using var emulatorOutput = new StringWriter();
        var emulatorHost = new CliHost(TextWriter.Synchronized(emulatorOutput), TextWriter.Null, _ => null, interactive: false) { CurrentDirectory = _folder };
        var emulator = FtkApp.RunAsync(["emulator", "--dialect", "azure", "--json", "--speed", "3000", "--certificate", "emulator.pem", "--start-time", TestWorld.TodayIso], emulatorHost, interrupt.Token);
        while (!emulatorOutput.ToString().Contains("endpoint", StringComparison.Ordinal) && !emulator.IsCompleted)
        {
            await Task.Delay(20);
        }

        try
        {
            using var announced = JsonDocument.Parse(emulatorOutput.ToString());
            await TrainDeployAskDeleteAsync(announced.RootElement);
        }
        finally
        {
            await interrupt.CancelAsync();
            await emulator;
        }
    }

    [Fact]
    public async Task Train_ProviderAzureAgainstTheAzureEmulatorInAnotherProcess_TrainsDeploysAnswersAndDeletes()
    {
        await File.WriteAllTextAsync(Path.Combine(_folder, "train.jsonl"), TestData.ValidJsonl());
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        using var server = ToolProcess.Start(ToolPaths.Dotnet, [ToolPaths.ToolAssembly(), "emulator", "--dialect", "azure", "--json", "--speed", "3000", "--certificate", Path.Combine(_folder, "emulator.pem"), "--start-time", TestWorld.TodayIso]);
        var ready = await server.WaitForLineAsync(l => l.StartsWith('{'), timeout.Token);
        using var announced = JsonDocument.Parse(ready);

        await TrainDeployAskDeleteAsync(announced.RootElement);
    }

    /// <summary>Reads exactly what <c>ftk emulator --dialect azure --json</c> printed, then trains, deploys, asks and deletes through <c>ftk</c>.</summary>
    private async Task TrainDeployAskDeleteAsync(JsonElement root)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["AZURE_OPENAI_ENDPOINT"] = root.GetProperty("endpoint").GetString()!,
            ["AZURE_OPENAI_API_KEY"] = root.GetProperty("apiKey").GetString()!,
            ["AZURE_MANAGEMENT_ENDPOINT"] = root.GetProperty("managementEndpoint").GetString()!,
            ["AZURE_ACCESS_TOKEN"] = root.GetProperty("accessToken").GetString()!,
            ["AZURE_SUBSCRIPTION_ID"] = root.GetProperty("subscription").GetString()!,
            ["AZURE_RESOURCE_GROUP"] = root.GetProperty("resourceGroup").GetString()!,
            ["AZURE_OPENAI_ACCOUNT"] = root.GetProperty("account").GetString()!,
            ["FTK_TRUST_CERTIFICATE"] = root.GetProperty("certificatePath").GetString()!,
        };

        var train = await CliRun.RunAsync(
            ["train", "train.jsonl", "--provider", "azure", "--training-type", "globalStandard", "--deploy", "--deployment", "techflow", "--ask", "How do I reset my password?", "--max-poll-interval", "0.25"],
            environment,
            _folder);

        Assert.True(train.ExitCode == 0, train.Output + train.Error);
        Assert.Contains("deployment: techflow (Succeeded", train.Output, StringComparison.Ordinal);
        Assert.Contains("15 days", train.Output, StringComparison.Ordinal);
        var answer = train.Output.Split('\n').Single(l => l.StartsWith("answer: ", StringComparison.Ordinal));
        Assert.True(answer.Trim().Length > "answer: ".Length, train.Output);
        Assert.DoesNotContain(environment["AZURE_OPENAI_API_KEY"], train.Output + train.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(environment["AZURE_ACCESS_TOKEN"], train.Output + train.Error, StringComparison.Ordinal);

        var delete = await CliRun.RunAsync(["deploy", "techflow", "--provider", "azure", "--delete"], environment, _folder);
        Assert.Equal(0, delete.ExitCode);
        Assert.Contains("deleted deployment techflow", delete.Output, StringComparison.Ordinal);
        var again = await CliRun.RunAsync(["deploy", "techflow", "--provider", "azure", "--delete"], environment, _folder);
        Assert.Contains("no deployment techflow", again.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Train_ProviderAzureWithOnlyAnOpenAIKey_FailsNamingAzuresVariableAndNeverBorrows()
    {
        await File.WriteAllTextAsync(Path.Combine(_folder, "train.jsonl"), TestData.ValidJsonl());
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["OPENAI_API_KEY"] = "sk-openai-only-0123456789",
            ["AZURE_OPENAI_ENDPOINT"] = "https://techflow.openai.azure.com/openai/v1/",
        };

        var run = await CliRun.RunAsync(["train", "train.jsonl", "--provider", "azure"], environment, _folder);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("AZURE_OPENAI_API_KEY", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-openai-only", run.Output + run.Error, StringComparison.Ordinal);
    }
}
