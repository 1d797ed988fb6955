namespace FineTuning.Toolkit.Validation;

/// <summary>Token statistics of a dataset (per epoch), counted exactly with the model's tokenizer.</summary>
/// <param name="Total">The tokens of all examples.</param>
/// <param name="Billable">The tokens billed per epoch: Σ min(limit, tokens of each example).</param>
/// <param name="PerExample">Tokens per example.</param>
/// <param name="AssistantPerExample">Assistant-content tokens per example (what the model learns from).</param>
/// <param name="MessagesPerExample">Messages per example.</param>
public sealed record TokenStatistics(
    long Total,
    long Billable,
    DistributionStatistics PerExample,
    DistributionStatistics AssistantPerExample,
    DistributionStatistics MessagesPerExample)
{
    /// <summary>Gets the statistics of an empty dataset.</summary>
    public static TokenStatistics Empty { get; } =
        new(0, 0, DistributionStatistics.Empty, DistributionStatistics.Empty, DistributionStatistics.Empty);
}
