using System.Text;
using FineTuning.Toolkit.Internal.Text;

namespace FineTuning.Toolkit.Tests.Datasets;

public class Utf8TextTests
{
    [Theory]
    [InlineData("")]
    [InlineData("plain ASCII text that is longer than eight bytes")]
    [InlineData("日本語 straße función ✅ 🔐 \u00a0 \u07ff \u0800 \uffff")]
    [InlineData("\U0010FFFF and \U00010000")]
    public void TryDecode_WellFormed_EqualsRuntimeDecoder(string text)
    {
        Assert.True(Utf8Text.TryDecode(Encoding.UTF8.GetBytes(text), out var decoded));
        Assert.Equal(text, decoded);
    }

    [Fact]
    public void TryDecode_LongText_UsesPooledBuffer()
    {
        var text = string.Concat(Enumerable.Repeat("ok 日本語 🔐 ", 200));

        Assert.True(Utf8Text.TryDecode(Encoding.UTF8.GetBytes(text), out var decoded));
        Assert.Equal(text, decoded);
    }

    [Theory]
    [InlineData(new byte[] { 0xC0, 0x80 })]             // overlong NUL
    [InlineData(new byte[] { 0xE0, 0x80, 0x80 })]       // overlong
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]       // a surrogate
    [InlineData(new byte[] { 0xF4, 0x90, 0x80, 0x80 })] // past U+10FFFF
    [InlineData(new byte[] { 0x61, 0xE6, 0x97 })]       // truncated
    [InlineData(new byte[] { 0x80 })]                   // lone continuation
    [InlineData(new byte[] { 0xFF })]
    public void TryDecode_IllFormed_Refuses(byte[] bytes) =>
        Assert.False(Utf8Text.TryDecode(bytes, out _));

    [Fact]
    public void TryDecode_RandomBytes_AgreesWithStrictRuntimeDecoder()
    {
        // Random byte strings, most of them ill-formed somewhere: the decoder accepts exactly what a strict UTF-8 decoder
        // accepts, and decodes it to the same text.
        var strict = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        var pieces = new[] { "a", "Z", " ", "é", "日", "🔐", "\u07ff", "\uffff" }.Select(Encoding.UTF8.GetBytes).ToArray();
        var random = new Random(20261201);
        for (var round = 0; round < 50_000; round++)
        {
            var bytes = new List<byte>();
            var parts = random.Next(0, 24);
            for (var p = 0; p < parts; p++)
            {
                if (random.Next(6) == 0)
                {
                    bytes.Add((byte)random.Next(0x80, 0x100));
                }
                else
                {
                    bytes.AddRange(pieces[random.Next(pieces.Length)]);
                }
            }

            var array = bytes.ToArray();
            string? expected;
            try
            {
                expected = strict.GetString(array);
            }
            catch (DecoderFallbackException)
            {
                expected = null;
            }

            var accepted = Utf8Text.TryDecode(array, out var actual);
            Assert.Equal(expected is not null, accepted);
            if (accepted)
            {
                Assert.Equal(expected, actual);
            }
        }
    }

    [Fact]
    public void TryDecode_RandomEscapedJsonStrings_AgreesWithReader()
    {
        // JSON string values mixing text and escapes (simple ones, \u escapes, surrogate pairs and lone surrogates): the
        // decoder gives the reader's text, and refuses exactly where the reader's GetString throws.
        var pieces = new[] { "a", "é", "日", "🔐", "\\n", "\\\"", "\\\\", "\\/", "\\t", "\\u00e9", "\\u0000", "\\uD83D\\uDD10", "\\uD83D", "\\uDD10", "\\uD83Dx" };
        var random = new Random(20261201);
        for (var round = 0; round < 20_000; round++)
        {
            var body = string.Concat(Enumerable.Range(0, random.Next(0, 12)).Select(_ => pieces[random.Next(pieces.Length)]));
            var json = Encoding.UTF8.GetBytes("\"" + body + "\"");
            var reader = new System.Text.Json.Utf8JsonReader(json);
            reader.Read();
            string? expected;
            try
            {
                expected = reader.GetString();
            }
            catch (InvalidOperationException)
            {
                expected = null;
            }

            var accepted = Utf8Text.TryDecode(reader.ValueSpan, out var actual);
            Assert.True((expected is not null) == accepted, body);
            if (accepted)
            {
                Assert.Equal(expected, actual);
            }
        }
    }

    [Fact]
    public void IsWellFormed_RandomBytes_AgreesWithUtf8IsValid()
    {
        var random = new Random(20261202);
        var pieces = new[] { "a", " ", "é", "日", "🔐", "\u07ff" }.Select(Encoding.UTF8.GetBytes).ToArray();
        for (var round = 0; round < 50_000; round++)
        {
            var bytes = new List<byte>();
            for (var p = random.Next(0, 30); p > 0; p--)
            {
                if (random.Next(8) == 0)
                {
                    bytes.Add((byte)random.Next(0x80, 0x100));
                }
                else
                {
                    bytes.AddRange(pieces[random.Next(pieces.Length)]);
                }
            }

            var array = bytes.ToArray();
            Assert.Equal(System.Text.Unicode.Utf8.IsValid(array), Utf8Text.IsWellFormed(array));
        }
    }

    [Theory]
    [InlineData("\\n", "\n")]
    [InlineData("é", "é")]
    [InlineData("\\u00e9", "é")]
    public void TryDecode_EscapeOrNonAsciiAtEveryPositionOfLongAsciiText_DecodesAsReader(string inserted, string meant)
    {
        // ASCII runs are copied 32 and 8 bytes at a time: an escape or a multi-byte character must be found wherever it
        // falls in a block, and the text around it kept.
        for (var at = 0; at <= 80; at++)
        {
            var raw = new string('a', at) + inserted + new string('b', 80 - at);
            Assert.True(Utf8Text.TryDecode(Encoding.UTF8.GetBytes(raw), out var decoded));
            Assert.Equal(new string('a', at) + meant + new string('b', 80 - at), decoded);
            Assert.True(Utf8Text.IsWellFormed(Encoding.UTF8.GetBytes(raw)));
        }
    }

    [Fact]
    public void IsWellFormed_BadByteAtEveryPositionOfLongAsciiText_IsRefused()
    {
        for (var at = 0; at < 100; at++)
        {
            var bytes = Encoding.UTF8.GetBytes(new string('x', 100));
            bytes[at] = 0xFF;

            Assert.False(Utf8Text.IsWellFormed(bytes), $"bad byte at {at}");
        }
    }
}
