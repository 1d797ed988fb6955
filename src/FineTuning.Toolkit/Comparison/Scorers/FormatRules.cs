namespace FineTuning.Toolkit.Comparison.Scorers;

/// <summary>The configurable rules of <see cref="FormatComplianceScorer"/>; the defaults describe the lab's TechFlow format.</summary>
public sealed class FormatRules
{
    /// <summary>Gets or sets whether at least one bold heading (<c>**Quick Steps:**</c>) or Markdown heading is required.</summary>
    /// <value>Defaults to <see langword="true"/>.</value>
    public bool RequireBoldHeading { get; set; } = true;

    /// <summary>Gets or sets whether numbered steps are required.</summary>
    /// <value>Defaults to <see langword="false"/> (not every answer is a procedure, for example pricing).</value>
    public bool RequireNumberedSteps { get; set; }

    /// <summary>Gets or sets the minimum number of numbered steps when <see cref="RequireNumberedSteps"/> is set.</summary>
    /// <value>Defaults to 2.</value>
    public int MinimumNumberedSteps { get; set; } = 2;

    /// <summary>Gets or sets whether the last line must offer a next step (<c>**Need more help?** Let me know...</c>).</summary>
    /// <value>Defaults to <see langword="true"/>.</value>
    public bool RequireClosingNextStep { get; set; } = true;

    /// <summary>Gets or sets whether at least one emoji is required.</summary>
    /// <value>Defaults to <see langword="true"/>.</value>
    public bool RequireEmoji { get; set; } = true;

    /// <summary>Gets or sets the minimum length in characters.</summary>
    /// <value>Defaults to 50 (the lab's "very short response" threshold).</value>
    public int MinimumLength { get; set; } = 50;

    /// <summary>Gets or sets the maximum length in characters ("concise").</summary>
    /// <value>Defaults to 1,200.</value>
    public int MaximumLength { get; set; } = 1200;

    /// <summary>Gets or sets whether a Markdown heading (<c>#</c> to <c>######</c>) counts as a heading, besides a bold line.</summary>
    /// <value>Defaults to <see langword="true"/>.</value>
    public bool AllowMarkdownHeadings { get; set; } = true;

    /// <summary>Gets or sets whether a heading may be preceded on its line by emoji (as in "📊 **Export report**").</summary>
    /// <value>Defaults to <see langword="true"/>.</value>
    public bool AllowEmojiBeforeHeading { get; set; } = true;
}
