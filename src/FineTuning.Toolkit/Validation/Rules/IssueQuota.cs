namespace FineTuning.Toolkit.Validation.Rules;

/// <summary>
/// How many issues of one code a dataset-wide check still lists one by one: the first
/// <see cref="ValidationOptions.MaxIssuesPerCode"/>, as the report keeps; past that, issues are only counted (and their
/// messages never built), so that a file of a million duplicates costs no more memory than one of a hundred.
/// </summary>
/// <param name="code">The issue code.</param>
/// <param name="severity">Its severity.</param>
/// <param name="options">The options (for <see cref="ValidationOptions.MaxIssuesPerCode"/>).</param>
internal sealed class IssueQuota(string code, ValidationSeverity severity, ValidationOptions options)
{
    private int _listed;
    private int _unlisted;

    /// <summary>Takes a place for one more listed issue.</summary>
    /// <returns><see langword="true"/> when the issue is to be built and reported; otherwise it has been counted.</returns>
    public bool TryList()
    {
        if (_listed < options.MaxIssuesPerCode)
        {
            _listed++;
            return true;
        }

        _unlisted++;
        return false;
    }

    /// <summary>Adds the issues counted but not listed to the report's totals.</summary>
    /// <param name="state">The totals of the run.</param>
    public void Complete(DatasetState state) => state.CountUnlisted(code, severity, _unlisted);
}
