using System.Diagnostics;
using FineTuning.Toolkit.Datasets;
using FineTuning.Toolkit.Providers;
using FineTuning.Toolkit.Validation.Rules;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FineTuning.Toolkit.Validation;

/// <summary>
/// Validates fine-tuning data before anything is sent: every format check OpenAI and its cookbook make, the lab's quality
/// checks, personal data, secrets and mojibake, exact token counts and the cost of the job — with the line to fix.
/// </summary>
/// <remarks>
/// <para>Bad input never throws: every problem (invalid UTF-8 or JSON, a 50 MB line, JSON nested 100,000 deep, binary
/// garbage) becomes an issue in the <see cref="ValidationReport"/>. Files are streamed with bounded memory and checked on
/// all cores; a <see cref="Dataset"/> goes through the same checks, each example written as its JSONL line
/// (line = index + 1).</para>
/// <para>Thread-safe; one instance can serve concurrent validations.</para>
/// </remarks>
public sealed class DatasetValidator
{
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;

    /// <summary>Initializes a new instance of the <see cref="DatasetValidator"/> class with no logging and the system clock.</summary>
    public DatasetValidator()
        : this(null, null)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="DatasetValidator"/> class (the constructor dependency injection uses).</summary>
    /// <param name="logger">The logger, or <see langword="null"/> for none.</param>
    /// <param name="timeProvider">The clock used to time validations, or <see langword="null"/> for <see cref="TimeProvider.System"/>.</param>
    public DatasetValidator(ILogger<DatasetValidator>? logger, TimeProvider? timeProvider = null)
    {
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Validates a dataset.</summary>
    /// <param name="dataset">The dataset.</param>
    /// <param name="options">What to check, or <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">A token to cancel the validation.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="dataset"/> is <see langword="null"/>.</exception>
    public Task<ValidationReport> ValidateAsync(Dataset dataset, ValidationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return RunAsync(
            "dataset",
            null,
            (emit, ct) => ValidationPipeline.ProduceDatasetAsync(dataset, emit, ct),
            null,
            options ?? new ValidationOptions(),
            cancellationToken);
    }

    /// <summary>Validates JSONL data read from a stream (for example an upload's body), streaming it with bounded memory.</summary>
    /// <param name="stream">The stream, read from its current position to its end; it is left open.</param>
    /// <param name="options">What to check, or <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">A token to cancel the validation.</param>
    /// <returns>The report; issues name the line.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is <see langword="null"/>.</exception>
    public Task<ValidationReport> ValidateAsync(Stream stream, ValidationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var resolved = options ?? new ValidationOptions();
        return RunAsync(
            "stream",
            null,
            (emit, ct) => ValidationPipeline.ProduceStreamAsync(stream, leaveOpen: true, Math.Max(1, resolved.MaxLineBytes), emit, ct),
            null,
            resolved,
            cancellationToken);
    }

    /// <summary>Validates a training dataset and a validation dataset, including overlap between them.</summary>
    /// <param name="training">The training dataset (token statistics and cost are about it).</param>
    /// <param name="validation">The validation dataset.</param>
    /// <param name="options">What to check, or <see langword="null"/> for the defaults. Required (pass <see langword="null"/>
    /// explicitly for the defaults) so that <c>ValidateAsync(dataset, null)</c> always means the one-dataset overload.</param>
    /// <param name="cancellationToken">A token to cancel the validation.</param>
    /// <returns>The report, with the validation dataset's issues after the training dataset's.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="training"/> or <paramref name="validation"/> is <see langword="null"/>.</exception>
    public Task<ValidationReport> ValidateAsync(Dataset training, Dataset validation, ValidationOptions? options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(validation);
        return RunAsync(
            "dataset",
            null,
            (emit, ct) => ValidationPipeline.ProduceDatasetAsync(training, emit, ct),
            ("validation dataset", null, (emit, ct) => ValidationPipeline.ProduceDatasetAsync(validation, emit, ct)),
            options ?? new ValidationOptions(),
            cancellationToken);
    }

    /// <summary>Validates a JSONL training file, streaming it with bounded memory.</summary>
    /// <param name="path">The file.</param>
    /// <param name="options">What to check, or <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">A token to cancel the validation.</param>
    /// <returns>The report; issues name the file and line.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public Task<ValidationReport> ValidateFileAsync(string path, ValidationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        var resolved = options ?? new ValidationOptions();
        return RunAsync(path, path, FileProducer(path, resolved), null, resolved, cancellationToken);
    }

    /// <summary>Validates a JSONL training file and a JSONL validation file, including overlap between them.</summary>
    /// <param name="trainingPath">The training file (token statistics and cost are about it).</param>
    /// <param name="validationPath">The validation file.</param>
    /// <param name="options">What to check, or <see langword="null"/> for the defaults. Required (pass <see langword="null"/>
    /// explicitly for the defaults) so that <c>ValidateFileAsync(path, null)</c> always means the one-file overload.</param>
    /// <param name="cancellationToken">A token to cancel the validation.</param>
    /// <returns>The report, with the validation file's issues after the training file's.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="trainingPath"/> or <paramref name="validationPath"/> is <see langword="null"/>.</exception>
    /// <exception cref="FileNotFoundException">A file does not exist.</exception>
    public Task<ValidationReport> ValidateFileAsync(string trainingPath, string validationPath, ValidationOptions? options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trainingPath);
        ArgumentNullException.ThrowIfNull(validationPath);
        var resolved = options ?? new ValidationOptions();
        return RunAsync(trainingPath, trainingPath, FileProducer(trainingPath, resolved), (validationPath, validationPath, FileProducer(validationPath, resolved)), resolved, cancellationToken);
    }

    private static Func<Func<LineBatch, ValueTask>, CancellationToken, Task<bool>> FileProducer(string path, ValidationOptions options) =>
        (emit, ct) => ValidationPipeline.ProduceFileAsync(path, Math.Max(1, options.MaxLineBytes), emit, ct);

    private async Task<ValidationReport> RunAsync(
        string source,
        string? filePath,
        Func<Func<LineBatch, ValueTask>, CancellationToken, Task<bool>> produce,
        (string Source, string? FilePath, Func<Func<LineBatch, ValueTask>, CancellationToken, Task<bool>> Produce)? validation,
        ValidationOptions options,
        CancellationToken cancellationToken)
    {
        var started = _timeProvider.GetTimestamp();
        Log.ValidationStarted(_logger, filePath is null ? source : Path.GetFileName(filePath), options.Model, options.Method.ToString());
        var counter = TokenCounter.ForModel(options.Model);
        counter.PreloadInBackground();
        var limit = options.Catalog.GetMaxTokensPerExample(options.Provider, options.Model);
        var parallelism = Math.Max(1, options.MaxDegreeOfParallelism ?? Environment.ProcessorCount);
        var progress = options.Progress is { } handler
            ? new ValidationProgressReporter(handler, _timeProvider, _logger, started, TotalBytes(filePath, validation is { } p ? p.FilePath : null, validation is not null))
            : null;

        var training = new ReportAggregator(options, filePath, limit, collectConversations: validation is not null);
        await RunOneAsync(produce, new ExampleAnalyzer(options, counter, limit, filePath), training, filePath, parallelism, progress, cancellationToken).ConfigureAwait(false);

        var issues = ReportAggregator.Sort(training.Issues);
        var counts = new Dictionary<string, int>(training.Counts, StringComparer.Ordinal);
        var errors = training.ErrorCount;
        var warnings = training.WarningCount;
        if (validation is { } v)
        {
            var validationOptions = ForValidationSet(options);
            var overlap = new TrainValidationOverlapRule(
                training.Conversations!,
                filePath is null ? "the training data" : Path.GetFileName(filePath),
                validationOptions);
            var label = v.FilePath is null ? "validation set" : null;
            var other = new ReportAggregator(validationOptions, v.FilePath, limit, collectConversations: false, [overlap], label);
            await RunOneAsync(v.Produce, new ExampleAnalyzer(validationOptions, counter, limit, v.FilePath, label), other, v.FilePath, parallelism, progress, cancellationToken).ConfigureAwait(false);
            issues.AddRange(ReportAggregator.Sort(other.Issues));
            foreach (var (code, count) in other.Counts)
            {
                counts[code] = counts.TryGetValue(code, out var n) ? n + count : count;
            }

            errors += other.ErrorCount;
            warnings += other.WarningCount;
        }

        progress?.Complete();
        if (options.IsEnabled(ValidationIssueCodes.ModelTrainingEnding) && LifecycleWarning.For(options, _timeProvider.GetUtcNow()) is { } lifecycle)
        {
            issues.Insert(0, lifecycle);
            counts[lifecycle.Code] = 1;
            warnings++;
        }

        var elapsed = _timeProvider.GetElapsedTime(started);
        var report = new ValidationReport(training.ExampleCount, issues, counts, errors, warnings, training.BuildTokens(), training.BuildCost(), filePath, elapsed);
        Log.ValidationCompleted(_logger, filePath is null ? source : Path.GetFileName(filePath), report.ExampleCount, errors, warnings, report.Tokens.Total, (long)elapsed.TotalMilliseconds);
        return report;
    }

    private static async Task RunOneAsync(
        Func<Func<LineBatch, ValueTask>, CancellationToken, Task<bool>> produce,
        ExampleAnalyzer analyzer,
        ReportAggregator aggregator,
        string? filePath,
        int parallelism,
        ValidationProgressReporter? progress,
        CancellationToken cancellationToken)
    {
        var byteOrderMark = false;
        long bytesRead = 0;
        await ValidationPipeline.RunAsync(
            async (emit, ct) => byteOrderMark = await produce(emit, ct).ConfigureAwait(false),
            analyzer,
            aggregator,
            parallelism,
            progress is null
                ? null
                : endOffset =>
                {
                    bytesRead = endOffset;
                    progress.OnBatch(endOffset, aggregator.ExampleCount);
                },
            cancellationToken).ConfigureAwait(false);
        progress?.CompletePart(bytesRead, aggregator.ExampleCount);
        if (byteOrderMark && aggregator.IsEnabled(ValidationIssueCodes.ByteOrderMark))
        {
            var label = filePath is null ? string.Empty : Path.GetFileName(filePath) + ", ";
            aggregator.AddIssue(new ValidationIssue(ValidationIssueCodes.ByteOrderMark, ValidationSeverity.Warning, label + "line 1: the file starts with a UTF-8 byte order mark; save it as UTF-8 without BOM.")
            {
                Line = 1,
                FilePath = filePath,
            });
        }

        aggregator.Complete();
        Debug.Assert(aggregator.ExampleCount >= 0, "Example count is never negative.");
    }

    /// <summary>Gets the total bytes of the input files, or <see langword="null"/> when an input is not a file or cannot be measured.</summary>
    private static long? TotalBytes(string? trainingPath, string? validationPath, bool hasValidation)
    {
        if (trainingPath is null || (hasValidation && validationPath is null))
        {
            return null;
        }

        try
        {
            var total = new FileInfo(trainingPath).Length;
            return validationPath is null ? total : total + new FileInfo(validationPath).Length;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static ValidationOptions ForValidationSet(ValidationOptions options)
    {
        var copy = new ValidationOptions
        {
            Model = options.Model,
            Method = options.Method,
            Epochs = options.Epochs,
            MinAssistantLength = options.MinAssistantLength,
            MinExamples = 1,
            MaxLineBytes = options.MaxLineBytes,
            MaxDepth = options.MaxDepth,
            MaxIssuesPerCode = options.MaxIssuesPerCode,
            MaxDegreeOfParallelism = options.MaxDegreeOfParallelism,
            Provider = options.Provider,
            Catalog = options.Catalog,
        };
        copy.Disable([.. options.DisabledChecks]);
        copy.Disable(ValidationIssueCodes.TooFewExamples, ValidationIssueCodes.CategoryUnderrepresented);
        foreach (var rule in options.CustomRules)
        {
            copy.AddRule(rule);
        }

        return copy;
    }
}
