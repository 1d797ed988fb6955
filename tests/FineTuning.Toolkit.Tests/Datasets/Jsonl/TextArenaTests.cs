using FineTuning.Toolkit.Datasets.Jsonl;

namespace FineTuning.Toolkit.Tests.Datasets.Jsonl;

public class TextArenaTests
{
    [Fact]
    public void Commit_SeveralTexts_EachKeepsItsCharacters()
    {
        var arena = new TextArena();

        var first = Put(arena, "first text");
        var second = Put(arena, "second");

        Assert.Equal("first text", first.ToString());
        Assert.Equal("second", second.ToString());
    }

    [Fact]
    public void Reserve_PastTheBuffer_LeavesEarlierTextsIntact()
    {
        var arena = new TextArena();
        var early = Put(arena, "kept while the line is read");

        var big = Put(arena, new string('x', TextArena.InitialLength * 3));

        Assert.Equal("kept while the line is read", early.ToString());
        Assert.Equal(TextArena.InitialLength * 3, big.Length);
    }

    [Fact]
    public void Reset_AfterALongLine_LetsTheLargeBufferGo()
    {
        var arena = new TextArena();
        var huge = Put(arena, new string('y', TextArena.KeptLength + 1));

        arena.Reset();
        var next = Put(arena, "short");

        Assert.NotSame(ArrayOf(huge), ArrayOf(next));
        Assert.Equal('y', huge.Span[^1]);
    }

    [Fact]
    public void Reset_OrdinaryLine_ReusesTheBuffer()
    {
        var arena = new TextArena();
        var first = Put(arena, "line one");

        arena.Reset();
        var second = Put(arena, "line two");

        Assert.Same(ArrayOf(first), ArrayOf(second));
    }

    [Fact]
    public void ToString_WholeString_ReturnsTheSameInstance()
    {
        var prompt = "You are TechFlow's support assistant.";

        Assert.Same(prompt, TextArena.ToString(prompt.AsMemory()));
        Assert.Equal("TechFlow", TextArena.ToString(prompt.AsMemory(8, 8)));
        Assert.Equal(string.Empty, TextArena.ToString(default));
    }

    private static ReadOnlyMemory<char> Put(TextArena arena, string text)
    {
        text.AsSpan().CopyTo(arena.Reserve(text.Length));
        return arena.Commit(text.Length);
    }

    private static char[] ArrayOf(ReadOnlyMemory<char> text) =>
        System.Runtime.InteropServices.MemoryMarshal.TryGetArray(text, out var segment) ? segment.Array! : throw new InvalidOperationException("not an array");
}
