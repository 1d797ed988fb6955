namespace FineTuning.Toolkit.Datasets;

/// <summary>An <c>image_url</c> content part: an <c>https</c> URL or a <c>data:</c> URL holding the image.</summary>
/// <param name="Url">The image URL or data URL.</param>
/// <param name="Detail">The requested detail level, or <see langword="null"/> to leave it unspecified.</param>
public sealed record ImageContentPart(string Url, ImageDetail? Detail = null) : ContentPart;
