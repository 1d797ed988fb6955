namespace FineTuning.Toolkit.Providers;

/// <summary>
/// What the runner needs to know about a place that trains and serves fine-tuned models over OpenAI-shaped routes:
/// where its key comes from (its own setting or its own environment variable, never another provider's), how the key
/// is sent, its default endpoint, what its job body adds, and how its statuses map to the library's.
/// </summary>
internal sealed record ProviderProfile(string Name, string DisplayName, string? KeyVariable, Uri? DefaultEndpoint, string? KeyHeader, bool SendsTrainingType)
{
    /// <summary>OpenAI: bearer key from <c>OPENAI_API_KEY</c>.</summary>
    public static ProviderProfile OpenAI { get; } = new("openai", "OpenAI", "OPENAI_API_KEY", new Uri("https://api.openai.com/v1/"), null, false);

    /// <summary>Azure OpenAI's v1 data plane: <c>api-key</c> header from <c>AZURE_OPENAI_API_KEY</c>, <c>trainingType</c> in the job body, no default endpoint.</summary>
    public static ProviderProfile AzureOpenAI { get; } = new("azure", "Azure OpenAI", "AZURE_OPENAI_API_KEY", null, "api-key", true);

    /// <summary>Together AI: bearer key from <c>TOGETHER_API_KEY</c>, its own routes (<c>/v1/files/upload</c>, <c>/v1/fine-tunes</c>).</summary>
    public static ProviderProfile Together { get; } = new("together", "Together AI", "TOGETHER_API_KEY", new Uri("https://api.together.xyz/v1/"), null, false);

    /// <summary>Any other OpenAI-compatible fine-tuning endpoint: the configured key only, no environment variable, no default endpoint.</summary>
    public static ProviderProfile OpenAICompatible { get; } = new("openai-compatible", "an OpenAI-compatible endpoint", null, null, null, false);

    /// <summary>The provider names <see cref="For"/> knows.</summary>
    public static IReadOnlyList<string> Names { get; } = [OpenAI.Name, AzureOpenAI.Name, Together.Name, OpenAICompatible.Name];

    public static ProviderProfile For(string? name) => name?.ToLowerInvariant() switch
    {
        null or "" or "openai" => OpenAI,
        "azure" or "azure-openai" => AzureOpenAI,
        "together" or "together-ai" => Together,
        "openai-compatible" or "compatible" => OpenAICompatible,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, $"Unknown provider; use one of {string.Join(", ", Names)}."),
    };

    /// <summary>The configured key, else this provider's own environment variable; never another provider's.</summary>
    public string? ResolveKey(string? configured)
    {
        var key = string.IsNullOrWhiteSpace(configured) && KeyVariable is not null ? Environment.GetEnvironmentVariable(KeyVariable) : configured;
        return string.IsNullOrWhiteSpace(key) ? null : key;
    }

    /// <summary>Where the key may come from, for messages: the setting and, when there is one, the environment variable.</summary>
    public string KeySources(string setting) => KeyVariable is null ? setting : $"{setting} or the {KeyVariable} environment variable";

    /// <summary>Checks an endpoint for this provider; <see langword="null"/> when it is fine.</summary>
    public string? CheckEndpoint(Uri? endpoint)
    {
        if (endpoint is null)
        {
            return DefaultEndpoint is null ? $"{DisplayName} has no default endpoint; set one" + (this == AzureOpenAI ? ", such as https://{resource}.openai.azure.com/openai/v1/." : ".") : null;
        }

        return this == AzureOpenAI && !endpoint.AbsolutePath.TrimEnd('/').EndsWith("/openai/v1", StringComparison.OrdinalIgnoreCase)
            ? $"An Azure OpenAI endpoint must end in /openai/v1/ (the v1 data plane), for example https://{{resource}}.openai.azure.com/openai/v1/; it is '{endpoint}'."
            : null;
    }

    /// <summary>Reads a status: Azure's and others' <c>pending</c> is the library's <c>queued</c>.</summary>
    public static string MapStatus(string status) => status == "pending" ? "queued" : status;
}
