using Microsoft.Extensions.Logging;

namespace FineTuning.Toolkit.Validation;

/// <summary>
/// Reports <see cref="ValidationProgress"/> from the ordered aggregation step (so counts only grow): at most every
/// <see cref="BatchInterval"/> batches or <see cref="TimeInterval"/> of clock time, and once at the end. A handler that
/// throws is logged and never fails the validation.
/// </summary>
internal sealed class ValidationProgressReporter
{
    /// <summary>Report after at most this many batches.</summary>
    public const int BatchInterval = 64;

    /// <summary>Report once this much clock time has passed since the last report.</summary>
    public static readonly TimeSpan TimeInterval = TimeSpan.FromMilliseconds(250);

    private readonly IProgress<ValidationProgress> _progress;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly long _started;
    private readonly long? _totalBytes;
    private long _lastReport;
    private int _batches;
    private long _baseBytes;
    private int _baseExamples;
    private long _bytes;
    private int _examples;
    private bool _handlerFailed;

    public ValidationProgressReporter(IProgress<ValidationProgress> progress, TimeProvider timeProvider, ILogger logger, long started, long? totalBytes)
    {
        _progress = progress;
        _timeProvider = timeProvider;
        _logger = logger;
        _started = started;
        _lastReport = started;
        _totalBytes = totalBytes;
    }

    /// <summary>Records a batch aggregated in order; reports when enough batches or time have passed.</summary>
    /// <param name="bytesInPart">The bytes of the current input read through the batch.</param>
    /// <param name="examplesInPart">The examples of the current input aggregated so far.</param>
    public void OnBatch(long bytesInPart, int examplesInPart)
    {
        Update(bytesInPart, examplesInPart);
        _batches++;
        if (_batches >= BatchInterval || _timeProvider.GetElapsedTime(_lastReport) >= TimeInterval)
        {
            Report();
        }
    }

    /// <summary>Ends one input (training or validation): its final counts become the base of the next.</summary>
    public void CompletePart(long bytesInPart, int examplesInPart)
    {
        Update(bytesInPart, examplesInPart);
        _baseBytes = _bytes;
        _baseExamples = _examples;
    }

    /// <summary>Reports the final counts.</summary>
    public void Complete() => Report();

    private void Update(long bytesInPart, int examplesInPart)
    {
        _bytes = Math.Max(_bytes, _baseBytes + bytesInPart);
        _examples = Math.Max(_examples, _baseExamples + examplesInPart);
    }

    private void Report()
    {
        _batches = 0;
        var now = _timeProvider.GetTimestamp();
        _lastReport = now;
        var report = new ValidationProgress(_bytes, _totalBytes, _examples, _timeProvider.GetElapsedTime(_started, now));
        try
        {
            _progress.Report(report);
        }
        catch (Exception ex)
        {
            if (!_handlerFailed)
            {
                _handlerFailed = true;
                Log.ValidationProgressHandlerFailed(_logger, ex);
            }
        }
    }
}
