using FineTuning.Toolkit.Jobs;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Validates <see cref="FineTuningToolkitOptions"/> when the host starts, with messages that name the configuration key
/// at fault (for example <c>FineTuning:Resilience:MaxRetryAttempts</c>) and never print the API key.
/// </summary>
internal sealed class FineTuningToolkitOptionsValidator : IValidateOptions<FineTuningToolkitOptions>
{
    private readonly string _name;
    private readonly string _path;

    public FineTuningToolkitOptionsValidator(string name, string path)
    {
        _name = name;
        _path = path;
    }

    public ValidateOptionsResult Validate(string? name, FineTuningToolkitOptions options)
    {
        if (!string.Equals(name ?? Microsoft.Extensions.Options.Options.DefaultName, _name, StringComparison.Ordinal))
        {
            return ValidateOptionsResult.Skip;
        }

        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ApiKey) && string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(FineTuneJobRunnerOptions.ApiKeyEnvironmentVariable)))
        {
            failures.Add($"{_path}:ApiKey is not set and the {FineTuneJobRunnerOptions.ApiKeyEnvironmentVariable} environment variable is empty; set one of them.");
        }

        if (options.Endpoint is { } endpoint && (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttps && endpoint.Scheme != Uri.UriSchemeHttp)))
        {
            failures.Add($"{_path}:Endpoint must be an absolute http(s) address such as https://api.openai.com/v1 (it is '{endpoint}').");
        }

        if (string.IsNullOrWhiteSpace(options.DefaultModel))
        {
            failures.Add($"{_path}:DefaultModel must name a model, for example gpt-4o-mini-2024-07-18.");
        }

        if (options.MultipartUploadThreshold < 1)
        {
            failures.Add($"{_path}:MultipartUploadThreshold must be a positive number of bytes.");
        }

        ValidatePolling(options.Polling, failures);
        ValidateResilience(options.Resilience, failures);
        foreach (var price in options.TrainingPricesPerMillionTokens)
        {
            if (price.Value < 0)
            {
                failures.Add($"{_path}:TrainingPricesPerMillionTokens:{price.Key} must not be negative.");
            }
        }

        if (options.Comparer.MaxConcurrency < 1)
        {
            failures.Add($"{_path}:Comparer:MaxConcurrency must be at least 1.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private void ValidatePolling(FineTunePollingOptions? polling, List<string> failures)
    {
        if (polling is null)
        {
            failures.Add($"{_path}:Polling must not be null.");
            return;
        }

        Positive(polling.QueuedInterval, "Polling:QueuedInterval", failures);
        Positive(polling.RunningInterval, "Polling:RunningInterval", failures);
        Positive(polling.MinInterval, "Polling:MinInterval", failures);
        Positive(polling.FinishInterval, "Polling:FinishInterval", failures);
        Positive(polling.FileProcessingInterval, "Polling:FileProcessingInterval", failures);
        Positive(polling.FileProcessingTimeout, "Polling:FileProcessingTimeout", failures);
        if (polling.MaxInterval < polling.MinInterval)
        {
            failures.Add($"{_path}:Polling:MaxInterval ({polling.MaxInterval}) must not be shorter than Polling:MinInterval ({polling.MinInterval}).");
        }

        if (polling.FinishWindow < TimeSpan.Zero || polling.EventsInterval < TimeSpan.Zero)
        {
            failures.Add($"{_path}:Polling:FinishWindow and Polling:EventsInterval must not be negative.");
        }

        if (polling.QueuedBackoffFactor < 1 || polling.OverdueBackoffFactor < 1)
        {
            failures.Add($"{_path}:Polling:QueuedBackoffFactor and Polling:OverdueBackoffFactor must be at least 1.");
        }

        if (polling.EventsPageSize is < 1 or > 100)
        {
            failures.Add($"{_path}:Polling:EventsPageSize must be between 1 and 100.");
        }
    }

    private void ValidateResilience(FineTuneResilienceOptions? resilience, List<string> failures)
    {
        if (resilience is null)
        {
            failures.Add($"{_path}:Resilience must not be null.");
            return;
        }

        if (resilience.MaxRetryAttempts is < 0 or > 100)
        {
            failures.Add($"{_path}:Resilience:MaxRetryAttempts must be between 0 and 100 (it is {resilience.MaxRetryAttempts}).");
        }

        Positive(resilience.AttemptTimeout, "Resilience:AttemptTimeout", failures);
        if (resilience.BaseDelay < TimeSpan.Zero || resilience.MaxDelay < resilience.BaseDelay)
        {
            failures.Add($"{_path}:Resilience:BaseDelay must not be negative and Resilience:MaxDelay must not be shorter than it.");
        }

        if (resilience.MaxRetryAfter < TimeSpan.Zero)
        {
            failures.Add($"{_path}:Resilience:MaxRetryAfter must not be negative.");
        }

        if (resilience.UseCircuitBreaker)
        {
            if (resilience.FailureRatio is <= 0 or > 1)
            {
                failures.Add($"{_path}:Resilience:FailureRatio must be greater than 0 and at most 1 (it is {resilience.FailureRatio}).");
            }

            if (resilience.MinimumThroughput < 2)
            {
                failures.Add($"{_path}:Resilience:MinimumThroughput must be at least 2.");
            }

            if (resilience.SamplingDuration < TimeSpan.FromMilliseconds(500) || resilience.BreakDuration < TimeSpan.FromMilliseconds(500))
            {
                failures.Add($"{_path}:Resilience:SamplingDuration and Resilience:BreakDuration must be at least 0.5 seconds.");
            }
        }
    }

    private void Positive(TimeSpan value, string key, List<string> failures)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{_path}:{key} must be positive (it is {value}).");
        }
    }
}
