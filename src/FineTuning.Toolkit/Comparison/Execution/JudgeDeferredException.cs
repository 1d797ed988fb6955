namespace FineTuning.Toolkit.Comparison.Execution;

/// <summary>A judge request was collected for the judge batch; the verdict comes once the batch has run.</summary>
internal sealed class JudgeDeferredException : Exception
{
    public JudgeDeferredException()
        : base("the judge's verdict is deferred to the judge batch")
    {
    }

    public JudgeDeferredException(string message)
        : base(message)
    {
    }

    public JudgeDeferredException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
