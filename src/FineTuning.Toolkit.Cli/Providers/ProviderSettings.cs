namespace FineTuning.Toolkit.Cli.Providers;

/// <summary>Where and how the tool talks to a provider, resolved from options, environment variables and the config
/// file (in that order). <see cref="ToString"/> never shows the key.</summary>
internal sealed record ProviderSettings
{
    public required string Provider { get; init; }

    public Uri? Endpoint { get; init; }

    public string? ApiKey { get; init; }

    /// <summary>Gets where the key came from (an environment variable's name or the config file's path), for messages.</summary>
    public string? ApiKeySource { get; init; }

    public string? Organization { get; init; }

    public string? Project { get; init; }

    public string? ConfigPath { get; init; }

    /// <summary>Gets the Azure OpenAI settings (management plane, deployment), when the provider is <c>azure</c>.</summary>
    public AzureSettings? Azure { get; init; }

    /// <summary>Gets a PEM certificate trusted for loopback hosts only (a local emulator's development certificate).</summary>
    public string? TrustedCertificatePath { get; init; }

    /// <summary>Gets the clock the runner reads (the host's: the system clock, or a test's).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    public override string ToString() =>
        $"{Provider} at {Endpoint?.ToString() ?? "(default endpoint)"}, key {(ApiKey is null ? "not set" : "***")}";
}
