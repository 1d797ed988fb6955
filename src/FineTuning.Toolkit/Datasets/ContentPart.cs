namespace FineTuning.Toolkit.Datasets;

/// <summary>
/// One part of a message whose content is a list of parts rather than a single string: a <c>text</c> part
/// (<see cref="FromText"/>) or an <c>image_url</c> part (<see cref="FromImageUrl"/>), as in OpenAI's chat format.
/// </summary>
public sealed record ContentPart
{
    private ContentPart(string? text, string? imageUrl, string? imageDetail)
    {
        Text = text;
        ImageUrl = imageUrl;
        ImageDetail = imageDetail;
    }

    /// <summary>Gets the text of a <c>text</c> part, or <see langword="null"/> for an image.</summary>
    public string? Text { get; }

    /// <summary>Gets the <c>https</c> URL or <c>data:</c> URL of an <c>image_url</c> part, or <see langword="null"/> for text.</summary>
    public string? ImageUrl { get; }

    /// <summary>Gets the requested <c>detail</c> of an image (<c>auto</c>, <c>low</c> or <c>high</c>), or <see langword="null"/> when unspecified.</summary>
    public string? ImageDetail { get; }

    /// <summary>Gets a value indicating whether this is an <c>image_url</c> part.</summary>
    public bool IsImage => ImageUrl is not null;

    /// <summary>Creates a <c>text</c> part.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The part.</returns>
    public static ContentPart FromText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new ContentPart(text, null, null);
    }

    /// <summary>Creates an <c>image_url</c> part.</summary>
    /// <param name="url">An <c>https</c> URL or a <c>data:</c> URL holding the image.</param>
    /// <param name="detail">The detail level: <c>auto</c>, <c>low</c> or <c>high</c>; <see langword="null"/> to leave it unspecified.</param>
    /// <returns>The part.</returns>
    /// <exception cref="ArgumentException"><paramref name="detail"/> is not <c>auto</c>, <c>low</c> or <c>high</c>.</exception>
    public static ContentPart FromImageUrl(string url, string? detail = null)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (detail is not (null or "auto" or "low" or "high"))
        {
            throw new ArgumentException($"Unknown image detail '{detail}' (expected auto, low or high).", nameof(detail));
        }

        return new ContentPart(null, url, detail);
    }
}
