namespace FineTuning.Toolkit.Cli.Providers;

/// <summary>One provider's settings from the config file (empty when there is no file or no section).</summary>
internal sealed class ProviderConfigSection
{
    private readonly IReadOnlyDictionary<string, string> _values;

    public ProviderConfigSection(string path, IReadOnlyDictionary<string, string> values)
    {
        Path = path;
        _values = values;
    }

    public string Path { get; }

    public string? Get(string key) => _values.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;
}
