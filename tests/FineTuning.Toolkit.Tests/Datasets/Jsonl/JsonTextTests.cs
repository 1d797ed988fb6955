using System.Text.Json;
using FineTuning.Toolkit.Datasets.Jsonl;

namespace FineTuning.Toolkit.Tests.Datasets.Jsonl;

public class JsonTextTests
{
    [Theory]
    [InlineData("{\"city\":\"Paris\"}", JsonTokenType.StartObject)]
    [InlineData(" [1, {\"a\": null}] ", JsonTokenType.StartArray)]
    [InlineData("\"text\"", JsonTokenType.String)]
    [InlineData("42", JsonTokenType.Number)]
    public void RootKind_ValidJson_ReturnsTheRootToken(string text, JsonTokenType expected)
    {
        Assert.Equal(expected, JsonText.RootKind(text, 64, out var error));
        Assert.Null(error);
    }

    [Theory]
    [InlineData("not json", "'not json' is an invalid JSON literal")]
    [InlineData("{} x", "'x' is invalid after a single JSON value")]
    [InlineData("", "The input does not contain any JSON tokens")]
    public void RootKind_InvalidJson_ReturnsTheReadersMessage(string text, string start)
    {
        Assert.Equal(JsonTokenType.None, JsonText.RootKind(text, 64, out var error));
        Assert.StartsWith(start, error, StringComparison.Ordinal);
    }

    [Fact]
    public void RootKind_DeeperThanTheLimit_IsAnErrorNotAStackOverflow()
    {
        var deep = new string('[', 100_000) + new string(']', 100_000);

        Assert.Equal(JsonTokenType.None, JsonText.RootKind(deep, 64, out var error));
        Assert.NotNull(error);
    }
}
