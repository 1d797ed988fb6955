using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using FineTuning.Toolkit.Validation;
using Microsoft.ML.Tokenizers;

namespace FineTuning.Toolkit.Benchmarks;

/// <summary>
/// Measures, in one run, the full <see cref="DatasetValidator"/> (every check on) against a naive baseline (one thread,
/// <see cref="JsonDocument"/> per line, <c>CountTokens</c> on every string) on a generated ~70 MB, 100,000-example chat
/// JSONL file (10,000 examples with <c>--quick</c>), and the validator's peak memory on that file and on one 4× larger.
/// </summary>
public sealed class ValidatorThroughputHarness : IHarness
{
    /// <inheritdoc />
    public string Name => "validator-throughput";

    /// <inheritdoc />
    public string Description => "Full DatasetValidator vs naive single-thread JsonDocument+CountTokens baseline: MB/s, ratio, peak memory at 1x and 4x";

    /// <inheritdoc />
    public async Task RunAsync(bool quick, CancellationToken cancellationToken)
    {
        var examples = quick ? 10_000 : 100_000;
        var directory = Directory.CreateTempSubdirectory("ftt-validator-bench-");
        try
        {
            var file = Path.Combine(directory.FullName, "train.jsonl");
            var large = Path.Combine(directory.FullName, "train-4x.jsonl");
            var warmup = Path.Combine(directory.FullName, "warmup.jsonl");
            var bytes = ValidationDataGenerator.Write(file, examples);
            var largeBytes = ValidationDataGenerator.Write(large, examples * 4, seed: 7);
            ValidationDataGenerator.Write(warmup, 5_000, seed: 3);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"input: {examples:N0} examples, {bytes / 1e6:F1} MB (4x: {examples * 4:N0} examples, {largeBytes / 1e6:F1} MB); {Environment.ProcessorCount} cores; best of {(quick ? 5 : 3)} interleaved rounds"));

            var validator = new DatasetValidator();
            var options = new ValidationOptions();
            var tokenizer = TiktokenTokenizer.CreateForModel("gpt-4o-mini");
            // Warm up both (JIT tiers, tokenizer caches, regexes) so that neither pays start-up costs in the measurement.
            for (var i = 0; i < 3; i++)
            {
                await validator.ValidateFileAsync(warmup, options, cancellationToken);
                NaiveValidator.Run(warmup, tokenizer);
            }

            // Throughput: baseline and validator interleaved, best of N rounds each, so that load from other processes on a
            // shared machine hits both alike and the best round shows what each can do.
            var rounds = quick ? 5 : 3;
            var baselineSeconds = double.MaxValue;
            var validatorSeconds = double.MaxValue;
            long baselineTokens = 0;
            ValidationReport report = null!;
            for (var round = 0; round < rounds; round++)
            {
                Collect();
                var stopwatch = Stopwatch.StartNew();
                baselineTokens = NaiveValidator.Run(file, tokenizer);
                baselineSeconds = Math.Min(baselineSeconds, stopwatch.Elapsed.TotalSeconds);

                Collect();
                stopwatch.Restart();
                report = await validator.ValidateFileAsync(file, options, cancellationToken);
                validatorSeconds = Math.Min(validatorSeconds, stopwatch.Elapsed.TotalSeconds);
            }

            // Memory: the validator alone, each file in a fresh process (nothing else this harness did is counted).
            var peak1x = await ValidationMemoryHarness.MeasureInChildAsync(file, cancellationToken);
            var peak4x = await ValidationMemoryHarness.MeasureInChildAsync(large, cancellationToken);

            var cpu = MeasureParallelHeadroom();
            var validatorRate = bytes / 1e6 / validatorSeconds;
            var baselineRate = bytes / 1e6 / baselineSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"naive baseline  : {baselineSeconds,6:F2} s  {baselineRate,6:F1} MB/s  (1 thread, JsonDocument per line, CountTokens on every string; {baselineTokens:N0} content tokens)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"full validator  : {validatorSeconds,6:F2} s  {validatorRate,6:F1} MB/s  (every check on; {report.TotalTokens:N0} tokens, {report.IssueCounts.Values.Sum():N0} issues, {report.Cost.EstimatedUsd:0.00} USD)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio           : {validatorRate / baselineRate:F2}x the baseline's MB/s (goal >= 2x)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cpu headroom    : {cpu:F2}x - what {Environment.ProcessorCount} threads of pure arithmetic get over 1 thread on this machine right now (2.00x = idle cores)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak memory 1x  : {peak1x.WorkingSet / 1e6,6:F1} MB working set, {peak1x.Heap / 1e6,6:F1} MB managed heap ({bytes / 1e6:F0} MB file, fresh process)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak memory 4x  : {peak4x.WorkingSet / 1e6,6:F1} MB working set, {peak4x.Heap / 1e6,6:F1} MB managed heap ({largeBytes / 1e6:F0} MB file, fresh process)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"memory growth   : {(peak4x.WorkingSet - (double)peak1x.WorkingSet) / peak1x.WorkingSet:P1} working set for 4x the input (goal: within 20%, under 150 MB)"));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    // How much more CPU the machine grants to all cores than to one thread at the moment: on a shared, loaded machine
    // this is well below the core count, and it caps what any parallel pipeline can gain.
    private static double MeasureParallelHeadroom()
    {
        const long work = 50_000_000;
        var threads = Environment.ProcessorCount;
        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < threads; i++)
        {
            Spin(work);
        }

        var serial = stopwatch.Elapsed.TotalSeconds;
        stopwatch.Restart();
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, _ => Spin(work));
        var parallel = stopwatch.Elapsed.TotalSeconds;
        return serial / parallel;
    }

    private static long Spin(long iterations)
    {
        long x = 1;
        for (long i = 0; i < iterations; i++)
        {
            x = (x * 6364136223846793005L) + 1442695040888963407L;
        }

        return x;
    }

    private static void Collect()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
    }
}
