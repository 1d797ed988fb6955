using System.Text;
using FineTuning.Toolkit.Comparison.Batch;

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
        var store = new BatchAnswerStore();

        var lines = await BatchResultReader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(Content)), store, CancellationToken.None);

        Assert.Equal(3, lines);
        var a = store.Take("a-0")!;
        Assert.Equal(("Hello!", 12L, 3L, (string?)null), (a.Text, a.InputTokens!.Value, a.OutputTokens!.Value, a.Error));
        Assert.Equal("HTTP 500: The server had an error", store.Take("b-0")!.Error);
        Assert.StartsWith("batch_expired: ", store.Take("c-0")!.Error, StringComparison.Ordinal);
        Assert.Null(store.Take("d-0"));
    }

    [Fact]
    public void Add_AnswerAfterFailureAndFailureAfterAnswer_AnswerKept()
    {
        var store = new BatchAnswerStore();
        store.Add("a-0", new BatchAnswer(string.Empty, null, null, "batch_expired: late"));
        store.Add("a-0", new BatchAnswer("ok", 1, 1, null));
        store.Add("a-0", new BatchAnswer(string.Empty, null, null, "server_error"));

        Assert.False(store.NeedsRetry("a-0"));
        Assert.True(store.NeedsRetry("b-0"));
        Assert.Equal("ok", store.Take("a-0")!.Text);
    }
}
