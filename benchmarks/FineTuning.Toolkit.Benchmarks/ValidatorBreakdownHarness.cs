using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Unicode;
using FineTuning.Toolkit.Datasets.Jsonl;
using FineTuning.Toolkit.Internal.Text;
using FineTuning.Toolkit.Validation;
using Microsoft.ML.Tokenizers;

namespace FineTuning.Toolkit.Benchmarks;

/// <summary>
/// Where the validator's time goes: one thread, warm, on each data shape, the cumulative cost of each step of the hot path
/// (read lines, UTF-8 check, <see cref="JsonDocument"/>, string values, pre-tokenization, exact counting, the scans) and
/// the full validator on one and on all cores. A profile in numbers; the ratios that count are <c>validator-process</c>'s.
/// Set <c>FTT_DATA_DIR</c> to keep (and reuse) the generated files.
/// </summary>
public sealed class ValidatorBreakdownHarness : IHarness
{
    /// <inheritdoc />
    public string Name => "validator-breakdown";

    /// <inheritdoc />
    public string Description => "One thread, warm: time of each step of the validator's hot path on both data shapes";

    /// <inheritdoc />
    public async Task RunAsync(bool quick, CancellationToken cancellationToken)
    {
        var examples = quick ? 10_000 : 100_000;
        var kept = Environment.GetEnvironmentVariable("FTT_DATA_DIR");
        var directory = kept is { Length: > 0 } ? Directory.CreateDirectory(kept) : Directory.CreateTempSubdirectory("ftt-validator-breakdown-");
        try
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{examples:N0} examples; load average {LoadAverage()}"));
            var stopwatch = Stopwatch.StartNew();
            var counter = TokenCounter.CreateUnshared(TokenCounter.O200kBase);
            counter.CountTokens("warm the ranks up: ünïcödé");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ranks load      : {stopwatch.Elapsed.TotalSeconds:F3} s"));
            foreach (var shape in new[] { ValidationDataShape.Varied, ValidationDataShape.RepeatedSystemPrompts })
            {
                var file = Path.Combine(directory.FullName, $"{shape}-{examples}.jsonl");
                if (!File.Exists(file))
                {
                    ValidationDataGenerator.Write(file, examples, shape);
                }

                await MeasureAsync(shape, file, cancellationToken);
            }
        }
        finally
        {
            if (kept is not { Length: > 0 })
            {
                directory.Delete(recursive: true);
            }
        }
    }

    private static async Task MeasureAsync(ValidationDataShape shape, string file, CancellationToken cancellationToken)
    {
        var megabytes = new FileInfo(file).Length / 1e6;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"-- {shape}: {megabytes:F1} MB"));
        var tokenizer = TiktokenTokenizer.CreateForModel("gpt-4o-mini");
        var steps = new (string Name, Func<long> Run)[]
        {
            ("read lines", () => ForEachLine(file, _ => 1)),
            ("+ UTF-8 check", () => ForEachLine(file, line => Utf8.IsValid(line.Span) ? 1 : 0)),
            ("+ JsonDocument", () => ForEachLine(file, line => Parse(line, (_, _) => 1))),
            ("+ GetString", () => ForEachLine(file, line => Parse(line, (text, _) => text.Length))),
            ("+ pre-tokenize", () => ForEachLine(file, line => Parse(line, (text, _) => PreTokenize(text)))),
            ("+ count (cold)", () => Fresh(counter => ForEachLine(file, line => Parse(line, (text, _) => counter.CountTokens(text))))),
            ("+ tiktoken count", () => ForEachLine(file, line => Parse(line, (text, _) => tokenizer.CountTokens(text)))),
            ("+ sensitive scan", () => ForEachLine(file, line => Parse(line, (text, _) => SensitiveDataDetector.Detect(text).Count))),
            ("+ mojibake scan", () => ForEachLine(file, line => Parse(line, (text, _) => MojibakeDetector.Detect(text).Count))),
            ("naive program", () => NaiveValidator.Run(file, tokenizer)),
        };
        foreach (var (name, run) in steps)
        {
            Measure(name, megabytes, run);
        }

        foreach (var threads in new[] { 1, 2 })
        {
            var options = new ValidationOptions { MaxDegreeOfParallelism = threads };
            Measure($"validator x{threads}", megabytes, () => new DatasetValidator().ValidateFileAsync(file, options, cancellationToken).GetAwaiter().GetResult().TotalTokens);
        }

        await Task.CompletedTask;
    }

    private static void Measure(string name, double megabytes, Func<long> run)
    {
        run();
        var best = double.MaxValue;
        var bestCpu = double.MaxValue;
        long result = 0;
        for (var round = 0; round < 2; round++)
        {
            GC.Collect();
            using var self = Process.GetCurrentProcess();
            var cpu = self.TotalProcessorTime;
            var stopwatch = Stopwatch.StartNew();
            result = run();
            best = Math.Min(best, stopwatch.Elapsed.TotalSeconds);
            self.Refresh();
            bestCpu = Math.Min(bestCpu, (self.TotalProcessorTime - cpu).TotalSeconds);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-18}: {best,6:F3} s  cpu {bestCpu,6:F3} s  {megabytes / best,7:F1} MB/s  ({result:N0})"));
    }

    private static long Fresh(Func<TokenCounter, long> run) => run(TokenCounter.CreateUnshared(TokenCounter.O200kBase));

    private static long ForEachLine(string file, Func<ReadOnlyMemory<byte>, long> work)
    {
        using var reader = new JsonlLineReader(File.OpenRead(file));
        long total = 0;
        while (reader.ReadLine())
        {
            if (reader.Kind == JsonlLineKind.Content)
            {
                total += work(reader.Line);
            }
        }

        return total;
    }

    private static readonly TokenCounter Counter = TokenCounter.CreateUnshared(TokenCounter.O200kBase);

    private static long Parse(ReadOnlyMemory<byte> line, Func<string, TokenCounter, long> onString)
    {
        using var document = JsonDocument.Parse(line);
        return Strings(document.RootElement, onString);
    }

    private static long Strings(JsonElement element, Func<string, TokenCounter, long> onString)
    {
        long total = 0;
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return onString(element.GetString()!, Counter);
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    total += Strings(property.Value, onString);
                }

                return total;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    total += Strings(item, onString);
                }

                return total;
            default:
                return 0;
        }
    }

    private static long PreTokenize(string text)
    {
        long pieces = 0;
        for (var at = 0; at < text.Length; pieces++)
        {
            at += TiktokenPreTokenizer.NextO200k(text, at);
        }

        return pieces;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
}
