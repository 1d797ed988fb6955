namespace FineTuning.Toolkit.Comparison.Statistics;

/// <summary>Latency, tokens and cost of one model over a comparison.</summary>
/// <param name="Model">The model.</param>
/// <param name="Answers">Answers (including cached and resumed ones).</param>
/// <param name="FailedCalls">Model calls that failed after all retries.</param>
/// <param name="LatencyP50Milliseconds">Median latency.</param>
/// <param name="LatencyP95Milliseconds">95th percentile latency.</param>
/// <param name="InputTokens">Input tokens reported by the model.</param>
/// <param name="OutputTokens">Output tokens reported by the model.</param>
/// <param name="Cost">The cost from the model's pricing, or <see langword="null"/> when no pricing was given.</param>
public sealed record ModelUsage(string Model, int Answers, int FailedCalls, double LatencyP50Milliseconds, double LatencyP95Milliseconds, long InputTokens, long OutputTokens, decimal? Cost)
{
    /// <summary>Gets the median time to the first token in milliseconds, when answers were streamed.</summary>
    public double? TimeToFirstTokenP50Milliseconds { get; init; }

    /// <summary>Gets the median output tokens per second after the first token, when answers were streamed with usage.</summary>
    public double? OutputTokensPerSecondP50 { get; init; }
}
