namespace FineTuning.Toolkit.Datasets;

/// <summary>The <c>detail</c> level of an <see cref="ImageContentPart"/>.</summary>
public enum ImageDetail
{
    /// <summary><c>auto</c>: the service chooses.</summary>
    Auto,

    /// <summary><c>low</c>: a low-resolution rendering.</summary>
    Low,

    /// <summary><c>high</c>: a high-resolution rendering.</summary>
    High,
}
