using System.Text.Json;
using BenchmarkDotNet.Attributes;
using FineTuning.Toolkit.Validation;
using Microsoft.ML.Tokenizers;

namespace FineTuning.Toolkit.Benchmarks;

/// <summary>Validating a 5,000-example chat JSONL file: a naive single-thread parse-and-count loop vs <see cref="DatasetValidator"/> with every check on.</summary>
[MemoryDiagnoser]
public class ValidationBenchmarks
{
    private readonly DatasetValidator _validator = new();
    private readonly string _path = Path.Combine(Path.GetTempPath(), "ftt-validation-benchmarks.jsonl");
    private Tokenizer _tokenizer = null!;
    private int _seed;

    [GlobalSetup]
    public void Setup() => _tokenizer = TiktokenTokenizer.CreateForModel("gpt-4o-mini");

    /// <summary>New texts for every iteration, so that no cache carries over from one iteration to the next.</summary>
    [IterationSetup]
    public void NewFile() => ValidationDataGenerator.Write(_path, 5_000, seed: ++_seed);

    [GlobalCleanup]
    public void Cleanup() => File.Delete(_path);

    /// <summary>One thread, a <see cref="JsonDocument"/> per line, the tokenizer on every message content.</summary>
    [Benchmark(Baseline = true)]
    public long NaiveParseAndCount()
    {
        long tokens = 0;
        foreach (var line in File.ReadLines(_path))
        {
            using var document = JsonDocument.Parse(line);
            foreach (var message in document.RootElement.GetProperty("messages").EnumerateArray())
            {
                tokens += _tokenizer.CountTokens(message.GetProperty("role").GetString()!);
                tokens += _tokenizer.CountTokens(message.GetProperty("content").GetString()!);
            }
        }

        return tokens;
    }

    /// <summary>The full validator: every check, exact tokens, statistics and cost.</summary>
    [Benchmark]
    public async Task<long> FullValidator()
    {
        var report = await _validator.ValidateFileAsync(_path);
        return report.TotalTokens;
    }
}
