using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using FineTuning.Toolkit.Datasets;
using FineTuning.Toolkit.Datasets.Jsonl;

namespace FineTuning.Toolkit.Benchmarks;

/// <summary>
/// JSONL reading and writing against the naive approach (<c>File.ReadLines</c> + <c>JsonDocument</c>, and a
/// <c>JsonNode</c> tree per line written with a <c>StreamWriter</c>).
/// </summary>
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class JsonlBenchmarks
{
    private string _directory = string.Empty;
    private string _path = string.Empty;
    private Dataset _dataset = Dataset.Empty;

    /// <summary>Gets or sets the number of examples in the file.</summary>
    [Params(20_000)]
    public int Examples { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("ftt-jsonl-bench-").FullName;
        _path = Path.Combine(_directory, "train.jsonl");
        var builder = DatasetBuilder.Create().WithSystemPrompt("You are TechFlow's helpful support assistant. Be concise and friendly.");
        for (var i = 0; i < Examples; i++)
        {
            builder.AddConversation($"category-{i % 7}", c => c
                .User($"Question {i}: how do I reset my password when 2FA 🔐 is enabled on my account?")
                .Assistant($"Answer {i}: open **Settings > Security**, choose *Reset password*, then confirm with your authenticator app. " +
                           "If you lost the device, use a recovery code or contact support.")
                .User("Thanks! And where do I find my invoices?")
                .Assistant("Under **Billing > Invoices**; each invoice can be downloaded as a PDF."));
        }

        _dataset = builder.Build();
        File.WriteAllText(_path, _dataset.ToJsonl(), new UTF8Encoding(false));
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_directory, recursive: true);

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Read")]
    public int Read_Naive_ReadLinesJsonDocument()
    {
        var count = 0;
        foreach (var line in File.ReadLines(_path))
        {
            using var document = JsonDocument.Parse(line);
            if (document.RootElement.TryGetProperty("messages", out _))
            {
                count++;
            }
        }

        return count;
    }

    [Benchmark]
    [BenchmarkCategory("Read")]
    public async Task<int> Read_Toolkit_JsonlDatasetReader()
    {
        var count = 0;
        await foreach (var record in JsonlDatasetReader.ReadAsync(_path))
        {
            if (record.IsSuccess)
            {
                count++;
            }
        }

        return count;
    }

    [Benchmark]
    [BenchmarkCategory("Read")]
    public int Read_Toolkit_LineReaderOnly()
    {
        using var reader = new JsonlLineReader(File.OpenRead(_path));
        var bytes = 0L;
        while (reader.ReadLine())
        {
            bytes += reader.LineLength;
        }

        return (int)(bytes % int.MaxValue);
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Write")]
    public void Write_Naive_JsonNodePerLine()
    {
        using var writer = new StreamWriter(Path.Combine(_directory, "naive.jsonl"), append: false, new UTF8Encoding(false));
        foreach (var example in _dataset)
        {
            var messages = new JsonArray();
            foreach (var message in ((TrainingExample)example).Messages)
            {
                messages.Add(new JsonObject
                {
                    ["role"] = message.Role.ToString().ToLowerInvariant(),
                    ["content"] = message.Content,
                });
            }

            writer.Write(new JsonObject { ["messages"] = messages }.ToJsonString());
            writer.Write('\n');
        }
    }

    [Benchmark]
    [BenchmarkCategory("Write")]
    public Task Write_Toolkit_WriteJsonlAsync() => _dataset.WriteJsonlAsync(Path.Combine(_directory, "toolkit.jsonl"));
}
