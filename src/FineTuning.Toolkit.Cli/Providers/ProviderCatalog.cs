namespace FineTuning.Toolkit.Cli.Providers;

/// <summary>The providers this build of the tool can talk to.</summary>
internal static class ProviderCatalog
{
    private static readonly ProviderInfo[] Providers =
    [
        new("openai", ["FTK_API_KEY", "OPENAI_API_KEY"], ["OPENAI_BASE_URL"]),
        new("together", ["TOGETHER_API_KEY"], ["TOGETHER_BASE_URL"]), // its own key only: FTK_API_KEY and OPENAI_API_KEY are never sent to Together

        // Azure OpenAI: its own key variable only (never FTK_API_KEY or OPENAI_API_KEY), its v1 endpoint.
        new("azure", ["AZURE_OPENAI_API_KEY"], ["AZURE_OPENAI_ENDPOINT"]),
    ];

    public static IReadOnlyList<string> Names { get; } = [.. Providers.Select(p => p.Name)];

    public static ProviderInfo Get(string name) =>
        Providers.FirstOrDefault(p => p.Name == name) ?? throw new CliUsageException($"Unknown provider '{name}'.");
}
