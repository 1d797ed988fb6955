using System.Text.Json;
using FineTuning.Toolkit.Datasets;
using FineTuning.Toolkit.Validation;
using Microsoft.Extensions.AI;

namespace FineTuning.Toolkit.Tests.Validation;

public class TokenCounterTests
{
    public static TheoryData<int> CorpusIndexes()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < LoadCorpus().Count; i++)
        {
            data.Add(i);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CorpusIndexes))]
    public void CountTokens_MixedCorpus_EqualsTiktoken(int index)
    {
        var @case = LoadCorpus()[index];

        Assert.Equal(@case.O200k, TokenCounter.ForEncoding(TokenCounter.O200kBase).CountTokens(@case.Text));
        Assert.Equal(@case.Cl100k, TokenCounter.ForEncoding(TokenCounter.Cl100kBase).CountTokens(@case.Text));
        Assert.Equal(@case.O200k, TokenCounter.ForEncoding(TokenCounter.O200kBase).CountTokens(@case.Text.AsSpan()));
    }

    [Fact]
    public void CountTokens_Corpus_CoversEmojiCjkCodeAndLongTexts()
    {
        var texts = LoadCorpus().Select(c => c.Text).ToList();

        Assert.Contains(texts, t => t.Contains("😀", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains('日', StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains("ConfigureAwait", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Length > TokenCounter.MaxCachedStringLength);
    }

    [Theory]
    [InlineData(TokenCounter.O200kBase)]
    [InlineData(TokenCounter.Cl100kBase)]
    public void CountTokens_RandomTexts_EqualsTheTokenizersOwnCount(string encoding)
    {
        // The counter splits texts into pre-tokenization pieces itself and caches piece counts; whatever the text, the
        // total must stay the tokenizer's own count.
        string[] fragments =
        [
            "the", "The", "THE", " word", "  two", "don't", "I'LL", "we've", "it's", "'s", "'re", "123", "4567890", " 42",
            ", ", ".", "!!", "?!", " ...", "/", "//", "\\", "\t", "\n", "\r\n", "  \n  ", " \n\n", "\t\t", "   ", " ",
            "😀", "🔐✅", " 日本語", "の", "данные", "ñandú", "e\u0301", "Ǆ", "ǅx", "<p>", "x=1;", "foo_bar", "CamelCase",
            "HTTPServer", "$(x)", "#", "@user", "https://techflow.com/reset?x=1", "\u00A0", "\u2028", "'", "\"", "«»",
            "'ſ", "You'RE", "1234567", "٣٤٥", "½", "\u0085", "\u3000", "ʰʷ", "👨‍👩‍👧‍👦", "👍🏽", "𝐀𝐁𝐜", "\uD800", "\uDC00", "...\n", " ///",
        ];
        var random = new Random(1234);
        var counter = TokenCounter.CreateUnshared(encoding);
        var reference = Microsoft.ML.Tokenizers.TiktokenTokenizer.CreateForEncoding(encoding);
        for (var i = 0; i < 3000; i++)
        {
            var builder = new System.Text.StringBuilder();
            var parts = random.Next(1, 24);
            for (var k = 0; k < parts; k++)
            {
                builder.Append(fragments[random.Next(fragments.Length)]);
            }

            var text = builder.ToString();
            Assert.True(reference.CountTokens(text) == counter.CountTokens(text), $"Count differs for {JsonSerializer.Serialize(text)}.");
        }
    }

    [Theory]
    [InlineData(TokenCounter.O200kBase)]
    [InlineData(TokenCounter.Cl100kBase)]
    public void CountTokens_LongPieces_EqualsTheTokenizersOwnCount(string encoding)
    {
        // Pieces longer than a few hundred characters are merged by the O(n log n) byte-pair counter; its counts must be
        // the tokenizer's own (quadratic) ones: runs of one letter, mixed letters, accents, CJK, whitespace, punctuation.
        string[] alphabets = ["a", "ab", "abcxyz", "AaBb", "éèà", "日本語の", "\u0301e", "     ", "=-", "!?.", "😀a", "\t \n"];
        var random = new Random(77);
        var counter = TokenCounter.CreateUnshared(encoding);
        var reference = Microsoft.ML.Tokenizers.TiktokenTokenizer.CreateForEncoding(encoding);
        for (var i = 0; i < 60; i++)
        {
            var alphabet = alphabets[i % alphabets.Length];
            var builder = new System.Text.StringBuilder();
            var length = random.Next(300, 2500);
            while (builder.Length < length)
            {
                builder.Append(alphabet[random.Next(alphabet.Length)]);
            }

            var text = (i % 3 == 0 ? " " : string.Empty) + builder;
            Assert.True(reference.CountTokens(text) == counter.CountTokens(text), $"Count differs for a {text.Length}-character run of \"{alphabet}\".");
        }
    }

    [Theory]
    [InlineData(TokenCounter.O200kBase)]
    [InlineData(TokenCounter.Cl100kBase)]
    public void SpecialTokensOf_Encoding_EqualsTheTokenizersOwn(string encoding)
    {
        var reference = Microsoft.ML.Tokenizers.TiktokenTokenizer.CreateForEncoding(encoding);

        Assert.Equal(
            reference.SpecialTokens!.Keys.Order(StringComparer.Ordinal),
            FineTuning.Toolkit.Internal.Text.PieceCounter.SpecialTokensOf(encoding).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("Hello <|endoftext|> world")]
    [InlineData("<|endoftext|><|endoftext|>x")]
    [InlineData("a <|not a token|> b <|endofprompt|>")]
    [InlineData("<|")]
    public void CountTokens_SpecialTokens_EqualsTheTokenizersOwnCount(string text)
    {
        var reference = Microsoft.ML.Tokenizers.TiktokenTokenizer.CreateForEncoding(TokenCounter.O200kBase);

        Assert.Equal(reference.CountTokens(text), TokenCounter.CreateUnshared(TokenCounter.O200kBase).CountTokens(text));
    }

    [Fact]
    public async Task CountTokens_OneMegabyteWordWithNoBreak_ReturnsCount()
    {
        // The tokenizer's own merge is quadratic in the length of a piece (a 2 MB word ran for minutes): this must end.
        var word = new string('a', 1024 * 1024);
        var counter = TokenCounter.CreateUnshared(TokenCounter.O200kBase);

        var count = await Task.Run(() => counter.CountTokens(word)).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.InRange(count, 1024 * 1024 / 64, 1024 * 1024);
        Assert.Equal(count, TokenCounter.CreateUnshared(TokenCounter.O200kBase).CountTokens(word.AsSpan()));
    }

    [Fact]
    public void CountTokens_SameStringTwice_ReturnsSameCount()
    {
        var counter = TokenCounter.ForModel("gpt-4o-mini");
        var text = "You are TechFlow's helpful support assistant. " + Guid.NewGuid();

        Assert.Equal(counter.CountTokens(text), counter.CountTokens(text));
        Assert.Equal(counter.CountTokens(text.AsSpan()), counter.CountTokens(text));
    }

    [Fact]
    public void CountTokens_CachedTextsBufferIsOverwritten_CountsTheNewText()
    {
        // A text held in a buffer the caller reuses (a line's message texts) is copied when cached: once the buffer holds
        // another text, the count is the new text's.
        var counter = TokenCounter.CreateUnshared(TokenCounter.O200kBase);
        var buffer = new char[64];
        const string first = "Where can I find my invoice for March?";
        const string second = "日本語 😀 emoji and CJK, counted apart!!!";
        first.CopyTo(buffer);
        var text = new ReadOnlyMemory<char>(buffer, 0, first.Length);
        var firstCount = counter.CountTokens(text);
        Assert.Equal(firstCount, counter.CountTokens(text));
        Assert.Equal(firstCount, counter.CountTokens(text));

        second.CopyTo(buffer);

        Assert.Equal(TokenCounter.CreateUnshared(TokenCounter.O200kBase).CountTokens(second), counter.CountTokens(text));
        Assert.NotEqual(firstCount, counter.CountTokens(text));
    }

    [Fact]
    public void CountTokens_WholeStringAsMemory_EqualsTheStringsCount()
    {
        var counter = TokenCounter.CreateUnshared(TokenCounter.O200kBase);
        var prompt = "You are TechFlow's helpful support assistant. " + Guid.NewGuid();

        Assert.Equal(counter.CountTokens(prompt), counter.CountTokens(prompt.AsMemory()));
        Assert.Equal(counter.CountTokens(prompt), counter.CountTokens(prompt.AsMemory()));
        Assert.Equal(counter.CountTokens(prompt[5..]), counter.CountTokens(prompt.AsMemory(5)));
    }

    [Theory]
    [InlineData("gpt-4o-mini-2024-07-18", TokenCounter.O200kBase)]
    [InlineData("gpt-4o-2024-08-06", TokenCounter.O200kBase)]
    [InlineData("gpt-4.1-mini-2025-04-14", TokenCounter.O200kBase)]
    [InlineData("gpt-4.1-nano", TokenCounter.O200kBase)]
    [InlineData("o4-mini", TokenCounter.O200kBase)]
    [InlineData("ft:gpt-4o-mini-2024-07-18:techflow:support:abc123", TokenCounter.O200kBase)]
    [InlineData("gpt-3.5-turbo-0125", TokenCounter.Cl100kBase)]
    [InlineData("gpt-4", TokenCounter.Cl100kBase)]
    [InlineData("gpt-4-0613", TokenCounter.Cl100kBase)]
    [InlineData("gpt-4-turbo", TokenCounter.Cl100kBase)]
    [InlineData("ft:gpt-3.5-turbo-0125:org::id", TokenCounter.Cl100kBase)]
    public void GetEncodingName_KnownModels_PicksTiktokenEncoding(string model, string expected)
    {
        Assert.Equal(expected, TokenCounter.GetEncodingName(model));
        Assert.Equal(expected, TokenCounter.ForModel(model).EncodingName);
    }

    [Fact]
    public void ForModel_SameEncoding_ReturnsCachedInstance()
    {
        Assert.Same(TokenCounter.ForModel("gpt-4o-mini"), TokenCounter.ForModel("gpt-4.1"));
        Assert.NotSame(TokenCounter.ForModel("gpt-4o-mini"), TokenCounter.ForModel("gpt-3.5-turbo"));
    }

    [Fact]
    public void CountTokens_Messages_AddsCookbookOverhead()
    {
        var counter = TokenCounter.ForModel("gpt-4o-mini");
        var messages = new[]
        {
            TrainingMessage.System("You are helpful."),
            TrainingMessage.User("Hi there"),
            new TrainingMessage { Role = ChatRole.Assistant, Content = "Hello! How can I help?", Name = "bot" },
        };

        var expected = 3 // reply priming
            + (3 + counter.CountTokens("system") + counter.CountTokens("You are helpful."))
            + (3 + counter.CountTokens("user") + counter.CountTokens("Hi there"))
            + (3 + counter.CountTokens("assistant") + counter.CountTokens("Hello! How can I help?") + counter.CountTokens("bot") + 1);

        Assert.Equal(expected, counter.CountTokens(messages));
        Assert.Equal(counter.CountTokens("Hello! How can I help?"), counter.CountAssistantTokens(messages));
        Assert.Equal(expected, counter.CountTokens(new TrainingExample { Messages = messages }));
    }

    [Fact]
    public void CountTokens_HandComputedConversation_MatchesCookbookValue()
    {
        // system/user/assistant are one token each in o200k_base; "Hi" is one token: 3 + 3×(3+1) + 1 + 1 + 1.
        var counter = TokenCounter.ForModel("gpt-4o");
        var messages = new[] { TrainingMessage.System("Hi"), TrainingMessage.User("Hi"), TrainingMessage.Assistant("Hi") };

        Assert.Equal(18, counter.CountTokens(messages));
    }

    [Fact]
    public void PublicMembers_NullArguments_Throw()
    {
        var counter = TokenCounter.ForModel("gpt-4o-mini");

        Assert.Throws<ArgumentNullException>("model", () => TokenCounter.ForModel(null!));
        Assert.Throws<ArgumentNullException>("encodingName", () => TokenCounter.ForEncoding(null!));
        Assert.Throws<ArgumentNullException>("model", () => TokenCounter.GetEncodingName(null!));
        Assert.Throws<ArgumentNullException>("text", () => counter.CountTokens((string)null!));
        Assert.Throws<ArgumentNullException>("messages", () => counter.CountTokens((IEnumerable<TrainingMessage>)null!));
        Assert.Throws<ArgumentNullException>("example", () => counter.CountTokens((TrainingExample)null!));
        Assert.Throws<ArgumentNullException>("example", () => counter.CountTokens((PreferenceExample)null!));
        Assert.Throws<ArgumentNullException>("messages", () => counter.CountAssistantTokens(null!));
        Assert.Throws<ArgumentException>("encodingName", () => TokenCounter.ForEncoding("p50k_base"));
    }

    private static List<CorpusCase> LoadCorpus()
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(ValidationTestData.PathOf("tiktoken-counts.json")));
        return doc.RootElement.GetProperty("cases").EnumerateArray()
            .Select(e => new CorpusCase(e.GetProperty("text").GetString()!, e.GetProperty("o200k_base").GetInt32(), e.GetProperty("cl100k_base").GetInt32()))
            .ToList();
    }

    private sealed record CorpusCase(string Text, int O200k, int Cl100k);

    [Fact]
    public void PreloadQuietly_RanksFailToLoad_KeepsTheFailureForTheFirstCount()
    {
        // The background preload runs on a pool thread, where an exception would end the process: it must swallow the
        // failure, and the first count must still report it.
        var pieces = new FineTuning.Toolkit.Internal.Text.PieceCounter("no_such_encoding");

        TokenCounter.PreloadQuietly(pieces);

        var error = Assert.Throws<InvalidOperationException>(() => pieces.Count("hello world"));
        Assert.Contains("no_such_encoding", error.Message, StringComparison.Ordinal);
    }
}
