using System.ClientModel;
using System.Text.Json;
using OpenAI;
using OpenAI.Chat;
using OpenAI.Files;
using OpenAI.FineTuning;

namespace FineTuning.Toolkit.Cli.Tests;

/// <summary><c>ftk emulator</c> in its own process, driven by the official OpenAI .NET SDK through the lab's flow.</summary>
public sealed class EmulatorProcessTests
{
    [Fact]
    public async Task Emulator_OtherProcess_ServesTheOfficialSdkThroughTheLabFlow()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        using var server = ToolProcess.Start(ToolPaths.Dotnet, [ToolPaths.ToolAssembly(), "emulator", "--json", "--speed", "3000", "--key", "sk-cross-process", "--start-time", TestWorld.TodayIso]);
        var ready = await server.WaitForLineAsync(l => l.StartsWith('{'), timeout.Token);
        using var announced = JsonDocument.Parse(ready);
        var endpoint = new Uri(announced.RootElement.GetProperty("endpoint").GetString()!);
        Assert.Equal("sk-cross-process", announced.RootElement.GetProperty("apiKey").GetString());
        var client = new OpenAIClient(new ApiKeyCredential("sk-cross-process"), new OpenAIClientOptions { Endpoint = endpoint });

        // Upload, and wait until the file is processed.
        var files = client.GetOpenAIFileClient();
        OpenAIFile file = await files.UploadFileAsync(BinaryData.FromString(TestData.ValidJsonl()), "techflow.jsonl", FileUploadPurpose.FineTune);
        while (StatusOf((await files.GetFileAsync(file.Id, timeout.Token)).GetRawResponse().Content) != "processed")
        {
            await Task.Delay(50, timeout.Token);
        }

        var (job, model) = await TrainToTheEndAsync(client, file.Id, timeout.Token);

        var events = new List<FineTuningEvent>();
        await foreach (var item in job.GetEventsAsync(new GetEventsOptions { PageSize = 10 }, timeout.Token))
        {
            events.Add(item);
        }

        var checkpoints = new List<FineTuningCheckpoint>();
        await foreach (var checkpoint in job.GetCheckpointsAsync(cancellationToken: timeout.Token))
        {
            checkpoints.Add(checkpoint);
        }

        ChatCompletion answer = await client.GetChatClient(model).CompleteChatAsync(
            [new SystemChatMessage(TestData.SystemPrompt), new UserChatMessage("How do I reset my password?")], cancellationToken: timeout.Token);
        var modelDeleted = (await client.GetOpenAIModelClient().DeleteModelAsync(model, timeout.Token)).Value.Deleted;
        var fileDeleted = (await files.DeleteFileAsync(file.Id, timeout.Token)).Value.Deleted;
        var gone = await Assert.ThrowsAsync<ClientResultException>(() => client.GetChatClient(model).CompleteChatAsync([new UserChatMessage("Hello")], cancellationToken: timeout.Token));

        Assert.StartsWith("ft:gpt-4o-mini-2024-07-18:", model, StringComparison.Ordinal);
        Assert.Contains(events, e => e.Kind == FineTuningJobEventKind.Metrics);
        Assert.NotEmpty(checkpoints);
        Assert.All(checkpoints, c => Assert.StartsWith(model + ":ckpt-step-", c.ModelId, StringComparison.Ordinal));
        Assert.False(string.IsNullOrWhiteSpace(answer.Content[0].Text));
        Assert.True(modelDeleted);
        Assert.True(fileDeleted);
        Assert.Equal(404, gone.Status);
    }

    [Fact]
    public async Task Emulator_Interrupted_StopsCleanly()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Ctrl+C cannot be sent to another console process from here; the Linux run covers it.
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        using var server = ToolProcess.Start(ToolPaths.Dotnet, [ToolPaths.ToolAssembly(), "emulator"]);
        var endpointLine = await server.WaitForLineAsync(l => l.TrimStart().StartsWith("endpoint:", StringComparison.Ordinal), timeout.Token);
        Assert.Matches(@"endpoint: http://127\.0\.0\.1:\d+/v1", endpointLine);
        await server.WaitForLineAsync(l => l.StartsWith("Press Ctrl+C", StringComparison.Ordinal), timeout.Token);

        var signal = await ToolProcess.RunAsync("kill", ["-s", "INT", server.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        Assert.Equal(0, signal.ExitCode);
        var exitCode = await server.WaitForExitAsync(timeout.Token);

        Assert.Equal(0, exitCode);
        Assert.Contains("Stopping the emulator.", server.Error, StringComparison.Ordinal);
    }

    private static async Task<(FineTuningJob Job, string Model)> TrainToTheEndAsync(OpenAIClient client, string fileId, CancellationToken cancellationToken)
    {
        var job = await client.GetFineTuningClient().FineTuneAsync(
            "gpt-4o-mini-2024-07-18", fileId, waitUntilCompleted: false, new FineTuningOptions { Suffix = "cross", Seed = 3 }, cancellationToken);
        while (StatusOf((await job.UpdateStatusAsync(cancellationToken)).GetRawResponse().Content) is not ("succeeded" or "failed" or "cancelled"))
        {
            await Task.Delay(100, cancellationToken);
        }

        // The SDK's typed job hides fine_tuned_model: read the raw JSON.
        using var finished = JsonDocument.Parse((await job.UpdateStatusAsync(cancellationToken)).GetRawResponse().Content);
        Assert.Equal("succeeded", finished.RootElement.GetProperty("status").GetString());
        return (job, finished.RootElement.GetProperty("fine_tuned_model").GetString()!);
    }

    private static string? StatusOf(BinaryData content)
    {
        using var document = JsonDocument.Parse(content);
        return document.RootElement.GetProperty("status").GetString();
    }
}
