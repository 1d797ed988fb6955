using System.Buffers;
using System.Text;
using System.Text.Json;
using FineTuning.Toolkit.Comparison.Batch;
using Microsoft.Extensions.AI;

namespace FineTuning.Toolkit.Tests.Comparison.Batch;

public sealed class BatchRequestBodyTests
{
    private static readonly ChatMessage[] Messages = [new(ChatRole.System, "Be helpful. 😊"), new(ChatRole.User, "How do I reset my \"password\"?")];

    [Fact]
    public void WriteLine_KeyOfTheLine_EqualsKeyOfTheSameRequestAskedLater()
    {
        var line = new ArrayBufferWriter<byte>();
        var options = new ChatOptions { Temperature = 0, Seed = 7, MaxOutputTokens = 300 };

        var key = BatchRequestBody.WriteLine(line, new ArrayBufferWriter<byte>(), "gpt-4o-mini", Messages, options, k => k + "-0");

        Assert.Equal(key, BatchRequestBody.Key("gpt-4o-mini", Messages.ToList(), new ChatOptions { Temperature = 0, Seed = 7, MaxOutputTokens = 300 }));
        using var document = JsonDocument.Parse(line.WrittenMemory);
        var root = document.RootElement;
        Assert.Equal(key + "-0", root.GetProperty("custom_id").GetString());
        Assert.Equal("POST", root.GetProperty("method").GetString());
        Assert.Equal("/v1/chat/completions", root.GetProperty("url").GetString());
        var body = root.GetProperty("body");
        Assert.Equal("gpt-4o-mini", body.GetProperty("model").GetString());
        Assert.Equal("How do I reset my \"password\"?", body.GetProperty("messages")[1].GetProperty("content").GetString());
        Assert.Equal(7, body.GetProperty("seed").GetInt64());
        Assert.Equal(300, body.GetProperty("max_completion_tokens").GetInt32());
        Assert.Equal((byte)'\n', line.WrittenSpan[^1]);
    }

    [Fact]
    public void Key_DifferentModelSeedOrText_DifferentKeys()
    {
        var options = new ChatOptions { Seed = 1 };
        var key = BatchRequestBody.Key("a", Messages, options);

        Assert.NotEqual(key, BatchRequestBody.Key("b", Messages, options));
        Assert.NotEqual(key, BatchRequestBody.Key("a", Messages, new ChatOptions { Seed = 2 }));
        Assert.NotEqual(key, BatchRequestBody.Key("a", [Messages[0], new ChatMessage(ChatRole.User, "Other")], options));
        Assert.Equal(32, key.Length);
    }

    [Fact]
    public async Task WriteAsync_AboveCountAndByteLimits_SplitsWithinBothAndIdsStayUnique()
    {
        var directory = ComparisonTestFiles.TempDirectory();
        var requests = Enumerable.Range(0, 25).Select(i => new BatchRequest("m", [new ChatMessage(ChatRole.User, i % 5 == 0 ? "same" : "question " + i)], new ChatOptions()));

        var byCount = await new BatchInputWriter(directory, 10, long.MaxValue).WriteAsync(requests, null, CancellationToken.None);
        var lineBytes = (await File.ReadAllLinesAsync(byCount[0].Path)).Max(l => Encoding.UTF8.GetByteCount(l) + 1);
        var byBytes = await new BatchInputWriter(directory, 1000, lineBytes * 4).WriteAsync(requests, null, CancellationToken.None);

        Assert.Equal([10, 10, 5], byCount.Select(c => c.Count));
        Assert.All(byBytes, c => Assert.True(c.Bytes <= lineBytes * 4));
        Assert.Equal(25, byBytes.Sum(c => c.Count));
        var ids = byCount.SelectMany(c => File.ReadLines(c.Path)).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("custom_id").GetString()).ToList();
        Assert.Equal(25, ids.Distinct().Count());
        Assert.Equal(5, ids.Count(id => id!.StartsWith(BatchRequestBody.Key("m", [new ChatMessage(ChatRole.User, "same")], new ChatOptions()), StringComparison.Ordinal)));
    }

    [Fact]
    public async Task WriteAsync_SameRequestsTwice_SameFileHashes()
    {
        var directory = ComparisonTestFiles.TempDirectory();
        var requests = Enumerable.Range(0, 12).Select(i => new BatchRequest("m", [new ChatMessage(ChatRole.User, "q" + i)], new ChatOptions { Seed = i }));
        var writer = new BatchInputWriter(directory, 5, long.MaxValue);

        var first = await writer.WriteAsync(requests, null, CancellationToken.None);
        var second = await writer.WriteAsync(requests, null, CancellationToken.None);

        Assert.Equal(first.Select(c => c.Hash), second.Select(c => c.Hash));
        Assert.Equal(3, first.Select(c => c.Hash).Distinct().Count());
    }
}
