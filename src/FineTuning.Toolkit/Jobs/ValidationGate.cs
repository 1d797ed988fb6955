using System.Globalization;
using FineTuning.Toolkit.Validation;
using Microsoft.Extensions.Logging;

namespace FineTuning.Toolkit.Jobs;

/// <summary>
/// Decides whether a run may upload: the request's own <see cref="ValidationReport"/> (never validated again) or, when it
/// carries none and the runner was given a <see cref="DatasetValidator"/>, that validator's one pass over the data.
/// </summary>
internal static class ValidationGate
{
    public static async Task<(ValidationReport? Report, FineTuneResult? Refusal)> CheckAsync(
        FineTuneRequest request, DatasetValidator? validator, FineTuneJobRunnerOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        var report = request.ValidationReport;
        if (report is null && validator is not null && request.TrainingFileId is null)
        {
            report = await ValidateAsync(request, validator, options, cancellationToken).ConfigureAwait(false);
        }

        if (report is null || report.IsValid)
        {
            return (report, null);
        }

        if (request.ValidationErrorsIgnored)
        {
            Log.ValidationIgnored(logger, report.ErrorCount);
            return (report, null);
        }

        Log.ValidationRefused(logger, report.ErrorCount);
        var first = string.Join("; ", report.Errors.Take(3).Select(e => e.ToString()));
        var message = string.Create(
            CultureInfo.InvariantCulture,
            $"Local validation found {report.ErrorCount} error(s), so nothing was uploaded. First: {first} Fix the data, or call FineTuneRequest.IgnoreValidationErrors() to upload anyway.");
        var refusal = new FineTuneResult
        {
            Status = FineTuneJobStatus.Failed,
            Model = request.Model,
            Error = new FineTuneError(FineTuneResult.ValidationFailedCode, message, "training_file"),
            ValidationReport = report,
        };
        return (report, refusal);
    }

    private static Task<ValidationReport> ValidateAsync(FineTuneRequest request, DatasetValidator validator, FineTuneJobRunnerOptions runnerOptions, CancellationToken cancellationToken)
    {
        var options = new ValidationOptions
        {
            Model = request.Model,
            Method = request.Method == FineTuneMethod.Dpo ? FineTuneMethod.Dpo : FineTuneMethod.Supervised,
            Epochs = request.Epochs,
        };
        if (TrainingPrices.Override(request.Model, runnerOptions.TrainingPricesPerMillionTokens) is { } price)
        {
            options.Catalog = TrainingPrices.WithOverride(options.Catalog, options.Provider, request.Model, price);
        }

        return (request.TrainingDataset, request.HeldOutDataset, request.TrainingFilePath, request.HeldOutFilePath) switch
        {
            ({ } training, { } heldOut, _, _) => validator.ValidateAsync(training, heldOut, options, cancellationToken),
            ({ } training, _, _, _) => validator.ValidateAsync(training, options, cancellationToken),
            (_, _, { } path, { } heldOutPath) => validator.ValidateFileAsync(path, heldOutPath, options, cancellationToken),
            (_, _, { } path, _) => validator.ValidateFileAsync(path, options, cancellationToken),
            _ => throw new InvalidOperationException("The request has no local training data to validate."),
        };
    }
}
