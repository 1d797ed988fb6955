using System.Text;
using FineTuning.Toolkit.Datasets;
using FineTuning.Toolkit.Datasets.Jsonl;

namespace FineTuning.Toolkit.Tests.Datasets.Jsonl;

public class JsonlDatasetReaderTests
{
    private const string Good = """{"messages":[{"role":"user","content":"Hi"},{"role":"assistant","content":"Hello"}]}""";

    private static async Task<List<JsonlRecord>> ReadAsync(byte[] data, JsonlReaderOptions? options = null)
    {
        using var stream = new MemoryStream(data);
        var records = new List<JsonlRecord>();
        await foreach (var record in JsonlDatasetReader.ReadAsync(stream, options))
        {
            records.Add(record);
        }

        return records;
    }

    private static Task<List<JsonlRecord>> ReadAsync(string text, JsonlReaderOptions? options = null) =>
        ReadAsync(Encoding.UTF8.GetBytes(text), options);

    [Fact]
    public async Task ReadAsync_ByteOrderMarkAndCrLf_ReadAsExamples()
    {
        var records = await ReadAsync([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Good + "\r\n" + Good + "\r\n")]);

        Assert.Equal(2, records.Count);
        Assert.All(records, r => Assert.True(r.IsSuccess, r.ToString()));
        Assert.Equal([1, 2], records.Select(r => r.LineNumber));
        Assert.Equal("Hello", ((TrainingExample)records[1].Example!).Messages[1].Content);
    }

    [Fact]
    public async Task ReadAsync_BlankLines_ErrorRecordsWithLineNumbers()
    {
        var records = await ReadAsync(Good + "\n\n   \n" + Good + "\n");

        Assert.Equal([true, false, false, true], records.Select(r => r.IsSuccess));
        Assert.Equal(JsonlErrorCodes.BlankLine, records[1].Error!.Code);
        Assert.Equal(2, records[1].LineNumber);
        Assert.Equal(3, records[2].LineNumber);
        Assert.Contains("Line 3", records[2].Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_SkipBlankLines_OnlyExamples()
    {
        var records = await ReadAsync(Good + "\n\n" + Good, new JsonlReaderOptions { SkipBlankLines = true });

        Assert.Equal([1, 3], records.Select(r => r.LineNumber));
        Assert.All(records, r => Assert.True(r.IsSuccess));
    }

    [Fact]
    public async Task ReadAsync_InvalidUtf8_ErrorRecordThenContinues()
    {
        byte[] bad = [.. "{\"messages\":[{\"role\":\"user\",\"content\":\"caf"u8, 0xC3, 0x28, .. "\"}]}\n"u8];

        var records = await ReadAsync([.. bad, .. Encoding.UTF8.GetBytes(Good)]);

        Assert.Equal(JsonlErrorCodes.InvalidUtf8, records[0].Error!.Code);
        Assert.Equal(1, records[0].LineNumber);
        Assert.Contains("Line 1", records[0].Error!.Message, StringComparison.Ordinal);
        Assert.Contains("byte 42", records[0].Error!.Message, StringComparison.Ordinal);
        Assert.True(records[1].IsSuccess);
    }

    [Theory]
    [InlineData("[1,2,3]", "an array")]
    [InlineData("\"text\"", "a string")]
    [InlineData("42", "a number")]
    [InlineData("null", "null")]
    public async Task ReadAsync_NonObjectLine_NotAnObjectError(string line, string found)
    {
        var records = await ReadAsync(Good + "\n" + line + "\n" + Good);

        Assert.Equal(JsonlErrorCodes.NotAnObject, records[1].Error!.Code);
        Assert.Equal(2, records[1].LineNumber);
        Assert.Contains(found, records[1].Error!.Message, StringComparison.Ordinal);
        Assert.True(records[2].IsSuccess);
    }

    [Fact]
    public async Task ReadAsync_InvalidJson_ErrorRecord()
    {
        var records = await ReadAsync("{\"messages\": [\n" + Good);

        Assert.Equal(JsonlErrorCodes.InvalidJson, records[0].Error!.Code);
        Assert.True(records[1].IsSuccess);
    }

    [Fact]
    public async Task ReadAsync_FiftyMegabyteLine_TooLongErrorThenContinues()
    {
        const long fill = 50L * 1024 * 1024;
        var prefix = Encoding.UTF8.GetBytes(Good + "\n{\"messages\":[{\"role\":\"user\",\"content\":\"");
        var suffix = Encoding.UTF8.GetBytes("\"}]}\n" + Good + "\n");
        await using var stream = new PatternStream(prefix, (byte)'a', fill, suffix);
        var records = new List<JsonlRecord>();

        await foreach (var record in JsonlDatasetReader.ReadAsync(stream))
        {
            records.Add(record);
        }

        Assert.Equal(3, records.Count);
        Assert.Equal(JsonlErrorCodes.LineTooLong, records[1].Error!.Code);
        Assert.Equal(2, records[1].LineNumber);
        Assert.Contains("Line 2", records[1].Error!.Message, StringComparison.Ordinal);
        Assert.True(records[2].IsSuccess);
        Assert.Equal(3, records[2].LineNumber);
    }

    [Fact]
    public async Task ReadAsync_NestedHundredThousandDeep_DepthErrorNoCrash()
    {
        var deep = "{\"messages\":" + new string('[', 100_000) + new string(']', 100_000) + "}";

        var records = await ReadAsync(deep + "\n" + Good);

        Assert.Equal(JsonlErrorCodes.MaxDepthExceeded, records[0].Error!.Code);
        Assert.Equal(1, records[0].LineNumber);
        Assert.Contains("64", records[0].Error!.Message, StringComparison.Ordinal);
        Assert.True(records[1].IsSuccess);
    }

    [Fact]
    public async Task ReadAsync_NestedHundredThousandDeepObjectsUnterminated_DepthError()
    {
        var deep = string.Concat(Enumerable.Repeat("{\"a\":", 100_000));

        var records = await ReadAsync(deep);

        Assert.Equal(JsonlErrorCodes.MaxDepthExceeded, Assert.Single(records).Error!.Code);
    }

    [Theory]
    [InlineData("""{"messages":[{"role":"bot","content":"x"}]}""", JsonlErrorCodes.InvalidValue, "messages[0].role")]
    [InlineData("""{"messages":[{"content":"x"}]}""", JsonlErrorCodes.MissingField, "messages[0].role")]
    [InlineData("""{"messages":[{"role":"user","content":5}]}""", JsonlErrorCodes.InvalidType, "messages[0].content")]
    [InlineData("""{"messages":{"role":"user"}}""", JsonlErrorCodes.InvalidType, "messages")]
    [InlineData("""{"messages":[{"role":"user","content":"x"},{"role":"assistant","content":"y","weight":"1"}]}""", JsonlErrorCodes.InvalidType, "messages[1].weight")]
    [InlineData("""{"messages":[{"role":"assistant","content":"y","weight":0.5}]}""", JsonlErrorCodes.InvalidType, "messages[0].weight")]
    [InlineData("""{"messages":[{"role":"user","content":[{"type":"audio"}]}]}""", JsonlErrorCodes.InvalidValue, "messages[0].content[0].type")]
    [InlineData("""{"messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"u","detail":"max"}}]}]}""", JsonlErrorCodes.InvalidValue, "messages[0].content[0].image_url.detail")]
    [InlineData("""{"messages":[{"role":"user","content":[{"type":"image_url","image_url":{}}]}]}""", JsonlErrorCodes.MissingField, "messages[0].content[0].image_url.url")]
    [InlineData("""{"messages":[{"role":"assistant","tool_calls":[{"id":"c","type":"function","function":{"name":"f","arguments":{}}}]}]}""", JsonlErrorCodes.InvalidType, "messages[0].tool_calls[0].function.arguments")]
    [InlineData("""{"messages":[{"role":"assistant","tool_calls":[{"type":"function","function":{"name":"f","arguments":"{}"}}]}]}""", JsonlErrorCodes.MissingField, "messages[0].tool_calls[0].id")]
    [InlineData("""{"messages":[],"tools":[{"type":"retrieval","function":{"name":"f"}}]}""", JsonlErrorCodes.InvalidValue, "tools[0].type")]
    [InlineData("""{"messages":[],"tools":[{"type":"function","function":{"name":"f","strict":"yes"}}]}""", JsonlErrorCodes.InvalidType, "tools[0].function.strict")]
    [InlineData("""{"messages":[],"parallel_tool_calls":1}""", JsonlErrorCodes.InvalidType, "parallel_tool_calls")]
    [InlineData("""{"prompt":"x","completion":"y"}""", JsonlErrorCodes.MissingField, "messages")]
    [InlineData("""{"preferred_output":[],"non_preferred_output":[]}""", JsonlErrorCodes.MissingField, "input")]
    [InlineData("""{"input":{"messages":[]},"non_preferred_output":[]}""", JsonlErrorCodes.MissingField, "preferred_output")]
    [InlineData("""{"input":{"messages":[{"role":"user","content":"x"}]},"preferred_output":[{"role":"assistant","content":1}],"non_preferred_output":[]}""", JsonlErrorCodes.InvalidType, "preferred_output[0].content")]
    [InlineData("""{"messages":[],"_toolkit_metadata":{"tags":[1]}}""", JsonlErrorCodes.InvalidType, "_toolkit_metadata.tags[0]")]
    public async Task ReadAsync_WrongField_ErrorNamesLineAndField(string line, string code, string field)
    {
        var records = await ReadAsync(Good + "\n" + line);

        var error = records[1].Error!;
        Assert.Equal(code, error.Code);
        Assert.Equal(field, error.Field);
        Assert.StartsWith($"Line 2, field '{field}'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"messages":[{"role":"user","content":"\ud800"}]}""")]
    [InlineData("""{"messages":[{"role":"user","content":"\udc00\ud800x"}]}""")]
    public async Task ReadAsync_EscapedLoneSurrogate_ErrorRecordNotException(string line)
    {
        var records = await ReadAsync(line + "\n" + Good);

        Assert.False(records[0].IsSuccess);
        Assert.Equal("messages[0].content", records[0].Error!.Field);
        Assert.True(records[1].IsSuccess);
    }

    [Fact]
    public async Task ReadAsync_File_RecordsWithOffsets()
    {
        var path = Path.Combine(Path.GetTempPath(), $"ftt-read-{Guid.NewGuid():N}.jsonl");
        await File.WriteAllTextAsync(path, Good + "\n" + Good + "\n");
        try
        {
            var records = new List<JsonlRecord>();
            await foreach (var record in JsonlDatasetReader.ReadAsync(path))
            {
                records.Add(record);
            }

            Assert.Equal([0L, Good.Length + 1L], records.Select(r => r.ByteOffset));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task ReadAsync_Cancelled_Throws()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(Good));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var unused in JsonlDatasetReader.ReadAsync(stream, null, cts.Token))
            {
            }
        });
    }

    [Fact]
    public void ParseLine_GoodAndBad_Records()
    {
        Assert.True(JsonlDatasetReader.ParseLine(Encoding.UTF8.GetBytes(Good)).IsSuccess);
        Assert.Equal(JsonlErrorCodes.BlankLine, JsonlDatasetReader.ParseLine(ReadOnlyMemory<byte>.Empty, 7).Error!.Code);
        Assert.Equal(JsonlErrorCodes.LineTooLong,
            JsonlDatasetReader.ParseLine(Encoding.UTF8.GetBytes(Good), 1, new JsonlReaderOptions { MaxLineBytes = 5 }).Error!.Code);
    }

    [Fact]
    public void Options_NonPositiveLimits_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new JsonlReaderOptions { MaxLineBytes = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new JsonlReaderOptions { MaxDepth = -1 });
    }
}
