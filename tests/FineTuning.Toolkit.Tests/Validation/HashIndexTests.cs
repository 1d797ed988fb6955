using FineTuning.Toolkit.Validation;

namespace FineTuning.Toolkit.Tests.Validation;

public class HashIndexTests
{
    [Fact]
    public void TryAdd_ManyHashes_RemembersFirstLineOfEach()
    {
        var index = new HashIndex();
        var random = new Random(7);
        var hashes = Enumerable.Range(0, 200_000).Select(_ => (ulong)random.NextInt64() * 3).Distinct().ToList();

        for (var i = 0; i < hashes.Count; i++)
        {
            Assert.True(index.TryAdd(hashes[i], i + 1, out _));
        }

        for (var i = 0; i < hashes.Count; i += 997)
        {
            Assert.False(index.TryAdd(hashes[i], 999_999, out var first));
            Assert.Equal(i + 1, first);
            Assert.True(index.TryGetLine(hashes[i], out var line));
            Assert.Equal(i + 1, line);
        }

        Assert.Equal(hashes.Count, index.Count);
        Assert.False(index.TryGetLine(1, out _));
    }

    [Fact]
    public void TryAdd_ZeroHash_IsStoredLikeAnyOther()
    {
        var index = new HashIndex();

        Assert.True(index.TryAdd(0, 3, out _));
        Assert.False(index.TryAdd(0, 9, out var first));
        Assert.Equal(3, first);
    }
}
