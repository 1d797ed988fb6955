using System.Text.RegularExpressions;

namespace FineTuning.Toolkit.Jobs;

/// <summary>Removes the API key (and anything shaped like an OpenAI key) from text the service sent back.</summary>
internal static partial class SecretRedactor
{
    public static string Redact(string text, string? apiKey)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        if (!string.IsNullOrEmpty(apiKey))
        {
            text = text.Replace(apiKey, "***", StringComparison.Ordinal);
        }

        return KeyPattern().Replace(text, "sk-***");
    }

    [GeneratedRegex(@"sk-[A-Za-z0-9_\-\*]{6,}", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();
}
