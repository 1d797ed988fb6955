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
            var bytes = ChatJsonlGenerator.Write(file, examples);
            var largeBytes = ChatJsonlGenerator.Write(large, examples * 4, seed: 7);
            ChatJsonlGenerator.Write(warmup, 5_000, seed: 3);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"input: {examples:N0} examples, {bytes / 1e6:F1} MB (4x: {examples * 4:N0} examples, {largeBytes / 1e6:F1} MB); {Environment.ProcessorCount} cores"));

            var validator = new DatasetValidator();
            var options = new ValidationOptions();
            var tokenizer = TiktokenTokenizer.CreateForModel("gpt-4o-mini");
            // Warm up both (JIT tiers, tokenizer caches, regexes) so that neither pays start-up costs in the measurement.
            for (var i = 0; i < 3; i++)
            {
                await validator.ValidateFileAsync(warmup, options, cancellationToken);
                NaiveBaseline(warmup, tokenizer);
            }

            var (report, validatorSeconds, peak1x) = await MeasureValidatorAsync(validator, file, options, cancellationToken);
            var (_, _, peak4x) = await MeasureValidatorAsync(validator, large, options, cancellationToken);

            Collect();
            var stopwatch = Stopwatch.StartNew();
            var baselineTokens = NaiveBaseline(file, tokenizer);
            var baselineSeconds = stopwatch.Elapsed.TotalSeconds;

            var validatorRate = bytes / 1e6 / validatorSeconds;
            var baselineRate = bytes / 1e6 / baselineSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"naive baseline  : {baselineSeconds,6:F2} s  {baselineRate,6:F1} MB/s  (1 thread, JsonDocument per line, CountTokens on every string; {baselineTokens:N0} content tokens)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"full validator  : {validatorSeconds,6:F2} s  {validatorRate,6:F1} MB/s  (every check on; {report.Tokens.Total:N0} tokens, {report.IssueCounts.Values.Sum():N0} issues, {report.Cost.EstimatedUsd:0.00} USD)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio           : {validatorRate / baselineRate:F2}x the baseline's MB/s (goal >= 2x)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak memory 1x  : {peak1x.WorkingSet / 1e6,6:F1} MB working set, {peak1x.Heap / 1e6,6:F1} MB managed heap ({bytes / 1e6:F0} MB file)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak memory 4x  : {peak4x.WorkingSet / 1e6,6:F1} MB working set, {peak4x.Heap / 1e6,6:F1} MB managed heap ({largeBytes / 1e6:F0} MB file)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"memory growth   : {(peak4x.WorkingSet - (double)peak1x.WorkingSet) / peak1x.WorkingSet:P1} working set for 4x the input (goal: within 20%, under 150 MB)"));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static async Task<(ValidationReport Report, double Seconds, (long WorkingSet, long Heap) Peak)> MeasureValidatorAsync(
        DatasetValidator validator, string path, ValidationOptions options, CancellationToken cancellationToken)
    {
        Collect();
        using var sampler = new PeakSampler();
        var stopwatch = Stopwatch.StartNew();
        var report = await validator.ValidateFileAsync(path, options, cancellationToken);
        var seconds = stopwatch.Elapsed.TotalSeconds;
        return (report, seconds, sampler.Stop());
    }

    // The naive way: one thread, a JsonDocument per line, the tokenizer on every string value.
    private static long NaiveBaseline(string path, Tokenizer tokenizer)
    {
        long tokens = 0;
        foreach (var line in File.ReadLines(path))
        {
            if (line.Length == 0)
            {
                continue;
            }

            using var document = JsonDocument.Parse(line);
            tokens += CountStrings(document.RootElement, tokenizer);
        }

        return tokens;
    }

    private static long CountStrings(JsonElement element, Tokenizer tokenizer)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return tokenizer.CountTokens(element.GetString()!);
            case JsonValueKind.Object:
                long inObject = 0;
                foreach (var property in element.EnumerateObject())
                {
                    inObject += CountStrings(property.Value, tokenizer);
                }

                return inObject;
            case JsonValueKind.Array:
                long inArray = 0;
                foreach (var item in element.EnumerateArray())
                {
                    inArray += CountStrings(item, tokenizer);
                }

                return inArray;
            default:
                return 0;
        }
    }

    private static void Collect()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
    }

    private sealed class PeakSampler : IDisposable
    {
        private readonly Thread _thread;
        private volatile bool _stop;
        private long _workingSet;
        private long _heap;

        public PeakSampler()
        {
            _thread = new Thread(Run) { IsBackground = true, Name = "peak-memory-sampler" };
            _thread.Start();
        }

        public (long WorkingSet, long Heap) Stop()
        {
            _stop = true;
            _thread.Join();
            return (_workingSet, _heap);
        }

        public void Dispose()
        {
            if (!_stop)
            {
                Stop();
            }
        }

        private void Run()
        {
            using var process = Process.GetCurrentProcess();
            while (!_stop)
            {
                process.Refresh();
                _workingSet = Math.Max(_workingSet, process.WorkingSet64);
                _heap = Math.Max(_heap, GC.GetTotalMemory(false));
                Thread.Sleep(5);
            }
        }
    }
}
