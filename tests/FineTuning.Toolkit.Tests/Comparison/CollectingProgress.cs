using FineTuning.Toolkit.Comparison;

namespace FineTuning.Toolkit.Tests.Comparison;

/// <summary>A synchronous <see cref="IProgress{T}"/> that keeps every report.</summary>
internal sealed class CollectingProgress : IProgress<ComparisonProgress>
{
    private readonly List<ComparisonProgress> _reports = [];

    public IReadOnlyList<ComparisonProgress> Reports
    {
        get
        {
            lock (_reports)
            {
                return [.. _reports];
            }
        }
    }

    public void Report(ComparisonProgress value)
    {
        lock (_reports)
        {
            _reports.Add(value);
        }
    }
}
