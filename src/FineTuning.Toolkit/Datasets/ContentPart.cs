namespace FineTuning.Toolkit.Datasets;

/// <summary>One part of a message whose content is a list of parts rather than a single string.</summary>
/// <remarks>The concrete parts are <see cref="TextContentPart"/> and <see cref="ImageContentPart"/>.</remarks>
public abstract record ContentPart
{
    private protected ContentPart()
    {
    }
}
