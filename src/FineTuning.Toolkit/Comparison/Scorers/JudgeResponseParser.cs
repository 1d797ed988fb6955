using System.Text.Json;

namespace FineTuning.Toolkit.Comparison.Scorers;

/// <summary>Extracts the JSON object a judge was asked to answer with, tolerating code fences and surrounding prose.</summary>
internal static class JudgeResponseParser
{
    public static bool TryParseObject(string text, out JsonElement root)
    {
        root = default;
        var start = text.IndexOf('{', StringComparison.Ordinal);
        var end = text.LastIndexOf('}');
        if (start < 0 || end <= start)
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(text.AsMemory(start, end - start + 1), new JsonDocumentOptions { MaxDepth = 8 });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            root = document.RootElement.Clone();
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
