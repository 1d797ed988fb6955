using FineTuning.Toolkit.Validation;

namespace FineTuning.Toolkit.Tests.Validation;

/// <summary>A synchronous progress handler that records every report (unlike <see cref="Progress{T}"/>, which posts).</summary>
internal sealed class RecordingProgress : IProgress<ValidationProgress>
{
    private readonly List<ValidationProgress> _reports = [];
    private readonly Action<ValidationProgress>? _onReport;

    public RecordingProgress(Action<ValidationProgress>? onReport = null)
    {
        _onReport = onReport;
    }

    public IReadOnlyList<ValidationProgress> Reports
    {
        get
        {
            lock (_reports)
            {
                return [.. _reports];
            }
        }
    }

    public void Report(ValidationProgress value)
    {
        lock (_reports)
        {
            _reports.Add(value);
        }

        _onReport?.Invoke(value);
    }
}
