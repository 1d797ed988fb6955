using System.Globalization;
using FineTuning.Toolkit.Validation;

namespace FineTuning.Toolkit.Jobs;

/// <content>Local validation before anything is uploaded.</content>
public sealed partial class FineTuneJobRunner
{
    private async Task<ValidationOutcome> ValidateAsync(FineTuneRequest request, CancellationToken cancellationToken)
    {
        if (request.TrainingFileId is not null)
        {
            // Already on the service: nothing local to check.
            return default;
        }

        var options = request.ValidationOptions ?? CreateValidationOptions(request);
        ValidationReport report;
        if (request.TrainingDataset is { } dataset)
        {
            report = request.ValidationDataset is { } validation
                ? await _validator.ValidateAsync(dataset, validation, options, cancellationToken).ConfigureAwait(false)
                : await _validator.ValidateAsync(dataset, options, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            report = request.ValidationFilePath is { } validationPath
                ? await _validator.ValidateFileAsync(request.TrainingFilePath!, validationPath, options, cancellationToken).ConfigureAwait(false)
                : await _validator.ValidateFileAsync(request.TrainingFilePath!, options, cancellationToken).ConfigureAwait(false);
        }

        if (report.IsValid)
        {
            return new ValidationOutcome(null, report);
        }

        if (request.ValidationErrorsIgnored)
        {
            Log.ValidationIgnored(_logger, report.ErrorCount);
            return new ValidationOutcome(null, report);
        }

        Log.ValidationRefused(_logger, report.ErrorCount);
        var first = string.Join("; ", report.Errors.Take(3).Select(e => e.ToString()));
        var message = string.Create(
            CultureInfo.InvariantCulture,
            $"Local validation found {report.ErrorCount} error(s), so nothing was uploaded. First: {first} Fix the data, or call FineTuneRequest.IgnoreValidationErrors() to upload anyway.");
        return new ValidationOutcome(
            new FineTuneResult
            {
                Status = FineTuneJobStatus.Failed,
                Model = request.Model,
                Error = new FineTuneError(FineTuneResult.ValidationFailedCode, message, request.ValidationDataset is null && request.ValidationFilePath is null ? "training_file" : null),
                ValidationReport = report,
            },
            report);
    }

    private ValidationOptions CreateValidationOptions(FineTuneRequest request)
    {
        var options = new ValidationOptions
        {
            Model = request.Model,
            Method = request.Method == FineTuneMethod.Dpo ? FineTuneMethod.Dpo : FineTuneMethod.Supervised,
            Epochs = request.Epochs,
        };
        if (TrainingPrices.Override(request.Model, _options.TrainingPricesPerMillionTokens) is { } price)
        {
            options.Catalog = TrainingPrices.WithOverride(options.Catalog, options.Provider, request.Model, price);
        }

        return options;
    }

    private readonly record struct ValidationOutcome(FineTuneResult? Refused, ValidationReport? Report);
}
