using FineTuning.Toolkit.Comparison.Execution;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace FineTuning.Toolkit.Comparison;

/// <summary>
/// Runs a <see cref="TestSuite"/> against two or more models (any <see cref="IChatClient"/>) with the same prompts,
/// options and system prompt, scores every answer, and returns a <see cref="ComparisonReport"/> with intervals and
/// paired tests over cases, pairwise win rates, latency, tokens, cost and the lab's success gates.
/// Calls run with bounded concurrency through <see cref="IChatClient"/> middleware: a distributed cache, Polly retries
/// (honouring retry-after) and measurement; answers and verdicts can be appended to a results file so a re-run or an
/// interrupted run does not call finished items again.
/// </summary>
public sealed class ModelComparer
{
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly IValidateOptions<ModelComparerOptions> _validator;

    /// <summary>Initializes a new instance of the <see cref="ModelComparer"/> class.</summary>
    /// <param name="options">The options; defaults to <see cref="ModelComparerOptions"/>'s defaults.</param>
    /// <param name="timeProvider">The clock for latency and retry delays; defaults to <see cref="TimeProvider.System"/>.</param>
    /// <param name="loggerFactory">The logger factory; defaults to no logging.</param>
    public ModelComparer(ModelComparerOptions? options = null, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null)
    {
        Options = options ?? new ModelComparerOptions();
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<ModelComparer>();
        _validator = new ModelComparerOptionsValidator();
    }

    /// <summary>Gets the options.</summary>
    public ModelComparerOptions Options { get; }

    /// <summary>Compares a baseline and a candidate model (for example base and fine-tuned).</summary>
    /// <param name="suite">The test suite.</param>
    /// <param name="baseline">The baseline model; regressions are reported against it.</param>
    /// <param name="candidate">The candidate model.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The report.</returns>
    public Task<ComparisonReport> CompareAsync(TestSuite suite, ModelUnderTest baseline, ModelUnderTest candidate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(suite);
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(candidate);
        return CompareAsync(suite, [baseline, candidate], null, cancellationToken);
    }

    /// <summary>Compares two or more models; the first is the baseline.</summary>
    /// <param name="suite">The test suite.</param>
    /// <param name="models">The models, baseline first; names must be unique.</param>
    /// <param name="progress">Receives progress after every answer and verdict.</param>
    /// <param name="cancellationToken">The cancellation token. Finished items are already in the results file when it fires.</param>
    /// <returns>The report.</returns>
    /// <exception cref="OptionsValidationException"><see cref="Options"/> are invalid.</exception>
    public Task<ComparisonReport> CompareAsync(
        TestSuite suite,
        IReadOnlyList<ModelUnderTest> models,
        IProgress<ComparisonProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(suite);
        ArgumentNullException.ThrowIfNull(models);
        ValidateModels(models);
        var validation = _validator.Validate(null, Options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(nameof(ModelComparerOptions), typeof(ModelComparerOptions), validation.Failures);
        }

        return new ComparisonRun(Options, _timeProvider, _logger).RunAsync(suite, models, progress, cancellationToken);
    }

    private static void ValidateModels(IReadOnlyList<ModelUnderTest> models)
    {
        if (models.Count < 2)
        {
            throw new ArgumentException("A comparison needs at least two models.", nameof(models));
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var model in models)
        {
            if (model is null)
            {
                throw new ArgumentException("The models contain null.", nameof(models));
            }

            if (!names.Add(model.Name))
            {
                throw new ArgumentException($"The model name '{model.Name}' is used twice; names must be unique.", nameof(models));
            }
        }
    }
}
