using FineTuning.Toolkit.Datasets;

namespace FineTuning.Toolkit.Tests.Datasets;

public class ContentPartTests
{
    [Fact]
    public void FromText_Text_IsATextPartEqualByValue()
    {
        var part = ContentPart.FromText("hello");

        Assert.False(part.IsImage);
        Assert.Equal("hello", part.Text);
        Assert.Null(part.ImageUrl);
        Assert.Equal(ContentPart.FromText("hello"), part);
        Assert.NotEqual(ContentPart.FromText("hello!"), part);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("auto")]
    [InlineData("low")]
    [InlineData("high")]
    public void FromImageUrl_KnownDetail_IsAnImagePart(string? detail)
    {
        var part = ContentPart.FromImageUrl("https://example.com/a.png", detail);

        Assert.True(part.IsImage);
        Assert.Null(part.Text);
        Assert.Equal("https://example.com/a.png", part.ImageUrl);
        Assert.Equal(detail, part.ImageDetail);
    }

    [Theory]
    [InlineData("LOW")]
    [InlineData("medium")]
    [InlineData("")]
    public void FromImageUrl_UnknownDetail_Throws(string detail)
    {
        Assert.Throws<ArgumentException>("detail", () => ContentPart.FromImageUrl("https://example.com/a.png", detail));
    }

    [Fact]
    public void Factories_NullArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>("text", () => ContentPart.FromText(null!));
        Assert.Throws<ArgumentNullException>("url", () => ContentPart.FromImageUrl(null!));
    }
}
