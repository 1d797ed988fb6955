namespace FineTuning.Toolkit.Cli.Providers;

/// <summary>The providers this build of the tool can talk to.</summary>
internal static class ProviderCatalog
{
    private static readonly ProviderInfo[] Providers =
    [
        new("openai", ["FTK_API_KEY", "OPENAI_API_KEY"], ["OPENAI_BASE_URL"]),
    ];

    public static IReadOnlyList<string> Names { get; } = [.. Providers.Select(p => p.Name)];

    public static ProviderInfo Get(string name) =>
        Providers.FirstOrDefault(p => p.Name == name) ?? throw new CliUsageException($"Unknown provider '{name}'.");
}
