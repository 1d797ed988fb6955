namespace FineTuning.Toolkit.Datasets;

/// <summary>A <c>text</c> content part.</summary>
/// <param name="Text">The text.</param>
public sealed record TextContentPart(string Text) : ContentPart;
