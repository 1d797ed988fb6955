using System.Diagnostics;
using FineTuning.Toolkit.Testing;

namespace FineTuning.Toolkit.Tests.Jobs;

/// <summary>
/// Publishes tests/FineTuning.Toolkit.TrimmingApp trimmed (reflection-based JSON off) and runs it against an emulator
/// whose first upload response is lost, so the recovery that used to serialize an anonymous type by reflection runs too.
/// </summary>
public sealed class TrimmedAppTests
{
    [SkippableFact]
    [Trait("Category", "Slow")]
    public async Task TrimmedApp_ValidateRunCompare_FinishesWithoutReflectionErrors()
    {
        var root = RepositoryRoot();
        var output = Path.Combine(Path.GetTempPath(), $"ftk-trimmed-{Guid.NewGuid():N}");
        try
        {
            var project = Path.Combine(root, "tests", "FineTuning.Toolkit.TrimmingApp", "FineTuning.Toolkit.TrimmingApp.csproj");
            var publish = await RunAsync("dotnet", $"publish \"{project}\" -c Release -r linux-x64 -o \"{output}\" -p:TreatWarningsAsErrors=false", TimeSpan.FromMinutes(6));
            Skip.If(publish.ExitCode != 0 && publish.Output.Contains("NU1101", StringComparison.Ordinal), "The runtime or ILLink packs cannot be restored offline: " + Tail(publish.Output));
            Assert.True(publish.ExitCode == 0, "publish failed: " + Tail(publish.Output));

            var options = new OpenAIEmulatorOptions { SpeedFactor = 20_000, FileProcessingDuration = TimeSpan.FromMilliseconds(200), StartTime = TestWorld.Today };
            await using var emulator = await OpenAIEmulator.StartAsync(options);
            emulator.Faults.Enqueue("POST", "/v1/files", EmulatorFault.LoseResponse());
            var app = Path.Combine(output, "FineTuning.Toolkit.TrimmingApp");
            var run = await RunAsync(app, $"{emulator.Endpoint} {emulator.ApiKey} {TestWorld.Today:O}", TimeSpan.FromSeconds(60));

            Assert.DoesNotContain("Reflection-based serialization has been disabled", run.Output, StringComparison.Ordinal);
            Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {Tail(run.Output)}");
            Assert.Contains("compared: json ok", run.Output, StringComparison.Ordinal);
            Assert.Equal(1, emulator.Requests.Count("POST", "/v1/files")); // the lost response was recovered, not uploaded twice
        }
        finally
        {
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
        }
    }

    private static string Tail(string text) => text.Length > 3000 ? text[^3000..] : text;

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "FineTuning.Toolkit.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("The repository root was not found.");
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string fileName, string arguments, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(fileName, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return (-1, $"{fileName} did not finish within {timeout}. Output: " + await stdout + await stderr);
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
