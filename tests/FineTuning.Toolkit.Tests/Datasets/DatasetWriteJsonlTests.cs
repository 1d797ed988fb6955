using System.Text;
using FineTuning.Toolkit.Datasets;
using FineTuning.Toolkit.Datasets.Jsonl;

namespace FineTuning.Toolkit.Tests.Datasets;

public sealed class DatasetWriteJsonlTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ftt-write-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static Dataset Large(int count) => Dataset.Create(Enumerable.Range(0, count).Select(i => (DatasetExample)new TrainingExample
    {
        Messages = [TrainingMessage.User($"Question {i} 🔐"), TrainingMessage.Assistant(new string('a', 200))],
    }));

    [Fact]
    public async Task WriteJsonlAsync_NewFile_WrittenAndNoTempLeft()
    {
        var path = Path.Combine(_directory, "train.jsonl");

        await Large(3).WriteJsonlAsync(path);

        Assert.Equal(3, (await File.ReadAllLinesAsync(path)).Length);
        Assert.Equal(["train.jsonl"], Directory.GetFiles(_directory).Select(Path.GetFileName));
    }

    [Fact]
    public async Task WriteJsonlAsync_CancelledMidway_PreviousFileIntactNoTempLeft()
    {
        var path = Path.Combine(_directory, "train.jsonl");
        await File.WriteAllTextAsync(path, "previous\n");
        using var cts = new CancellationTokenSource();
        var writes = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => JsonlDatasetWriter.WriteFileAsync(Large(5_000), path, false, cts.Token,
            s => new CallbackStream(s, n =>
            {
                writes = n;
                if (n == 3)
                {
                    cts.Cancel();
                }
            })));

        Assert.True(writes >= 3, "the write was cancelled after data had been written");
        Assert.Equal("previous\n", await File.ReadAllTextAsync(path));
        Assert.Equal(["train.jsonl"], Directory.GetFiles(_directory).Select(Path.GetFileName));
    }

    [Fact]
    public async Task WriteJsonlAsync_FailsMidway_PreviousFileIntactNoTempLeft()
    {
        var path = Path.Combine(_directory, "train.jsonl");
        await File.WriteAllTextAsync(path, "previous\n");

        await Assert.ThrowsAsync<IOException>(() => JsonlDatasetWriter.WriteFileAsync(Large(5_000), path, false, CancellationToken.None,
            s => new CallbackStream(s, n =>
            {
                if (n == 2)
                {
                    throw new IOException("disk full");
                }
            })));

        Assert.Equal("previous\n", await File.ReadAllTextAsync(path));
        Assert.Single(Directory.GetFiles(_directory));
    }

    [Fact]
    public async Task WriteJsonlAsync_AlreadyCancelled_PreviousFileIntactNoTempLeft()
    {
        var path = Path.Combine(_directory, "train.jsonl");
        await File.WriteAllTextAsync(path, "previous\n");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Large(10).WriteJsonlAsync(path, cancellationToken: new CancellationToken(true)));

        Assert.Equal("previous\n", await File.ReadAllTextAsync(path));
        Assert.Single(Directory.GetFiles(_directory));
    }

    [Fact]
    public async Task WriteJsonlAsync_ExistingFile_Replaced()
    {
        var path = Path.Combine(_directory, "train.jsonl");
        await File.WriteAllTextAsync(path, "previous\n");

        await Large(2).WriteJsonlAsync(path);

        var text = await File.ReadAllTextAsync(path, Encoding.UTF8);
        Assert.StartsWith("{\"messages\":", text, StringComparison.Ordinal);
        Assert.Equal(2, text.Count(c => c == '\n'));
    }

    [Fact]
    public async Task WriteJsonlAsync_EscapedCharacters_ReadBackEqual()
    {
        var dataset = Dataset.Create(
        [
            new TrainingExample { Messages = [TrainingMessage.User("a\\b \"q\" \u0001\t\r\n 🔐 \u2028 end"), TrainingMessage.Assistant("ok")] },
        ]);
        using var stream = new MemoryStream();
        await dataset.WriteJsonlAsync(stream);
        stream.Position = 0;

        var records = new List<JsonlRecord>();
        await foreach (var record in JsonlDatasetReader.ReadAsync(stream))
        {
            records.Add(record);
        }

        Assert.Equal(dataset, Dataset.Create([Assert.Single(records).Example!]));
        Assert.Contains("\\u0001", dataset.ToJsonl(), StringComparison.Ordinal);
    }
}
