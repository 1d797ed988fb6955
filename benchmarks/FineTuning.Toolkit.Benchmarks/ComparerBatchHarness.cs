namespace FineTuning.Toolkit.Benchmarks;

/// <summary>
/// ModelComparer in batch mode through the emulator's <c>/v1/batches</c> (an emulator in its own process, simulated time
/// 600× real time), at 10,000 and 50,000 cases × 2 models, beside live mode at concurrency 16; each measurement in its
/// own process, so peak memory is that run's. Also runs the first 200 cases both ways: their score digests must match.
/// </summary>
public sealed class ComparerBatchHarness : IHarness
{
    private const string Speed = "600";

    /// <inheritdoc/>
    public string Name => "comparer-batch";

    /// <inheritdoc/>
    public string Description => "ModelComparer batch mode vs live (concurrency 16): 10k and 50k cases x 2 models via the emulator; wall, peak MB, HTTP requests";

    /// <inheritdoc/>
    public async Task RunAsync(bool quick, CancellationToken cancellationToken)
    {
        using var server = ChildProcess.Start("batch-emulator", Speed);
        var line = await server.StandardOutput.ReadLineAsync(cancellationToken) ?? throw new InvalidOperationException("The emulator did not start.");
        var parts = line.Split(' ');
        var (endpoint, key) = (parts[1], parts[2]);
        try
        {
            int[] sizes = quick ? [1_000, 5_000] : [10_000, 50_000];
            await MeasureAsync("batch", 200, endpoint, key, cancellationToken);
            await MeasureAsync("live", 200, endpoint, key, cancellationToken);
            foreach (var cases in sizes)
            {
                await MeasureAsync("batch", cases, endpoint, key, cancellationToken);
                await MeasureAsync("live", cases, endpoint, key, cancellationToken);
            }
        }
        finally
        {
            server.StandardInput.Close();
            await server.WaitForExitAsync(cancellationToken);
        }
    }

    private static async Task MeasureAsync(string mode, int cases, string endpoint, string key, CancellationToken cancellationToken)
    {
        using var worker = ChildProcess.Start("batch-worker", mode, cases.ToString(System.Globalization.CultureInfo.InvariantCulture), endpoint, key, Speed);
        while (await worker.StandardOutput.ReadLineAsync(cancellationToken) is { } output)
        {
            if (output.StartsWith("RESULT ", StringComparison.Ordinal))
            {
                Console.WriteLine(output[7..]);
            }
        }

        await worker.WaitForExitAsync(cancellationToken);
    }
}
