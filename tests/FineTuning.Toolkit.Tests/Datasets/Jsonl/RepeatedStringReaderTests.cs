using System.Text;
using System.Text.Json;
using FineTuning.Toolkit.Datasets.Jsonl;

namespace FineTuning.Toolkit.Tests.Datasets.Jsonl;

public class RepeatedStringReaderTests
{
    [Fact]
    public void Read_SameValueOnAnotherLine_ReturnsTheSameInstance()
    {
        var reader = new RepeatedStringReader();

        var a = Read(reader, "\"You are TechFlow's helpful support assistant.\"");
        var b = Read(reader, "\"You are TechFlow's helpful support assistant.\"");

        Assert.Equal("You are TechFlow's helpful support assistant.", a);
        Assert.Same(a, b);
    }

    [Fact]
    public void Read_DifferentValues_ReturnsEachValue()
    {
        var reader = new RepeatedStringReader();
        string[] values = ["first prompt", "second prompt", "first prompt", "third \\u00e9 prompt", "second prompt"];
        string[] expected = ["first prompt", "second prompt", "first prompt", "third é prompt", "second prompt"];

        for (var i = 0; i < values.Length; i++)
        {
            Assert.Equal(expected[i], Read(reader, "\"" + values[i] + "\""));
        }
    }

    [Fact]
    public void Read_EscapedLoneSurrogate_ReturnsNull()
    {
        Assert.Null(Read(new RepeatedStringReader(), "\"\\ud800\""));
    }

    private static string? Read(RepeatedStringReader strings, string json)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();
        return strings.Read(ref reader);
    }
}
