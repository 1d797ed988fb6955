using Microsoft.Extensions.Options;

namespace FineTuning.Toolkit;

/// <summary>
/// Validates one named <see cref="FineTuningToolkitOptions"/>: its data annotations through the source-generated
/// <see cref="FineTuningToolkitOptionsValidator"/>, then the cross-field rules annotations cannot express. Messages
/// name the configuration section (for example <c>FineTuning:Runner:ApiKey</c>) and never print the key.
/// </summary>
internal sealed class FineTuningToolkitOptionsRules : IValidateOptions<FineTuningToolkitOptions>
{
    private readonly string _name;
    private readonly string _path;

    public FineTuningToolkitOptionsRules(string name, string path)
    {
        _name = name;
        _path = path;
    }

    public ValidateOptionsResult Validate(string? name, FineTuningToolkitOptions options)
    {
        if (!string.Equals(name ?? Options.DefaultName, _name, StringComparison.Ordinal))
        {
            return ValidateOptionsResult.Skip;
        }

        var annotations = new FineTuningToolkitOptionsValidator().Validate(name, options);
        var failures = annotations.Failed ? annotations.Failures.Select(f => $"{_path}: {f}").ToList() : [];
        var runner = options.Runner;
        if (runner is null || options.Comparer is null)
        {
            return ValidateOptionsResult.Fail($"{_path}:Runner and {_path}:Comparer must not be null.");
        }

        if (Providers.ProviderProfile.Names.Contains(runner.Provider?.ToLowerInvariant()))
        {
            var provider = Providers.ProviderProfile.For(runner.Provider);
            if (provider == Providers.ProviderProfile.AzureOpenAI)
            {
                if (Providers.Azure.AzureCredentials.Check(runner, _path + ":Runner:ApiKey", _path + ":Runner:Azure:Credential") is { } azureProblem)
                {
                    failures.Add(azureProblem);
                }
            }
            else if (provider.ResolveKey(runner.ApiKey) is null)
            {
                // Never another provider's key: an Azure registration does not fall back to OPENAI_API_KEY.
                failures.Add($"{_path}:Runner:ApiKey is not set for {provider.DisplayName}; set {provider.KeySources(_path + ":Runner:ApiKey")}.");
            }

            if (provider.CheckEndpoint(runner.Endpoint) is { } endpointProblem)
            {
                failures.Add($"{_path}:Runner:Endpoint: {endpointProblem}");
            }
        }

        if (runner.Endpoint is { } endpoint && (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttps && endpoint.Scheme != Uri.UriSchemeHttp)))
        {
            failures.Add($"{_path}:Runner:Endpoint must be an absolute http(s) address such as https://api.openai.com/v1 (it is '{endpoint}').");
        }

        if (runner.Polling is { } polling && polling.MaxInterval < polling.MinInterval)
        {
            failures.Add($"{_path}:Runner:Polling:MaxInterval ({polling.MaxInterval}) must not be shorter than Runner:Polling:MinInterval ({polling.MinInterval}).");
        }

        if (runner.Resilience is { } resilience && resilience.MaxDelay < resilience.BaseDelay)
        {
            failures.Add($"{_path}:Runner:Resilience:MaxDelay ({resilience.MaxDelay}) must not be shorter than Runner:Resilience:BaseDelay ({resilience.BaseDelay}).");
        }

        foreach (var price in runner.TrainingPricesPerMillionTokens ?? new Dictionary<string, decimal>())
        {
            if (price.Value < 0)
            {
                failures.Add($"{_path}:Runner:TrainingPricesPerMillionTokens:{price.Key} must not be negative.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
