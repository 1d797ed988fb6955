using System.Text;
using FineTuning.Toolkit.Datasets.Jsonl;

namespace FineTuning.Toolkit.Tests.Datasets.Jsonl;

public class JsonlLineReaderTests
{
    private sealed record LineInfo(int Number, long Offset, long Length, JsonlLineKind Kind, string Text);

    private static async Task<(List<LineInfo> Lines, bool Bom)> ReadAllAsync(byte[] data, int maxLineBytes = 1024, int chunk = int.MaxValue)
    {
        using var reader = new JsonlLineReader(new ChunkedStream(data, chunk), maxLineBytes);
        var lines = new List<LineInfo>();
        while (await reader.ReadLineAsync())
        {
            lines.Add(new(reader.LineNumber, reader.LineOffset, reader.LineLength, reader.Kind, Encoding.UTF8.GetString(reader.LineSpan)));
        }

        return (lines, reader.HasByteOrderMark);
    }

    private static List<LineInfo> ReadAllSync(byte[] data, int maxLineBytes, int chunk)
    {
        using var reader = new JsonlLineReader(new ChunkedStream(data, chunk), maxLineBytes);
        var lines = new List<LineInfo>();
        while (reader.ReadLine())
        {
            lines.Add(new(reader.LineNumber, reader.LineOffset, reader.LineLength, reader.Kind, Encoding.UTF8.GetString(reader.LineSpan)));
        }

        return lines;
    }

    [Fact]
    public async Task ReadLineAsync_LfLines_NumbersOffsetsAndContent()
    {
        var (lines, bom) = await ReadAllAsync("{\"a\":1}\n{\"b\":2}\n"u8.ToArray());

        Assert.False(bom);
        Assert.Equal(
            [new(1, 0, 7, JsonlLineKind.Content, "{\"a\":1}"), new(2, 8, 7, JsonlLineKind.Content, "{\"b\":2}")],
            lines);
    }

    [Fact]
    public async Task ReadLineAsync_CrLfLines_TerminatorStripped()
    {
        var (lines, _) = await ReadAllAsync("one\r\ntwo\r\nthree"u8.ToArray());

        Assert.Equal(["one", "two", "three"], lines.Select(l => l.Text));
        Assert.Equal([0L, 5L, 10L], lines.Select(l => l.Offset));
    }

    [Fact]
    public async Task ReadLineAsync_ByteOrderMark_ReportedAndStripped()
    {
        var (lines, bom) = await ReadAllAsync([0xEF, 0xBB, 0xBF, .. "{}\n{}"u8]);

        Assert.True(bom);
        Assert.Equal(["{}", "{}"], lines.Select(l => l.Text));
        Assert.Equal(3, lines[0].Offset);
        Assert.Equal(1, lines[0].Number);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task ReadLineAsync_ByteOrderMarkSplitAcrossReads_StillStripped(int chunk)
    {
        var (lines, bom) = await ReadAllAsync([0xEF, 0xBB, 0xBF, .. "a\r\nb"u8], chunk: chunk);

        Assert.True(bom);
        Assert.Equal(["a", "b"], lines.Select(l => l.Text));
    }

    [Fact]
    public async Task ReadLineAsync_ByteOrderMarkOnly_NoLines()
    {
        var (lines, bom) = await ReadAllAsync([0xEF, 0xBB, 0xBF]);

        Assert.True(bom);
        Assert.Empty(lines);
    }

    [Fact]
    public async Task ReadLineAsync_AfterDispose_Throws()
    {
        var reader = new JsonlLineReader(new MemoryStream("{}"u8.ToArray()));
        reader.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await reader.ReadLineAsync());
    }

    [Fact]
    public async Task ReadLineAsync_BlankLines_ReportedWithTheirNumbers()
    {
        var (lines, _) = await ReadAllAsync("{}\n\n  \t\r\n{}\n"u8.ToArray());

        Assert.Equal(
            [JsonlLineKind.Content, JsonlLineKind.Blank, JsonlLineKind.Blank, JsonlLineKind.Content],
            lines.Select(l => l.Kind));
        Assert.Equal([1, 2, 3, 4], lines.Select(l => l.Number));
    }

    [Fact]
    public async Task ReadLineAsync_EmptyStream_NoLines()
    {
        var (lines, bom) = await ReadAllAsync([]);

        Assert.Empty(lines);
        Assert.False(bom);
    }

    [Fact]
    public async Task ReadLineAsync_LineOverLimit_ReportedTooLongAndSkipped()
    {
        var data = Encoding.UTF8.GetBytes("short\n" + new string('x', 100) + "\r\nafter\n" + new string('y', 50));

        var (lines, _) = await ReadAllAsync(data, maxLineBytes: 10, chunk: 7);

        Assert.Equal(
            [
                new(1, 0, 5, JsonlLineKind.Content, "short"),
                new(2, 6, 100, JsonlLineKind.TooLong, string.Empty),
                new(3, 108, 5, JsonlLineKind.Content, "after"),
                new(4, 114, 50, JsonlLineKind.TooLong, string.Empty),
            ],
            lines);
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public async Task ReadLineAsync_LineExactlyAtLimit_Accepted(string terminator)
    {
        var data = Encoding.UTF8.GetBytes(new string('x', 10) + terminator + new string('y', 11) + terminator);

        var (lines, _) = await ReadAllAsync(data, maxLineBytes: 10, chunk: 3);

        Assert.Equal([JsonlLineKind.Content, JsonlLineKind.TooLong], lines.Select(l => l.Kind));
        Assert.Equal([10L, 11L], lines.Select(l => l.Length));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(64)]
    public async Task ReadLine_SyncAndAsyncAnyChunking_SameLines(int chunk)
    {
        var text = new StringBuilder();
        for (var i = 0; i < 200; i++)
        {
            text.Append(new string((char)('a' + (i % 26)), i % 37)).Append(i % 3 == 0 ? "\r\n" : "\n");
        }

        var data = Encoding.UTF8.GetBytes(text.ToString());
        var expected = ReadAllSync(data, maxLineBytes: 30, chunk: int.MaxValue);

        Assert.Equal(expected, ReadAllSync(data, 30, chunk));
        Assert.Equal(expected, (await ReadAllAsync(data, 30, chunk)).Lines);
        Assert.Equal(200, expected.Count);
        Assert.Equal(JsonlLineKind.TooLong, expected[31].Kind);
        Assert.Equal(JsonlLineKind.Blank, expected[0].Kind);
    }

    [Fact]
    public async Task ReadLineAsync_FiftyMegabyteLineWithDefaultLimit_TooLongThenNextLineRead()
    {
        const long fill = 50L * 1024 * 1024;
        using var reader = new JsonlLineReader(new PatternStream("{}\n{\"a\":\""u8.ToArray(), (byte)'x', fill, "\"}\n{\"b\":1}\n"u8.ToArray()));

        Assert.True(await reader.ReadLineAsync());
        Assert.True(await reader.ReadLineAsync());
        Assert.Equal(JsonlLineKind.TooLong, reader.Kind);
        Assert.Equal(2, reader.LineNumber);
        Assert.Equal(3, reader.LineOffset);
        Assert.Equal(fill + 8, reader.LineLength);
        Assert.True(await reader.ReadLineAsync());
        Assert.Equal("{\"b\":1}", Encoding.UTF8.GetString(reader.LineSpan));
        Assert.Equal(3, reader.LineNumber);
        Assert.False(await reader.ReadLineAsync());
    }

    [Fact]
    public void ReadLine_HugeLineWithSmallLimit_MemoryStaysBounded()
    {
        const long fill = 50L * 1024 * 1024;
        using var reader = new JsonlLineReader(new PatternStream([], (byte)'x', fill, "\nok\n"u8.ToArray()), maxLineBytes: 64 * 1024);
        var before = GC.GetAllocatedBytesForCurrentThread();

        Assert.True(reader.ReadLine());
        Assert.Equal(JsonlLineKind.TooLong, reader.Kind);
        Assert.True(reader.ReadLine());
        Assert.Equal("ok", Encoding.UTF8.GetString(reader.LineSpan));

        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 4 * 1024 * 1024);
    }

    [Fact]
    public async Task ReadLineAsync_Cancelled_Throws()
    {
        using var reader = new JsonlLineReader(new ChunkedStream("{}\n"u8.ToArray(), 1));
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await reader.ReadLineAsync(cts.Token));
    }

    [Fact]
    public void Constructor_NullStream_Throws()
    {
        Assert.Throws<ArgumentNullException>("stream", () => new JsonlLineReader(null!));
        Assert.Throws<ArgumentOutOfRangeException>("maxLineBytes", () => new JsonlLineReader(Stream.Null, 0));
    }

    [Fact]
    public void Dispose_LeaveOpenFalse_DisposesStream()
    {
        var stream = new MemoryStream("{}"u8.ToArray());
        new JsonlLineReader(stream).Dispose();
        Assert.False(stream.CanRead);

        var kept = new MemoryStream("{}"u8.ToArray());
        new JsonlLineReader(kept, leaveOpen: true).Dispose();
        Assert.True(kept.CanRead);
    }
}
