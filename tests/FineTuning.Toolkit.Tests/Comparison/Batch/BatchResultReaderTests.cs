using System.Text;
using FineTuning.Toolkit.Comparison.Batch;
using FineTuning.Toolkit.Tests.Datasets;

namespace FineTuning.Toolkit.Tests.Comparison.Batch;

public sealed class BatchResultReaderTests
{
    [Fact]
    public async Task ReadAsync_OutputErrorAndExpiredLines_MappedByCustomId()
    {
        const string Content = """
            {"id":"batch_req_1","custom_id":"a-0","response":{"status_code":200,"request_id":"r","body":{"choices":[{"index":0,"message":{"role":"assistant","content":"Hello!"},"finish_reason":"stop"}],"usage":{"prompt_tokens":12,"completion_tokens":3}}},"error":null}
            {"id":"batch_req_2","custom_id":"b-0","response":{"status_code":500,"request_id":"r","body":{"error":{"message":"The server had an error","type":"server_error","param":null,"code":null}}},"error":null}

            {"id":"batch_req_3","custom_id":"c-0","response":null,"error":{"code":"batch_expired","message":"This request could not be executed before the completion window expired."}}
            """;
        using var store = new BatchAnswerStore();

        var lines = await BatchResultReader.ReadAsync(new ChunkedStream(Encoding.UTF8.GetBytes(Content.Replace("\n", "\r\n", StringComparison.Ordinal)), 7), store, ComparisonTestFiles.TempDirectory(), CancellationToken.None);

        Assert.Equal(3, lines);
        var a = store.Find("a-0")!;
        Assert.Equal(("Hello!", 12L, 3L, (string?)null), (a.Text, a.InputTokens!.Value, a.OutputTokens!.Value, a.Error));
        Assert.Equal("HTTP 500: The server had an error", store.Find("b-0")!.Error);
        Assert.StartsWith("batch_expired: ", store.Find("c-0")!.Error, StringComparison.Ordinal);
        Assert.Null(store.Find("d-0"));
    }

    [Fact]
    public async Task ReadAsync_AnswerAfterFailureThenFailureAgain_AnswerKeptAndReadFromDisk()
    {
        const string Expired = """{"id":"1","custom_id":"a-0","response":null,"error":{"code":"batch_expired","message":"late"}}""";
        const string Answered = """{"id":"2","custom_id":"a-0","response":{"status_code":200,"body":{"choices":[{"message":{"content":"ok"}}]}},"error":null}""";
        using var store = new BatchAnswerStore();
        var directory = ComparisonTestFiles.TempDirectory();

        await BatchResultReader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(Expired + "\n")), store, directory, CancellationToken.None);
        Assert.True(store.NeedsRetry("a-0"));
        await BatchResultReader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(Answered)), store, directory, CancellationToken.None);
        await BatchResultReader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(Expired)), store, directory, CancellationToken.None);

        Assert.False(store.NeedsRetry("a-0"));
        Assert.True(store.NeedsRetry("b-0"));
        Assert.Equal("ok", store.Find("a-0")!.Text);
    }

    [Fact]
    public async Task ReadAsync_LineLongerThanTheBuffer_ReadWhole()
    {
        var text = new string('x', 300_000);
        var line = "{\"custom_id\":\"long-0\",\"response\":{\"status_code\":200,\"body\":{\"choices\":[{\"message\":{\"content\":\"" + text + "\"}}]}}}\n";
        using var store = new BatchAnswerStore();

        var lines = await BatchResultReader.ReadAsync(new ChunkedStream(Encoding.UTF8.GetBytes(line + line.Replace("long-0", "long-1", StringComparison.Ordinal)), 4093), store, ComparisonTestFiles.TempDirectory(), CancellationToken.None);

        Assert.Equal(2, lines);
        Assert.Equal(text, store.Find("long-0")!.Text);
        Assert.Equal(text, store.Find("long-1")!.Text);
    }
}
