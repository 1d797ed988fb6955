using System.Globalization;
using FineTuning.Toolkit.Jobs;
using Spectre.Console;

namespace FineTuning.Toolkit.Cli.Output;

/// <summary>
/// Shows a job's progress: a live bar with status, step, loss and ETA on a terminal; one line per change of stage or
/// status (and per tenth of the steps) when the output is a log.
/// </summary>
internal sealed class JobProgressView
{
    private readonly CliHost _host;
    private readonly bool _quiet;
    private string? _lastLine;
    private double _lastPrintedFraction = -1;

    public JobProgressView(CliHost host, bool quiet = false)
    {
        _host = host;
        _quiet = quiet;
    }

    /// <summary>Gets the job id once the service has given one.</summary>
    public string? JobId { get; private set; }

    public async Task<T> RunAsync<T>(string title, Func<IProgress<FineTuneProgress>, Task<T>> work)
    {
        if (_quiet)
        {
            return await work(new SyncProgress<FineTuneProgress>(p => JobId = p.JobId ?? JobId));
        }

        if (!_host.Interactive)
        {
            return await work(new SyncProgress<FineTuneProgress>(PrintLine));
        }

        T result = default!;
        await _host.Console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape(title), maxValue: 100);
                result = await work(new SyncProgress<FineTuneProgress>(p =>
                {
                    JobId = p.JobId ?? JobId;
                    task.Description = Markup.Escape(Describe(p));
                    if (p.Fraction is { } fraction)
                    {
                        task.Value = fraction * 100;
                    }
                }));
                task.Value = task.MaxValue;
            });
        return result;
    }

    private void PrintLine(FineTuneProgress progress)
    {
        JobId = progress.JobId ?? JobId;
        var line = Describe(progress);
        var fraction = progress.Fraction ?? 0;
        var stageOrStatus = $"{progress.Stage}/{progress.Status?.Value}";
        if (_lastLine is not null && _lastLine.StartsWith(stageOrStatus, StringComparison.Ordinal) && fraction - _lastPrintedFraction < 0.1)
        {
            return;
        }

        _lastLine = stageOrStatus + line;
        _lastPrintedFraction = fraction;
        _host.Out.WriteLine(line);
    }

    internal static string Describe(FineTuneProgress p)
    {
        var c = CultureInfo.InvariantCulture;
        var parts = new List<string> { p.Status?.Value ?? p.Stage.ToString().ToLowerInvariant() };
        if (p.JobId is not null)
        {
            parts.Insert(0, p.JobId);
        }

        if (p.Step is { } step && p.TotalSteps is { } total)
        {
            parts.Add(string.Create(c, $"step {step}/{total}"));
        }

        if (p.TrainLoss is { } loss)
        {
            parts.Add(string.Create(c, $"loss {loss:0.000}"));
        }

        if (p.ValidationLoss is { } validationLoss)
        {
            parts.Add(string.Create(c, $"val {validationLoss:0.000}"));
        }

        if (p.EstimatedTimeRemaining is { } eta && eta > TimeSpan.Zero)
        {
            parts.Add("ETA " + (eta.TotalHours >= 1 ? eta.ToString(@"h\:mm\:ss", c) : eta.ToString(@"m\:ss", c)));
        }

        if (p.JobId is null && !string.IsNullOrEmpty(p.Message))
        {
            parts.Add(p.Message);
        }

        return string.Join("  ", parts);
    }
}
