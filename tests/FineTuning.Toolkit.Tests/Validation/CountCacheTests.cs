using System.Text;
using FineTuning.Toolkit.Internal.Text;
using FineTuning.Toolkit.Validation;

namespace FineTuning.Toolkit.Tests.Validation;

public class CountCacheTests
{
    [Fact]
    public void TryGet_FirstAndSecondSightings_AreNotCached()
    {
        var cache = new CountCache();
        var hash = CountCache.Hash("hello");

        cache.Add("hello", hash, 1);
        Assert.False(cache.TryGet("hello", hash, out _));
        cache.Add("hello", hash, 1);
        Assert.False(cache.TryGet("hello", hash, out _));
    }

    [Fact]
    public void TryGet_ThirdSighting_ReturnsTheCount()
    {
        var cache = new CountCache();
        var hash = CountCache.Hash(" Kalomiren");

        Offer(cache, " Kalomiren", hash, 3);

        Assert.True(cache.TryGet(" Kalomiren", hash, out var count));
        Assert.Equal(3, count);
    }

    [Fact]
    public void Add_AnotherTextInBetween_StartsTheSightingsAgain()
    {
        // The sightings table remembers one text per slot: sightings of another text in that slot in between start over.
        var cache = new CountCache(slotBits: 1);
        var hash = 0x1235;
        var other = 0x2469;
        Assert.Equal(Slot(hash), Slot(other));

        cache.Add("first", hash, 1);
        cache.Add("first", hash, 1);
        cache.Add("other", other, 2);
        cache.Add("first", hash, 1);

        Assert.False(cache.TryGet("first", hash, out _));
    }

    [Fact]
    public void Add_SlotHoldsAnEntryUsedSinceItWasCached_KeepsItOnce()
    {
        // Second chance: an entry read since it was cached survives the next admission into its slot, and only that one.
        var cache = new CountCache(slotBits: 1);
        var hot = 0x1235;
        var rare = 0x2469;
        Assert.Equal(Slot(hot), Slot(rare));
        Offer(cache, "hot", hot, 1);
        Assert.True(cache.TryGet("hot", hot, out _));

        Offer(cache, "rare", rare, 2);
        Assert.True(cache.TryGet("hot", hot, out _));
        Assert.False(cache.TryGet("rare", rare, out _));

        Offer(cache, "rare", rare, 2);
        Assert.True(cache.TryGet("rare", rare, out var count));
        Assert.Equal(2, count);
        Assert.False(cache.TryGet("hot", hot, out _));
    }

    [Fact]
    public void Add_SlotHoldsAnUnusedEntry_ReplacesIt()
    {
        var cache = new CountCache(slotBits: 1);
        var cold = 0x1235;
        var next = 0x2469;
        Assert.Equal(Slot(cold), Slot(next));
        Offer(cache, "cold", cold, 1);

        Offer(cache, "next", next, 2);

        Assert.True(cache.TryGet("next", next, out _));
        Assert.False(cache.TryGet("cold", cold, out _));
    }

    [Fact]
    public void TryGet_OtherPieceWithTheSameHash_IsNotAHit()
    {
        // An entry is used only for the very piece it holds: a piece with the same hash (same slot) must miss.
        var cache = new CountCache();
        var hash = CountCache.Hash("abc");
        Offer(cache, "abc", hash, 1);

        Assert.False(cache.TryGet("abd", hash, out _));
        Assert.False(cache.TryGet("ab", hash, out _));
        Assert.True(cache.TryGet("abc", hash, out _));
    }

    [Fact]
    public void Hash_IsNeverZero_AndDependsOnEveryCharacter()
    {
        Assert.NotEqual(0, CountCache.Hash(string.Empty));
        Assert.NotEqual(CountCache.Hash("ab"), CountCache.Hash("ba"));
        Assert.NotEqual(CountCache.Hash("日本"), CountCache.Hash("日本語"));
    }

    [Theory]
    [InlineData(TokenCounter.O200kBase)]
    [InlineData(TokenCounter.Cl100kBase)]
    public void CountTokens_ColdAdmittedAndCached_EqualTheTokenizersOwnCount(string encoding)
    {
        // Every text is counted three times by one counter: with an empty cache, when its pieces are admitted, and when
        // they are read from the cache. All three must be the tokenizer's own count: the cache only saves work.
        var reference = Microsoft.ML.Tokenizers.TiktokenTokenizer.CreateForEncoding(encoding);
        var counter = new PieceCounter(encoding);
        foreach (var text in Texts(new Random(2024), 400))
        {
            var expected = reference.CountTokens(text);
            for (var pass = 0; pass < 3; pass++)
            {
                Assert.True(expected == counter.Count(text), $"Pass {pass} differs for {System.Text.Json.JsonSerializer.Serialize(text)}.");
            }
        }
    }

    [Fact]
    public async Task CountTokens_SharedCounterOnManyThreads_EqualsTheTokenizersOwnCount()
    {
        var reference = Microsoft.ML.Tokenizers.TiktokenTokenizer.CreateForEncoding(TokenCounter.O200kBase);
        var texts = Texts(new Random(7), 300).ToArray();
        var expected = texts.Select(t => reference.CountTokens(t)).ToArray();
        var counter = new PieceCounter(TokenCounter.O200kBase);

        var workers = Enumerable.Range(0, 4).Select(worker => Task.Run(() =>
        {
            for (var round = 0; round < 5; round++)
            {
                for (var i = 0; i < texts.Length; i++)
                {
                    var index = (i + (worker * 37)) % texts.Length;
                    Assert.Equal(expected[index], counter.Count(texts[index]));
                }
            }
        }));

        await Task.WhenAll(workers);
    }

    [Fact]
    public void Rank_Table_FindsShortAndLongTokensAndNothingElse()
    {
        byte[][] tokens = [[(byte)'a'], [(byte)'a', (byte)'b'], [0, 0], [0], "abcdefgh"u8.ToArray(), "abcdefghi"u8.ToArray(), "an even longer token"u8.ToArray()];
        var table = RankTable.Build(tokens.SelectMany(t => t).ToArray(), tokens.Select(t => t.Length).ToArray(), Enumerable.Range(10, tokens.Length).ToArray());

        for (var i = 0; i < tokens.Length; i++)
        {
            Assert.Equal(10 + i, table.Rank(tokens[i]));
        }

        Assert.Equal(RankTable.NoRank, table.Rank("b"u8));
        Assert.Equal(RankTable.NoRank, table.Rank([0, 0, 0]));
        Assert.Equal(RankTable.NoRank, table.Rank("abcdefg"u8));
        Assert.Equal(RankTable.NoRank, table.Rank("abcdefghj"u8));
        Assert.Equal(tokens.Length, table.Count);
    }

    [Theory]
    [InlineData(TokenCounter.O200kBase, 199_000)]
    [InlineData(TokenCounter.Cl100kBase, 100_000)]
    public void Load_Encoding_ReadsEveryToken(string encoding, int atLeast)
    {
        var table = TiktokenRanks.Load(encoding);

        Assert.InRange(table.Count, atLeast, atLeast + 1_500);
        Assert.Equal(0, table.Rank("!"u8));
    }

    // Offers a text as often as the cache wants to see it before it caches it.
    private static void Offer(CountCache cache, string text, int hash, int count)
    {
        for (var sighting = 0; sighting < 3; sighting++)
        {
            cache.Add(text, hash, count);
        }
    }

    // The slot of a hash in a cache of two slots (the cache's own multiplicative mapping: the top bit of hash × 0x9E3779B9).
    private static int Slot(int hash) => (int)(((uint)hash * 0x9E3779B9u) >> 31);

    // Varied texts: words from made-up syllables, numbers, punctuation, accents, CJK, emoji, long unbroken runs (longer
    // than the longest cached piece) and repeated words (so that pieces are admitted and then read from the cache).
    private static IEnumerable<string> Texts(Random random, int count)
    {
        string[] syllables = ["ka", "lo", "mi", "ren", "Tas", "VO", "qui", "zél", "straße", "日本", "語", "😀", "🔐", "ñ", "'s", "'LL"];
        string[] separators = [" ", "  ", ", ", ". ", "\n", "\r\n", "\t", "-", "/", " (", ") ", "$", " 1234567 ", " 42.5 ", "!?"];
        for (var i = 0; i < count; i++)
        {
            var builder = new StringBuilder();
            var words = random.Next(1, 30);
            for (var w = 0; w < words; w++)
            {
                var syllableCount = random.Next(1, i % 10 == 0 ? 40 : 5);
                for (var s = 0; s < syllableCount; s++)
                {
                    builder.Append(syllables[random.Next(syllables.Length)]);
                }

                builder.Append(separators[random.Next(separators.Length)]);
            }

            yield return builder.ToString();
        }
    }
}
