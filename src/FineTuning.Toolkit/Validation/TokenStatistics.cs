namespace FineTuning.Toolkit.Validation;

/// <summary>Token statistics of a dataset (per epoch), counted exactly with the model's tokenizer.</summary>
/// <remarks>
/// The per-example distributions (min, max, mean, median, P5, P95) are in the report's text, Markdown and JSON forms.
/// </remarks>
/// <param name="Total">The tokens of all examples.</param>
/// <param name="Billable">The tokens billed per epoch: Σ min(limit, tokens of each example).</param>
internal sealed record TokenStatistics(long Total, long Billable)
{
    internal TokenStatistics(
        long total,
        long billable,
        DistributionStatistics perExample,
        DistributionStatistics assistantPerExample,
        DistributionStatistics messagesPerExample)
        : this(total, billable)
    {
        PerExample = perExample;
        AssistantPerExample = assistantPerExample;
        MessagesPerExample = messagesPerExample;
    }

    /// <summary>Gets the statistics of an empty dataset.</summary>
    public static TokenStatistics Empty { get; } = new(0, 0);

    /// <summary>Gets the tokens per example.</summary>
    internal DistributionStatistics PerExample { get; } = DistributionStatistics.Empty;

    /// <summary>Gets the assistant-content tokens per example (what the model learns from).</summary>
    internal DistributionStatistics AssistantPerExample { get; } = DistributionStatistics.Empty;

    /// <summary>Gets the messages per example.</summary>
    internal DistributionStatistics MessagesPerExample { get; } = DistributionStatistics.Empty;
}
