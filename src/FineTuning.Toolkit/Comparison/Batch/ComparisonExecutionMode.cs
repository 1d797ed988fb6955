namespace FineTuning.Toolkit.Comparison.Batch;

/// <summary>How a comparison asks a model its questions.</summary>
public enum ComparisonExecutionMode
{
    /// <summary>One live chat request per case, with bounded concurrency and retries.</summary>
    Live = 0,

    /// <summary>
    /// All of the model's requests through the provider's Batch API (<c>/v1/batches</c>): written as JSONL, uploaded,
    /// processed within 24 hours at the batch price, then scored exactly as live answers are.
    /// </summary>
    Batch = 1,
}
