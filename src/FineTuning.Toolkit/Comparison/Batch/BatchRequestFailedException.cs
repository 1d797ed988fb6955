namespace FineTuning.Toolkit.Comparison.Batch;

/// <summary>A request that its batch returned as failed or expired; the comparer records it as the error of its case (never retried as transient).</summary>
internal sealed class BatchRequestFailedException : Exception
{
    public BatchRequestFailedException()
    {
    }

    public BatchRequestFailedException(string message)
        : base(message)
    {
    }

    public BatchRequestFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
