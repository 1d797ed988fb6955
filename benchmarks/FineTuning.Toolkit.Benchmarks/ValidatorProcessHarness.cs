using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using FineTuning.Toolkit.Validation;
using Microsoft.ML.Tokenizers;

namespace FineTuning.Toolkit.Benchmarks;

/// <summary>
/// The figure users feel: the full <see cref="DatasetValidator"/> and the naive program (<see cref="NaiveValidator"/>) each
/// run as a whole process (start-up, JIT and tokenizer loading included) on the same file, interleaved in the same run,
/// for both data shapes (<see cref="ValidationDataShape"/>): MB/s, the ratio, each process's CPU time (user + system: on a
/// loaded machine, the work done, which wall time hides) and each process's peak resident memory on the file and on one
/// 4× larger. Best and median of five rounds with the runtime's default settings, then three rounds of both programs with
/// tiered PGO off (<c>DOTNET_TieredPGO=0</c>), shown beside the default and never instead of it. Set <c>FTT_DATA_DIR</c>
/// to keep (and reuse) the generated files; <c>FTT_ALLOC_LOG=1</c> and <c>FTT_JIT_LOG=1</c> / <c>2</c> make each child
/// print its allocations by type and its JIT compilations.
/// </summary>
public sealed class ValidatorProcessHarness : IHarness
{
    private const string ModeVariable = "FTT_PROCESS_MODE";
    private const string FileVariable = "FTT_PROCESS_FILE";

    /// <inheritdoc />
    public string Name => "validator-process";

    /// <inheritdoc />
    public string Description => "Whole process: full validator vs naive program on varied and repeated-prompt data, MB/s ratio, peak memory 1x/4x";

    /// <inheritdoc />
    public async Task RunAsync(bool quick, CancellationToken cancellationToken)
    {
        if (Environment.GetEnvironmentVariable(ModeVariable) is { Length: > 0 } mode)
        {
            await RunChildAsync(mode, Environment.GetEnvironmentVariable(FileVariable)!, cancellationToken);
            return;
        }

        var examples = quick ? 10_000 : 100_000;
        var rounds = quick ? 2 : 5;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{examples:N0} examples per 1x file; {Environment.ProcessorCount} cores; best (and median) of {rounds} interleaved rounds; load average {LoadAverage()}"));
        foreach (var shape in new[] { ValidationDataShape.Varied, ValidationDataShape.RepeatedSystemPrompts })
        {
            var kept = Environment.GetEnvironmentVariable("FTT_DATA_DIR");
            var directory = kept is { Length: > 0 } ? Directory.CreateDirectory(kept) : Directory.CreateTempSubdirectory("ftt-validator-process-");
            try
            {
                var file = Path.Combine(directory.FullName, string.Create(CultureInfo.InvariantCulture, $"process-{shape}-{examples}.jsonl"));
                var large = Path.Combine(directory.FullName, string.Create(CultureInfo.InvariantCulture, $"process-{shape}-{examples * 4}-4x.jsonl"));
                var bytes = KeptOrWritten(file, path => ValidationDataGenerator.Write(path, examples, shape));
                var largeBytes = KeptOrWritten(large, path => ValidationDataGenerator.Write(path, examples * 4, shape, seed: 7));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"-- {shape}: {bytes / 1e6:F1} MB (4x: {largeBytes / 1e6:F1} MB), load average {LoadAverage()}"));

                // The runtime's default settings, as any host gets them.
                var (naive, full) = await MeasurePairAsync(file, rounds, environment: null, cancellationToken);
                var gc1x = LastGc;
                var full4x = await RunInChildAsync("validator", large, environment: null, cancellationToken);
                Print("default runtime", bytes, naive, full);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"validator 1x    : {gc1x}"));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"validator 4x    : {LastGc}; peak {full4x.Peak / 1e6:F1} MB"));

                // The 4x file once beside the naive program too: start-up weighs less there, for both programs.
                var naive4x = await RunInChildAsync("naive", large, environment: null, cancellationToken);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"4x file         : naive {naive4x.Seconds:F2} s ({largeBytes / 1e6 / naive4x.Seconds:F1} MB/s, peak {naive4x.Peak / 1e6:F1} MB), validator {full4x.Seconds:F2} s ({largeBytes / 1e6 / full4x.Seconds:F1} MB/s): {naive4x.Seconds / full4x.Seconds:F2}x"));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"memory          : peak 4x/1x {full4x.Peak / (double)full.Peak:F2} (goal: flat, < 128 MB)"));

                // Both programs again without tiered PGO (DOTNET_TieredPGO=0): a short process otherwise runs much of the
                // runtime's own code instrumented while it warms up. Shown beside the default, not instead of it.
                var (naiveNoPgo, fullNoPgo) = await MeasurePairAsync(file, quick ? 1 : 3, new Dictionary<string, string> { ["DOTNET_TieredPGO"] = "0" }, cancellationToken);
                Print("TieredPGO=0", bytes, naiveNoPgo, fullNoPgo);
            }
            finally
            {
                if (kept is not { Length: > 0 })
                {
                    directory.Delete(recursive: true);
                }
            }
        }
    }

    // A file kept from an earlier run (FTT_DATA_DIR) is used again as it is (the generator is deterministic); a new one is
    // written beside it and moved in place once whole, so that an interrupted run never leaves half a file to reuse.
    private static long KeptOrWritten(string path, Func<string, long> write)
    {
        if (File.Exists(path))
        {
            return new FileInfo(path).Length;
        }

        var partial = path + ".partial";
        var bytes = write(partial);
        File.Move(partial, path, overwrite: true);
        return bytes;
    }

    private static void Print(string setting, long bytes, Runs naive, Runs full)
    {
        var naiveRate = bytes / 1e6 / naive.Best;
        var fullRate = bytes / 1e6 / full.Best;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{setting}: naive program   : {naive.Best,6:F2} s (median {naive.Median:F2})  {naiveRate,6:F1} MB/s  cpu {naive.Cpu,6:F2} s  peak {naive.Peak / 1e6,6:F1} MB"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{setting}: full validator  : {full.Best,6:F2} s (median {full.Median:F2})  {fullRate,6:F1} MB/s  cpu {full.Cpu,6:F2} s  peak {full.Peak / 1e6,6:F1} MB"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{setting}: ratio           : {fullRate / naiveRate:F2}x the naive program's MB/s, best against best (goal >= 3x); median against median {naive.Median / full.Median:F2}x; cpu time {full.Cpu / naive.Cpu:F2}x the naive program's"));
    }

    private static async Task<(Runs Naive, Runs Full)> MeasurePairAsync(string file, int rounds, Dictionary<string, string>? environment, CancellationToken cancellationToken)
    {
        var naive = new List<(double Seconds, double Cpu, long Peak)>();
        var full = new List<(double Seconds, double Cpu, long Peak)>();
        for (var round = 0; round < rounds; round++)
        {
            naive.Add(await RunInChildAsync("naive", file, environment, cancellationToken));
            full.Add(await RunInChildAsync("validator", file, environment, cancellationToken));
        }

        return (Runs.Of(naive), Runs.Of(full));
    }

    private static async Task RunChildAsync(string mode, string file, CancellationToken cancellationToken)
    {
        using var jit = Environment.GetEnvironmentVariable("FTT_JIT_LOG") is "1" or "2" ? new JitListener(Environment.GetEnvironmentVariable("FTT_JIT_LOG") == "2") : null;
        using var allocations = Environment.GetEnvironmentVariable("FTT_ALLOC_LOG") == "1" ? new AllocationListener() : null;
        if (mode == "naive")
        {
            NaiveValidator.Run(file, TiktokenTokenizer.CreateForModel("gpt-4o-mini"));
        }
        else
        {
            await new DatasetValidator().ValidateFileAsync(file, new ValidationOptions(), cancellationToken);
        }

        using var self = Process.GetCurrentProcess();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cpu {self.TotalProcessorTime.TotalSeconds}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak {PeakResidentBytes()}"));
        jit?.Print(Console.Error);
        allocations?.Print(Console.Error);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"gc {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}, paused {GC.GetTotalPauseDuration().TotalSeconds:F2} s, allocated {GC.GetTotalAllocatedBytes() / 1e6:F0} MB, jit {System.Runtime.JitInfo.GetCompilationTime().TotalSeconds:F2} s, cpu {self.TotalProcessorTime.TotalSeconds:F2} s"));
    }

    // The collections, pauses, allocations and JIT time the last child process reported.
    private static string LastGc { get; set; } = "n/a";

    private static async Task<(double Seconds, double Cpu, long Peak)> RunInChildAsync(string mode, string file, Dictionary<string, string>? environment, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
        if (string.Equals(Path.GetFileNameWithoutExtension(Environment.ProcessPath), "dotnet", StringComparison.OrdinalIgnoreCase))
        {
            start.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        }

        start.ArgumentList.Add("harness");
        start.ArgumentList.Add("validator-process");
        start.Environment[ModeVariable] = mode;
        start.Environment[FileVariable] = file;
        foreach (var (name, value) in environment ?? [])
        {
            start.Environment[name] = value;
        }

        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var seconds = stopwatch.Elapsed.TotalSeconds;
        var lines = output.Split('\n');
        var cpu = lines.First(l => l.StartsWith("cpu ", StringComparison.Ordinal))[4..].Trim();
        var peak = lines.First(l => l.StartsWith("peak ", StringComparison.Ordinal))[5..].Trim();
        LastGc = lines.FirstOrDefault(l => l.StartsWith("gc ", StringComparison.Ordinal))?.Trim() ?? "n/a";
        return (seconds, double.Parse(cpu, CultureInfo.InvariantCulture), long.Parse(peak, CultureInfo.InvariantCulture));
    }

    // The process's peak resident set (Linux VmHWM), or the runtime's peak working set elsewhere.
    private static long PeakResidentBytes()
    {
        if (File.Exists("/proc/self/status"))
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    return long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
                }
            }
        }

        using var self = Process.GetCurrentProcess();
        return self.PeakWorkingSet64;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

    // The runs of one program: best and median wall time, least CPU time, highest peak.
    private readonly record struct Runs(double Best, double Median, double Cpu, long Peak)
    {
        public static Runs Of(List<(double Seconds, double Cpu, long Peak)> runs)
        {
            var sorted = runs.Select(r => r.Seconds).Order().ToArray();
            return new Runs(sorted[0], sorted[sorted.Length / 2], runs.Min(r => r.Cpu), runs.Max(r => r.Peak));
        }
    }
}
