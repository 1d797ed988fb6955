using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using FineTuning.Toolkit.Validation;

namespace FineTuning.Toolkit.Benchmarks;

/// <summary>
/// Peak memory of one <see cref="DatasetValidator.ValidateFileAsync(string, ValidationOptions?, CancellationToken)"/> run,
/// measured in a fresh process (so nothing else the harness did is counted) on a generated file and on one 4× larger.
/// </summary>
public sealed class ValidationMemoryHarness : IHarness
{
    /// <summary>The environment variable that makes this harness measure one file in the current process and print one line.</summary>
    public const string FileVariable = "FTT_VALIDATOR_MEMORY_FILE";

    /// <inheritdoc />
    public string Name => "validator-memory";

    /// <inheritdoc />
    public string Description => "Peak working set of DatasetValidator.ValidateFileAsync in a fresh process, on a generated file and one 4x larger";

    /// <inheritdoc />
    public async Task RunAsync(bool quick, CancellationToken cancellationToken)
    {
        if (Environment.GetEnvironmentVariable(FileVariable) is { Length: > 0 } file)
        {
            var (workingSet, heap) = await MeasureHereAsync(file, cancellationToken);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak {workingSet} {heap}"));
            return;
        }

        var examples = quick ? 10_000 : 100_000;
        var directory = Directory.CreateTempSubdirectory("ftt-validator-memory-");
        try
        {
            var small = Path.Combine(directory.FullName, "train.jsonl");
            var large = Path.Combine(directory.FullName, "train-4x.jsonl");
            ValidationDataGenerator.Write(small, examples);
            ValidationDataGenerator.Write(large, examples * 4, seed: 7);
            Print(small, examples, await MeasureInChildAsync(small, cancellationToken), "1x");
            Print(large, examples * 4, await MeasureInChildAsync(large, cancellationToken), "4x");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>Runs this harness in a child process on <paramref name="file"/> and returns its peak working set and managed heap.</summary>
    public static async Task<(long WorkingSet, long Heap)> MeasureInChildAsync(string file, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
        if (string.Equals(Path.GetFileNameWithoutExtension(Environment.ProcessPath), "dotnet", StringComparison.OrdinalIgnoreCase))
        {
            start.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        }

        start.ArgumentList.Add("harness");
        start.ArgumentList.Add("validator-memory");
        start.Environment[FileVariable] = file;
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var line = output.Split('\n').First(l => l.StartsWith("peak ", StringComparison.Ordinal)).Split(' ');
        return (long.Parse(line[1], CultureInfo.InvariantCulture), long.Parse(line[2], CultureInfo.InvariantCulture));
    }

    private static void Print(string file, int examples, (long WorkingSet, long Heap) peak, string label) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"peak memory {label}  : {peak.WorkingSet / 1e6,6:F1} MB working set, {peak.Heap / 1e6,6:F1} MB managed heap ({examples:N0} examples, {new FileInfo(file).Length / 1e6:F0} MB file, fresh process)"));

    private static async Task<(long WorkingSet, long Heap)> MeasureHereAsync(string file, CancellationToken cancellationToken)
    {
        long workingSet = 0;
        long heap = 0;
        var stop = false;
        var sampler = new Thread(() =>
        {
            using var process = Process.GetCurrentProcess();
            while (!Volatile.Read(ref stop))
            {
                process.Refresh();
                workingSet = Math.Max(workingSet, process.WorkingSet64);
                heap = Math.Max(heap, GC.GetTotalMemory(false));
                Thread.Sleep(5);
            }
        })
        { IsBackground = true };
        sampler.Start();
        await new DatasetValidator().ValidateFileAsync(file, new ValidationOptions(), cancellationToken);
        Volatile.Write(ref stop, true);
        sampler.Join();
        return (workingSet, heap);
    }
}
