using System.Text.Json;

namespace FineTuning.Toolkit.Cli.Providers;

/// <summary>
/// The optional config file: one JSON object per provider, e.g.
/// <c>{ "openai": { "apiKey": "sk-...", "endpoint": "https://..." }, "azure": { "apiKey": "...", "account": "..." } }</c>.
/// Keys live here or in environment variables, never on the command line.
/// </summary>
internal static class ProviderConfigFile
{
    public static string DefaultPath { get; } =
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData, Environment.SpecialFolderOption.DoNotVerify), "ftk", "config.json");

    public const string DefaultPathDisplay = "~/.config/ftk/config.json, %APPDATA%\\ftk\\config.json on Windows";

    public static ProviderConfigSection Load(string path, string provider)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (!File.Exists(path))
        {
            return new ProviderConfigSection(path, values);
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.EnumerateObject().FirstOrDefault(p => string.Equals(p.Name, provider, StringComparison.OrdinalIgnoreCase)) is { Value.ValueKind: JsonValueKind.Object } section)
            {
                foreach (var setting in section.Value.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String))
                {
                    values[setting.Name] = setting.Value.GetString()!;
                }
            }
        }
        catch (JsonException ex)
        {
            // The message names the position only, never the content (the file holds keys).
            throw new CliUsageException($"The config file {path} is not valid JSON (line {ex.LineNumber + 1}).");
        }

        return new ProviderConfigSection(path, values);
    }
}
