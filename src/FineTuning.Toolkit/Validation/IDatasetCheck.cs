namespace FineTuning.Toolkit.Validation;

/// <summary>A built-in check over the whole dataset: it observes every example in order, then reports (one per file under <c>Rules/</c>).</summary>
internal interface IDatasetCheck
{
    /// <summary>Observes one example's result, in file order; may report issues about it.</summary>
    /// <param name="result">The result.</param>
    /// <param name="report">Where to report issues.</param>
    void Observe(in LineResult result, Action<ValidationIssue> report);

    /// <summary>Reports the issues found once every example has been observed.</summary>
    /// <param name="state">The totals.</param>
    /// <param name="report">Where to report issues.</param>
    void Complete(DatasetState state, Action<ValidationIssue> report);
}
