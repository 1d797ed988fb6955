using System.Reflection;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using FineTuning.Toolkit.Benchmarks;

// Usage:
//   dotnet run -c Release --project benchmarks/FineTuning.Toolkit.Benchmarks -- [--quick] [harness <name>|--filter *]
//   harness list             lists the throughput harnesses (custom measurements that are not micro-benchmarks)
//   harness all [--quick]    runs every harness
//   --quick                  in-process BenchmarkDotNet short runs and smaller harness inputs: a couple of minutes.
var quick = args.Contains("--quick", StringComparer.OrdinalIgnoreCase);
var rest = args.Where(a => !string.Equals(a, "--quick", StringComparison.OrdinalIgnoreCase)).ToArray();

if (rest.Length > 0 && rest[0] is "batch-emulator" or "batch-worker")
{
    // Child processes of the comparer-batch harness.
    return rest[0] == "batch-emulator" ? await BatchEmulatorServer.RunAsync(rest[1..]) : await BatchComparisonWorker.RunAsync(rest[1..]);
}

if (rest.Length > 0 && rest[0] == "harness")
{
    var harnesses = typeof(IHarness).Assembly.GetTypes()
        .Where(t => typeof(IHarness).IsAssignableFrom(t) && t is { IsInterface: false, IsAbstract: false })
        .Select(t => (IHarness)Activator.CreateInstance(t)!)
        .OrderBy(h => h.Name, StringComparer.Ordinal)
        .ToList();
    var name = rest.Length > 1 ? rest[1] : "list";
    if (name == "list")
    {
        foreach (var h in harnesses)
        {
            Console.WriteLine($"{h.Name,-24} {h.Description}");
        }

        return 0;
    }

    var selected = name == "all" ? harnesses : harnesses.Where(h => h.Name == name).ToList();
    if (selected.Count == 0)
    {
        Console.Error.WriteLine($"Unknown harness '{name}'. Run 'harness list'.");
        return 2;
    }

    foreach (var h in selected)
    {
        Console.WriteLine($"== {h.Name} ==");
        await h.RunAsync(quick, CancellationToken.None);
    }

    return 0;
}

IConfig config = DefaultConfig.Instance.AddDiagnoser(MemoryDiagnoser.Default);
if (quick)
{
    // In-process (no per-benchmark project build) with few iterations: every suite in a couple of minutes.
    // Use the full mode for figures worth quoting; quick runs only show the ratios' direction.
    config = config.AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(1).WithIterationCount(3).WithLaunchCount(1));
}

BenchmarkSwitcher.FromAssembly(Assembly.GetExecutingAssembly()).Run(rest.Length == 0 ? ["--filter", "*"] : rest, config);
return 0;
