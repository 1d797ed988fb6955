using System.Globalization;
using System.Text;
using FineTuning.Toolkit.Jobs;

namespace TechFlow.SupportAssistant;

/// <summary>
/// Shows a fine-tuning job's progress. On a terminal it redraws one line (bar, step, loss, ETA); when the output is
/// redirected (CI logs, files) it writes plain lines instead: every stage change and every 25% of the training steps.
/// The ETA is shown only live: the emulator's estimate is in its simulated minutes, not in the seconds a run takes.
/// </summary>
internal sealed class TrainingProgressBar : IProgress<FineTuneProgress>
{
    private const int BarWidth = 24;
    private readonly TextWriter _output;
    private readonly bool _interactive;
    private readonly bool _showEta;
    private readonly Lock _gate = new();
    private FineTuneStage? _lastStage;
    private string? _lastStatus;
    private int _lastQuarter = -1;
    private int _lastWidth;
    private bool _lineOpen;

    public TrainingProgressBar(TextWriter output, bool interactive, bool showEta)
    {
        _output = output;
        _interactive = interactive;
        _showEta = showEta;
    }

    /// <summary>Gets the last training loss reported, if any.</summary>
    public double? LastTrainLoss { get; private set; }

    public void Report(FineTuneProgress value)
    {
        lock (_gate)
        {
            if (value.TrainLoss is { } loss)
            {
                LastTrainLoss = loss;
            }

            var status = value.Status?.ToString();
            var stageChanged = value.Stage != _lastStage || !string.Equals(status, _lastStatus, StringComparison.Ordinal);
            _lastStage = value.Stage;
            _lastStatus = status;

            if (value.Stage == FineTuneStage.Training && value.Fraction is { } fraction)
            {
                var line = TrainingLine(value, fraction);
                if (_interactive)
                {
                    Redraw(line);
                }
                else
                {
                    var quarter = (int)Math.Floor(fraction * 4);
                    if (quarter != _lastQuarter)
                    {
                        _lastQuarter = quarter;
                        WriteLine(line);
                    }
                }

                return;
            }

            if (stageChanged)
            {
                WriteLine(StageLine(value));
            }
        }
    }

    /// <summary>Ends the redrawn line, if one is open, so the next output starts on a fresh line.</summary>
    public void Complete()
    {
        lock (_gate)
        {
            if (_lineOpen)
            {
                _output.WriteLine();
                _lineOpen = false;
                _lastWidth = 0;
            }
        }
    }

    private static string StageLine(FineTuneProgress value)
    {
        var stage = value.Stage switch
        {
            FineTuneStage.Validating => "validating the dataset",
            FineTuneStage.Uploading => "uploading",
            FineTuneStage.ProcessingFiles => "waiting for the files to be processed",
            FineTuneStage.CreatingJob => "creating the job",
            FineTuneStage.Training => "training",
            FineTuneStage.Completed => "finished",
            _ => value.Stage.ToString(),
        };
        var text = new StringBuilder("   · ").Append(stage);
        if (value.Status is { } status)
        {
            text.Append(" (").Append(status).Append(')');
        }

        if (!string.IsNullOrWhiteSpace(value.Message))
        {
            text.Append(" — ").Append(value.Message);
        }

        return text.ToString();
    }

    private string TrainingLine(FineTuneProgress value, double fraction)
    {
        var filled = (int)Math.Round(fraction * BarWidth);
        var text = new StringBuilder("   [")
            .Append('█', filled)
            .Append('░', BarWidth - filled)
            .Append("] ")
            .Append(string.Create(CultureInfo.InvariantCulture, $"{fraction * 100,3:0}%"));
        if (value.Step is { } step && value.TotalSteps is { } total)
        {
            text.Append(CultureInfo.InvariantCulture, $"  step {step}/{total}");
        }

        if (value.TrainLoss is { } loss)
        {
            text.Append(CultureInfo.InvariantCulture, $"  loss {loss:0.0000}");
        }

        if (value.ValidationLoss is { } validationLoss)
        {
            text.Append(CultureInfo.InvariantCulture, $"  val {validationLoss:0.0000}");
        }

        if (_showEta && value.EstimatedTimeRemaining is { } eta && fraction < 1)
        {
            text.Append(CultureInfo.InvariantCulture, $"  ETA {(int)eta.TotalMinutes}:{eta.Seconds:00}");
        }

        return text.ToString();
    }

    private void Redraw(string line)
    {
        var padding = Math.Max(0, _lastWidth - line.Length);
        _output.Write('\r');
        _output.Write(line);
        _output.Write(new string(' ', padding));
        _output.Flush();
        _lastWidth = line.Length;
        _lineOpen = true;
    }

    private void WriteLine(string line)
    {
        if (_lineOpen)
        {
            _output.WriteLine();
            _lineOpen = false;
            _lastWidth = 0;
        }

        _output.WriteLine(line);
    }
}
