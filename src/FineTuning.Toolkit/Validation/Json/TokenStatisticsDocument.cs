namespace FineTuning.Toolkit.Validation.Json;

/// <summary>The JSON shape of the token statistics.</summary>
internal sealed record TokenStatisticsDocument(
    long Total, long Billable, DistributionDocument PerExample, DistributionDocument AssistantPerExample, DistributionDocument MessagesPerExample);
