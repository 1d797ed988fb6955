using System.Text;
using FineTuning.Toolkit.Internal.Text;

namespace FineTuning.Toolkit.Tests.Validation;

public class MojibakeDetectorTests
{
    [Theory]
    [InlineData("Caf\u00C3\u00A9 ouvert", "\u00C3\u00A9", "é", MojibakeDetector.Windows1252)]
    [InlineData("It\u00E2\u20AC\u2122s fine", "\u00E2\u20AC\u2122", "\u2019", MojibakeDetector.Windows1252)]
    [InlineData("smile \u00F0\u0178\u02DC\u20AC", "\u00F0\u0178\u02DC\u20AC", "😀", MojibakeDetector.Windows1252)]
    [InlineData("password! \uF8FF\u00FC\u00EE\u00EA\n", "\uF8FF\u00FC\u00EE\u00EA", "🔐", MojibakeDetector.MacRoman)]
    [InlineData("password! \u00FC\u00EE\u00EA\n", "\u00FC\u00EE\u00EA", "🔐", MojibakeDetector.MacRoman)]
    [InlineData("\u201A\u00FA\u00D6 All examples valid!", "\u201A\u00FA\u00D6", "✅", MojibakeDetector.MacRoman)]
    public void Detect_Mojibake_FindsRunAndRepair(string text, string garbled, string repaired, string codePage)
    {
        var finding = Assert.Single(MojibakeDetector.Detect(text));

        Assert.Equal(text.IndexOf(garbled, StringComparison.Ordinal), finding.Index);
        Assert.Equal(garbled.Length, finding.Length);
        Assert.Equal(garbled, finding.Garbled);
        Assert.Equal(repaired, finding.Repaired);
        Assert.Equal(codePage, finding.CodePage);
        Assert.True(MojibakeDetector.ContainsMojibake(text));
    }

    [Theory]
    [InlineData("Café, naïve, Müller, Ærøskøbing, São Paulo, El Niño, façade")]
    [InlineData("I'd be happy to help you reset your password! 🔐 Great question! 💰")]
    [InlineData("«Élise» — à bientôt. “Quotes” and ‘single’ and … ellipsis ✅ ❌")]
    [InlineData("日本語のテキスト, 한국어, Привет, Ελληνικά")]
    [InlineData("")]
    public void Detect_CleanText_FindsNothing(string text)
    {
        Assert.Empty(MojibakeDetector.Detect(text));
        Assert.False(MojibakeDetector.ContainsMojibake(text));
    }

    [Fact]
    public void Detect_ReplacementCharacter_IsReported()
    {
        var finding = Assert.Single(MojibakeDetector.Detect("broken \uFFFD byte"));

        Assert.Equal(7, finding.Index);
    }

    [Fact]
    public void Repair_GarbledText_RestoresOriginal()
    {
        Assert.Equal("Café — it’s 😀", MojibakeDetector.Repair("CafÃ© â€” itâ€™s ðŸ˜€"));
    }

    [Fact]
    public void Detect_RealCodePageRoundTrip_AgreesWithDotnetEncodings()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var original = "Résumé — “naïve” café ✅ 🔐 😀 £5";
        var utf8 = Encoding.UTF8.GetBytes(original);

        foreach (var codePage in new[] { 1252, 10000 })
        {
            var garbled = Encoding.GetEncoding(codePage).GetString(utf8);

            Assert.NotEmpty(MojibakeDetector.Detect(garbled));
            Assert.Equal(original, MojibakeDetector.Repair(garbled));
        }
    }

    [Fact]
    public void ContainsMojibake_SuspectAtEveryPosition_IsFound()
    {
        // The scan skips four ASCII characters at a time: a run must be found wherever it starts, and at the very end.
        for (var length = 0; length < 40; length++)
        {
            for (var at = 0; at <= length; at++)
            {
                var text = new string('a', at) + "\u00c3\u00a9" + new string('b', length - at);

                Assert.True(MojibakeDetector.ContainsMojibake(text), $"run at {at} of {length}");
            }
        }
    }

    [Fact]
    public void ContainsMojibake_RandomTexts_AgreesWithDetect()
    {
        const string alphabet = "ab c.\u00c3\u00a9\u00e2\u20ac\u2122\u00f0\u0178\u02dc\u00e9\u65e5\ufffd\u00c2\u00a0";
        var random = new Random(20261201);
        for (var round = 0; round < 20_000; round++)
        {
            var chars = new char[random.Next(0, 40)];
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = random.Next(3) == 0 ? alphabet[random.Next(alphabet.Length)] : 'x';
            }

            var text = new string(chars);

            Assert.Equal(MojibakeDetector.Detect(text).Count > 0, MojibakeDetector.ContainsMojibake(text));
        }
    }
}
