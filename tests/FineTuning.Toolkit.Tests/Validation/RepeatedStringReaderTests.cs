using System.Text.Json;
using FineTuning.Toolkit.Validation;

namespace FineTuning.Toolkit.Tests.Validation;

public class RepeatedStringReaderTests
{
    [Fact]
    public void Read_SameValueOnAnotherLine_ReturnsTheSameInstance()
    {
        var reader = new RepeatedStringReader();
        using var first = JsonDocument.Parse("\"You are TechFlow's helpful support assistant.\"");
        using var second = JsonDocument.Parse("\"You are TechFlow's helpful support assistant.\"");

        var a = reader.Read(first.RootElement);
        var b = reader.Read(second.RootElement);

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
            using var document = JsonDocument.Parse("\"" + values[i] + "\"");
            Assert.Equal(expected[i], reader.Read(document.RootElement));
        }
    }
}
