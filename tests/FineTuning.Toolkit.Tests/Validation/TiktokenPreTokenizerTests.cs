using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using FineTuning.Toolkit.Internal.Text;

namespace FineTuning.Toolkit.Tests.Validation;

public class TiktokenPreTokenizerTests
{
    // Contractions (any case, and the long s that (?i:s) accepts), digit groups of three, white-space runs before words,
    // new lines and at the end, non-Latin scripts with combining marks, title-case and modifier letters, emoji (surrogate
    // pairs, joiners, skin tones), punctuation runs with and without a leading space and trailing new lines or slashes.
    private static readonly string[] Fragments =
    [
        "don't", "I'LL", "we've", "it's", "You'RE", "'s", "'S", "'ſ", "'d", "'M", "'ll", "'ve", "'x", "'", "''",
        "1", "12", "123", "1234567", " 42", "٣٤٥", "½", "Ⅻ", "x2", "2x",
        " ", "  ", "   ", "\t", "\t\t", "\n", "\r\n", "\n\n", "  \n  ", " \n\n", "\r", "\u00A0", "\u2028", "\u0085", "\u3000", "\v\f",
        "the", "The", "THE", "HTTPServer", "CamelCase", "foo_bar", "Ǆ", "ǅx", "ʰʷ", "e\u0301", "\u0301", "\u0301a", "A\u0301B",
        "日本語", "の", "中文", "한국어", "данные", "Ελληνικά", "العربية", "עברית", "हिन्दी", "ñandú", "ß", "ﬁ",
        "😀", "🔐✅", "👨‍👩‍👧‍👦", "👍🏽", "🇫🇷", "𝐀𝐁𝐜", "\uD800", "\uDC00",
        ".", ",", "!!", "?!", " ...", "/", "//", "\\", "<p>", "x=1;", "$(x)", "#", "@user", "https://techflow.com/reset?x=1",
        "\"", "«»", "—", "...\n", "!/\r\n", " /", "-\n\n",
    ];

    public static TheoryData<string> EdgeCases() =>
    [
        "don't I'LL we've it's you're 'S 'ſ", "1234567 12 123 1 ٣٤٥٦", "   hello", "hello   ", "a  \n  b", "\n\n\n", "x\r\n\r\ny",
        "  ", " \t ", "日本語のテキスト。", "Привет, мир!", "हिन्दी पाठ।", "😀😃 👨‍👩‍👧‍👦 🇫🇷", "?!... ---\n", " ///\n\nx", "e\u0301\u0301",
        "ǅungla ʰello", "ABCdef GHI", "\u0301\u0301abc",
    ];

    [Theory]
    [MemberData(nameof(EdgeCases))]
    public void Next_EdgeCases_SplitsAsThePattern(string text)
    {
        Assert.Equal(RegexPieces(TiktokenPatterns.O200kBase(), text), Pieces(text, cl100k: false));
        Assert.Equal(RegexPieces(TiktokenPatterns.Cl100kBase(), text), Pieces(text, cl100k: true));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Next_RandomTexts_SplitsAsThePattern(bool cl100k)
    {
        var pattern = cl100k ? TiktokenPatterns.Cl100kBase() : TiktokenPatterns.O200kBase();
        var random = new Random(4321);
        for (var i = 0; i < 20_000; i++)
        {
            var builder = new StringBuilder();
            var parts = random.Next(1, 16);
            for (var k = 0; k < parts; k++)
            {
                builder.Append(Fragments[random.Next(Fragments.Length)]);
            }

            var text = builder.ToString();
            var expected = RegexPieces(pattern, text);
            var actual = Pieces(text, cl100k);
            Assert.True(expected.SequenceEqual(actual), $"Pieces differ for {JsonSerializer.Serialize(text)}: {JsonSerializer.Serialize(expected)} vs {JsonSerializer.Serialize(actual)}.");
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Next_EveryCharacterAlone_SplitsAsThePattern(bool cl100k)
    {
        // Each UTF-16 code unit between two letters, after a space, before a new line and in a contraction: every Unicode
        // category, and every case-insensitive match of the contraction letters.
        var pattern = cl100k ? TiktokenPatterns.Cl100kBase() : TiktokenPatterns.O200kBase();
        for (var c = 0; c <= char.MaxValue; c++)
        {
            var ch = (char)c;
            foreach (var text in new[] { $"a{ch}b", $" {ch}", $"{ch}\n", $"'{ch}", $"{ch}{ch}x", $"x'{ch}x", $"x'L{ch}x" })
            {
                var expected = RegexPieces(pattern, text);
                Assert.True(expected.SequenceEqual(Pieces(text, cl100k)), $"Pieces differ for U+{c:X4} in {JsonSerializer.Serialize(text)}.");
            }
        }
    }

    private static List<string> RegexPieces(Regex pattern, string text)
    {
        var pieces = new List<string>();
        foreach (var match in pattern.EnumerateMatches(text))
        {
            pieces.Add(text.Substring(match.Index, match.Length));
        }

        return pieces;
    }

    private static List<string> Pieces(string text, bool cl100k)
    {
        var pieces = new List<string>();
        for (var at = 0; at < text.Length;)
        {
            var length = cl100k ? TiktokenPreTokenizer.NextCl100k(text, at) : TiktokenPreTokenizer.NextO200k(text, at);
            pieces.Add(text.Substring(at, length));
            at += length;
        }

        return pieces;
    }
}
