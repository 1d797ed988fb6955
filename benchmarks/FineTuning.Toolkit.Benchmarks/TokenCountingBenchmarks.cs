using BenchmarkDotNet.Attributes;
using FineTuning.Toolkit.Validation;
using Microsoft.ML.Tokenizers;

namespace FineTuning.Toolkit.Benchmarks;

/// <summary>Token counting of a chat dataset's texts: the tokenizer on every string (baseline) vs <see cref="TokenCounter"/>, which counts each distinct string once.</summary>
[MemoryDiagnoser]
public class TokenCountingBenchmarks
{
    private const string SystemPrompt = "You are TechFlow's helpful support assistant. Be friendly, concise, and always offer next steps. Use short paragraphs, bold the key action, and end with an offer to help further.";

    private readonly List<string> _texts = [];
    private Tokenizer _tokenizer = null!;
    private TokenCounter _counter = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        string[] words = ["account", "billing", "invoice", "password", "reset", "export", "the", "a", "to", "and", "my", "how", "日本語", "😀"];
        for (var i = 0; i < 1000; i++)
        {
            _texts.Add(SystemPrompt);
            _texts.Add(string.Join(' ', Enumerable.Range(0, 20).Select(_ => words[random.Next(words.Length)])));
            _texts.Add(string.Join(' ', Enumerable.Range(0, 60).Select(_ => words[random.Next(words.Length)])));
        }

        _tokenizer = TiktokenTokenizer.CreateForModel("gpt-4o-mini");
    }

    /// <summary>A fresh counter per iteration, so its cache starts cold and only the repeats within the data are saved.</summary>
    [IterationSetup]
    public void NewCounter() => _counter = TokenCounter.CreateUnshared(TokenCounter.O200kBase);

    /// <summary>The tokenizer on every string.</summary>
    [Benchmark(Baseline = true)]
    public long TokenizerOnEveryString()
    {
        long total = 0;
        foreach (var text in _texts)
        {
            total += _tokenizer.CountTokens(text);
        }

        return total;
    }

    /// <summary><see cref="TokenCounter.CountTokens(string)"/>: repeated strings (the system prompt) are counted once.</summary>
    [Benchmark]
    public long TokenCounterCached()
    {
        long total = 0;
        foreach (var text in _texts)
        {
            total += _counter.CountTokens(text);
        }

        return total;
    }
}
