using FineTuning.Toolkit.Comparison.Reports;
using FineTuning.Toolkit.Comparison.Results;
using FineTuning.Toolkit.Comparison.Scorers;
using FineTuning.Toolkit.Comparison.Statistics;
using FineTuning.Toolkit.Jobs;

namespace FineTuning.Toolkit.Comparison;

/// <summary>
/// The outcome of a comparison: every answer with its scores, per-criterion pass rates with Wilson 95% intervals over
/// independent cases (repeats of a case are one unit), paired McNemar tests over cases, pairwise win rates,
/// latency/tokens/cost, regressions against the baseline and the success gates. Write it with an <see cref="IReportWriter"/> (<see cref="WriteAsync(IReportWriter, string, CancellationToken)"/>): HTML, Markdown (pull requests) or JSON.
/// </summary>
public sealed class ComparisonReport
{
    private readonly Dictionary<(string Model, string Criterion), CriterionSummary> _summaries;
    private readonly CaseResultStore _store;
    private readonly LazyList<AnswerFacts> _facts;

    internal ComparisonReport(
        TestSuite suite,
        IReadOnlyList<ModelUnderTest> models,
        CaseResultStore results,
        IReadOnlyList<PairwiseResult> pairwise,
        ModelComparerOptions options,
        ComparisonRunInfo run)
    {
        _store = results;
        _facts = new LazyList<AnswerFacts>(results.Count, results.Facts);
        Suite = suite;
        Models = models.Select(m => m.Name).ToList();
        TrainingMetrics = models
            .Where(m => m.TrainingMetrics is { Count: > 0 })
            .ToDictionary(m => m.Name, m => m.TrainingMetrics!, StringComparer.Ordinal);
        Results = new LazyList<CaseResult>(results.Count, results.Read);
        Pairwise = pairwise;
        Alpha = options.Alpha;
        ErrorBudget = options.ErrorBudget;
        Run = run;
        Criteria = _facts.SelectMany(f => f.Scores).Select(packed => packed >> 8).Distinct().Select(results.Criterion).ToList();
        Repeats = results.Count == 0 ? 0 : results.Count / (suite.Cases.Count * Models.Count);
        (Summaries, PairedComparisons) = CaseTally.Compute(Models, Criteria, _facts, results.FindCriterion);
        _summaries = Summaries.ToDictionary(s => (s.Model, s.Criterion));
        Regressions = ReportStatistics.Regressions(Models, _facts, results.Criterion);
        WinRates = ReportStatistics.WinRates(pairwise);
        var pricing = models.ToDictionary(m => m.Name, m => m.Pricing);
        Usage = Models.Select(model => UsageOf(model, _facts, pricing[model])).ToList();
        ErrorCount = Summaries.Sum(s => s.Errors) + pairwise.Count(p => p.Outcome == PairwiseOutcome.Error);
        ScoredCount = Summaries.Sum(s => s.Trials) + pairwise.Count;
        ErrorBudgetExceeded = ScoredCount > 0 && (double)ErrorCount / ScoredCount > ErrorBudget;

        var gates = options.Gates.Append(SuccessGate.ErrorBudget(options.ErrorBudget)).ToList();
        Gates = Models.SelectMany(model => gates.Select(g => g.Evaluate(this, model))).ToList();
    }

    /// <summary>Gets the suite.</summary>
    public TestSuite Suite { get; }

    /// <summary>Gets the model names; the first is the baseline.</summary>
    public IReadOnlyList<string> Models { get; }

    /// <summary>
    /// Gets the per-step training metrics of the models that carried them (<see cref="ModelUnderTest.TrainingMetrics"/>),
    /// keyed by model name; empty when none did. The HTML report draws them as loss curves.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<FineTuneStepMetrics>> TrainingMetrics { get; }

    /// <summary>Gets the baseline model's name.</summary>
    public string Baseline => Models[0];

    /// <summary>Gets the criteria in the order they were scored.</summary>
    public IReadOnlyList<string> Criteria { get; }

    /// <summary>
    /// Gets every answer with its scores, in the order they were asked (case, repeat, model). The answers are kept on disk
    /// and read when enumerated or indexed, so a large comparison does not hold their text in memory; each read makes new
    /// objects.
    /// </summary>
    public IReadOnlyList<CaseResult> Results { get; }

    /// <summary>Gets the pairwise judge verdicts (empty without a pairwise judge).</summary>
    public IReadOnlyList<PairwiseResult> Pairwise { get; }

    /// <summary>Gets the pass rate with its Wilson 95% interval over cases, per model and criterion.</summary>
    public IReadOnlyList<CriterionSummary> Summaries { get; }

    /// <summary>Gets McNemar's exact test over cases per pair of models and criterion.</summary>
    public IReadOnlyList<PairedComparison> PairedComparisons { get; }

    /// <summary>Gets the pairwise win rates with ties and the sign test.</summary>
    internal IReadOnlyList<WinRate> WinRates { get; }

    /// <summary>Gets latency, tokens and cost per model.</summary>
    public IReadOnlyList<ModelUsage> Usage { get; }

    /// <summary>Gets the success gates per model, with reasons.</summary>
    public IReadOnlyList<GateResult> Gates { get; }

    /// <summary>Gets every case where a candidate fails a criterion the baseline passes.</summary>
    internal IReadOnlyList<Regression> Regressions { get; }

    /// <summary>Gets the significance level of the paired tests.</summary>
    public double Alpha { get; }

    /// <summary>Gets the tolerated share of errors.</summary>
    public double ErrorBudget { get; }

    /// <summary>Gets the number of <see cref="ScoreOutcome.Error"/> scores and errored verdicts.</summary>
    public int ErrorCount { get; }

    /// <summary>Gets the number of scores (excluding not-applicable ones) and verdicts.</summary>
    public int ScoredCount { get; }

    /// <summary>Gets whether errors exceed <see cref="ErrorBudget"/>; the results should then not be trusted.</summary>
    public bool ErrorBudgetExceeded { get; }

    /// <summary>Gets the number of repeats per case (0 without results).</summary>
    internal int Repeats { get; }

    /// <summary>Gets how the run went (time, calls, cache hits, resumed items, retries).</summary>
    internal ComparisonRunInfo Run { get; }

    /// <summary>Gets whether every gate passed for a model.</summary>
    /// <param name="model">The model.</param>
    /// <returns><see langword="true"/> when all of the model's gates passed.</returns>
    public bool PassesGates(string model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Gates.Where(g => g.Model == model).All(g => g.Passed);
    }

    /// <summary>Gets the summary of a model on a criterion, or <see langword="null"/>.</summary>
    /// <param name="model">The model.</param>
    /// <param name="criterion">The criterion.</param>
    /// <returns>The summary, or <see langword="null"/>.</returns>
    public CriterionSummary? GetSummary(string model, string criterion)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(criterion);
        return _summaries.GetValueOrDefault((model, criterion));
    }

    /// <summary>
    /// Gets a candidate's regressions: its answers that fail (or error on) a criterion which the baseline's answer to the
    /// same case and repeat passes. Each answer's <see cref="CaseResult.Scores"/> hold the failure reasons.
    /// </summary>
    /// <param name="model">The candidate model.</param>
    /// <param name="criterion">The criterion, or <see langword="null"/> for any criterion.</param>
    /// <returns>The regressed answers, in result order; empty for the baseline or an unknown model.</returns>
    public IReadOnlyList<CaseResult> GetRegressions(string model, string? criterion = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var regressed = Regressions
            .Where(r => r.Model == model && (criterion is null || r.Criterion == criterion))
            .Select(r => r.Slot)
            .ToHashSet();
        return regressed.Order().Select(_store.Read).ToList();
    }

    /// <summary>Reads the failure reason of a regression from the stored results.</summary>
    internal string ReasonOf(Regression regression) => _store.ReadScores(regression.Slot)[regression.ScoreIndex].Reason;

    /// <summary>Gets the paired comparison of two models on a criterion, or <see langword="null"/>.</summary>
    /// <param name="criterion">The criterion.</param>
    /// <param name="modelA">The first model.</param>
    /// <param name="modelB">The second model.</param>
    /// <returns>The comparison, or <see langword="null"/>.</returns>
    public PairedComparison? GetPaired(string criterion, string modelA, string modelB)
    {
        ArgumentNullException.ThrowIfNull(criterion);
        ArgumentNullException.ThrowIfNull(modelA);
        ArgumentNullException.ThrowIfNull(modelB);
        return PairedComparisons.FirstOrDefault(p => p.Criterion == criterion && p.ModelA == modelA && p.ModelB == modelB)
            ?? FlipOrNull(PairedComparisons.FirstOrDefault(p => p.Criterion == criterion && p.ModelA == modelB && p.ModelB == modelA));
    }

    /// <summary>Renders the report with <see cref="IReportWriter.Markdown"/>, for a pull request.</summary>
    /// <returns>The Markdown.</returns>
    public string ToMarkdown() => MarkdownReportWriter.Write(this);

    /// <summary>Renders the report with <see cref="IReportWriter.Json"/>: everything, including every answer and score.</summary>
    /// <returns>The JSON.</returns>
    public string ToJson() => JsonReportWriter.Write(this);

    /// <summary>Renders the report with <see cref="IReportWriter.Html"/>: one self-contained page.</summary>
    /// <returns>The HTML.</returns>
    public string ToHtml() => HtmlReportWriter.Write(this);

    /// <summary>Writes the report to a stream with a writer.</summary>
    /// <param name="writer">The format: <see cref="IReportWriter.Html"/>, <see cref="IReportWriter.Markdown"/>, <see cref="IReportWriter.Json"/> or your own.</param>
    /// <param name="destination">The stream; it is left open.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>A task that completes when the report is written.</returns>
    public Task WriteAsync(IReportWriter writer, Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(destination);
        return writer.WriteAsync(this, destination, cancellationToken);
    }

    /// <summary>Writes the report to a file with a writer, replacing the file.</summary>
    /// <param name="writer">The format: <see cref="IReportWriter.Html"/>, <see cref="IReportWriter.Markdown"/>, <see cref="IReportWriter.Json"/> or your own.</param>
    /// <param name="path">The file.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>A task that completes when the file is written.</returns>
    public async Task WriteAsync(IReportWriter writer, string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1, useAsync: true);
        await using (file.ConfigureAwait(false))
        {
            await writer.WriteAsync(this, file, cancellationToken).ConfigureAwait(false);
        }
    }

    private static ModelUsage UsageOf(string model, IReadOnlyList<AnswerFacts> results, FineTuning.Toolkit.Providers.ModelPrice? pricing)
    {
        int answers = 0, failed = 0;
        long input = 0, output = 0;
        List<double> latencies = [], firstTokens = [], perSecond = [];
        foreach (var r in results)
        {
            if (r.Model != model)
            {
                continue;
            }

            answers++;
            if (r.Failed)
            {
                failed++;
                continue;
            }

            input += r.InputTokens ?? 0;
            output += r.OutputTokens ?? 0;
            latencies.Add(r.LatencyMilliseconds);
            if (r.FirstTokenMilliseconds is { } first)
            {
                firstTokens.Add(first);
            }

            if (r.OutputTokensPerSecond is { } speed)
            {
                perSecond.Add(speed);
            }
        }

        return new ModelUsage(model, answers, failed, Percentile.Compute(latencies, 50), Percentile.Compute(latencies, 95), input, output, pricing?.Cost(input, output))
        {
            TimeToFirstTokenP50Milliseconds = firstTokens.Count == 0 ? null : Percentile.Compute(firstTokens, 50),
            OutputTokensPerSecondP50 = perSecond.Count == 0 ? null : Percentile.Compute(perSecond, 50),
        };
    }

    private static PairedComparison? FlipOrNull(PairedComparison? p) =>
        p is null ? null : new PairedComparison(p.Criterion, p.ModelB, p.ModelA, p.BothPassed, p.OnlyBPassed, p.OnlyAPassed, p.NeitherPassed, p.PValue);
}
