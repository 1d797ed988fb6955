using System.ComponentModel.DataAnnotations;
using FineTuning.Toolkit.Comparison.Scorers;
using FineTuning.Toolkit.Comparison.Statistics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Distributed;

namespace FineTuning.Toolkit.Comparison;

/// <summary>Options of <see cref="ModelComparer"/>, checked before every comparison (DataAnnotations and cross-field rules).</summary>
public sealed class ModelComparerOptions : IValidatableObject
{
    /// <summary>Gets or sets the largest number of model calls in flight at once.</summary>
    /// <value>Defaults to 4.</value>
    [Range(1, 1024)]
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>
    /// Gets or sets how many times each case is asked of each model. Repeats show how stable the answers are; they are
    /// not independent evidence: rates, intervals and tests are computed over cases (each case's repeats are one unit).
    /// </summary>
    /// <value>Defaults to 1.</value>
    [Range(1, 1000)]
    public int Repeats { get; set; } = 1;

    /// <summary>Gets or sets the sampling temperature sent to every model.</summary>
    /// <value>Defaults to 0.</value>
    [Range(0.0, 2.0)]
    public float? Temperature { get; set; } = 0;

    /// <summary>Gets or sets the seed sent to every model; repeat <c>r</c> is sent <c>Seed + r</c>.</summary>
    /// <value>Defaults to <see langword="null"/> (no seed).</value>
    public long? Seed { get; set; }

    /// <summary>Gets or sets the maximum output tokens sent to every model.</summary>
    /// <value>Defaults to <see langword="null"/> (the provider's default).</value>
    [Range(1, int.MaxValue)]
    public int? MaxOutputTokens { get; set; }

    /// <summary>Gets or sets the system prompt used when neither the suite nor the case has one.</summary>
    /// <value>Defaults to <see langword="null"/>.</value>
    public string? SystemPrompt { get; set; }

    /// <summary>
    /// Gets or sets a directory for an on-disk <see cref="IDistributedCache"/> of model answers and judge verdicts, so a
    /// re-run makes no calls. Ignored when <see cref="Cache"/> is set.
    /// </summary>
    /// <value>Defaults to <see langword="null"/> (no cache).</value>
    public string? CacheDirectory { get; set; }

    /// <summary>
    /// Gets or sets the cache of model answers and judge verdicts (through MEAI's <see cref="DistributedCachingChatClient"/>).
    /// Entries are keyed by provider, model id, messages and options, never by a display name; a model without a
    /// model id (<see cref="ModelUnderTest.ModelId"/> or <see cref="ChatClientMetadata.DefaultModelId"/>) is not cached.
    /// </summary>
    /// <value>Defaults to <see langword="null"/> (<see cref="CacheDirectory"/>, if set).</value>
    public IDistributedCache? Cache { get; set; }

    /// <summary>
    /// Gets or sets whether answers are streamed, which measures the time to the first token and the output tokens per
    /// second (<see cref="CaseResult.TimeToFirstTokenMilliseconds"/>, <see cref="CaseResult.OutputTokensPerSecond"/>).
    /// </summary>
    /// <value>Defaults to <see langword="false"/>.</value>
    public bool Streaming { get; set; }

    /// <summary>
    /// Gets or sets a JSONL file that every answer and verdict is appended to as it arrives. A run with an existing file
    /// takes over its finished items (matched by request key) without calling the models again.
    /// </summary>
    /// <value>Defaults to <see langword="null"/> (no results file).</value>
    public string? ResultsPath { get; set; }

    /// <summary>Gets or sets the retries of a failed model or judge call (429, 408, 5xx, timeouts), honouring retry-after.</summary>
    /// <value>Defaults to 4.</value>
    [Range(0, 100)]
    public int MaxRetryAttempts { get; set; } = 4;

    /// <summary>Gets or sets the base delay of the exponential backoff when no retry-after is given.</summary>
    /// <value>Defaults to 1 second.</value>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets the longest delay between retries (also caps retry-after).</summary>
    /// <value>Defaults to 60 seconds.</value>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Gets or sets the significance level of the paired tests.</summary>
    /// <value>Defaults to 0.05.</value>
    [Range(0.0, 1.0, MinimumIsExclusive = true, MaximumIsExclusive = true)]
    public double Alpha { get; set; } = 0.05;

    /// <summary>
    /// Gets or sets the largest tolerated share of <see cref="ScoreOutcome.Error"/> outcomes (judges that errored or
    /// answered unparseably, failed model calls) among all scores and pairwise verdicts. Beyond it the report's
    /// <see cref="ComparisonReport.ErrorBudgetExceeded"/> is set. Gates fail closed: a model fails its gates when any
    /// of its criteria, or the pairwise verdicts that involve it, err more often than this.
    /// </summary>
    /// <value>Defaults to 0.05.</value>
    [Range(0.0, 1.0)]
    public double ErrorBudget { get; set; } = 0.05;

    /// <summary>
    /// Gets or sets the scorers. Most score each answer on its own; some (such as <see cref="Scorer.ToneConsistency"/>)
    /// score all of a model's answers together, after every answer is in.
    /// </summary>
    /// <value>Defaults to <see cref="DefaultScorers"/> with an empty catalog.</value>
    public IList<IScorer> Scorers { get; set; } = DefaultScorers(new FactCatalog());

    /// <summary>Gets or sets a pairwise judge run on every pair of models for every case.</summary>
    /// <value>Defaults to <see langword="null"/> (no pairwise judging).</value>
    public PairwiseJudge? PairwiseJudge { get; set; }

    /// <summary>Gets or sets the success gates evaluated for every model.</summary>
    /// <value>Defaults to <see cref="SuccessGate.Lab"/>; the comparer always adds <see cref="SuccessGate.ErrorBudget"/> at <see cref="ErrorBudget"/>.</value>
    public IList<SuccessGate> Gates { get; set; } = [.. SuccessGate.Lab()];

    /// <summary>Creates the default scorers with a fact catalog.</summary>
    /// <param name="catalog">The known facts.</param>
    /// <returns>Format compliance, next steps, escalation, invented facts, sensitive information, relevance and tone consistency.</returns>
    public static IList<IScorer> DefaultScorers(FactCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return
        [
            Scorer.FormatCompliance(),
            Scorer.NextSteps(),
            Scorer.Escalation(),
            Scorer.InventedFacts(catalog),
            Scorer.SensitiveInformation(),
            Scorer.Relevance(),
            Scorer.ToneConsistency(),
        ];
    }

    /// <inheritdoc/>
    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext)
    {
        if (Scorers is null || Gates is null)
        {
            yield return new ValidationResult("Scorers and Gates must not be null.", [nameof(Scorers), nameof(Gates)]);
        }
        else if (Scorers.Any(s => s is null) || Gates.Any(g => g is null))
        {
            yield return new ValidationResult("Scorers and Gates must not contain null.", [nameof(Scorers), nameof(Gates)]);
        }

        if (RetryDelay < TimeSpan.Zero || MaxRetryDelay < RetryDelay)
        {
            yield return new ValidationResult("RetryDelay must be at least zero and at most MaxRetryDelay.", [nameof(RetryDelay), nameof(MaxRetryDelay)]);
        }
    }
}
