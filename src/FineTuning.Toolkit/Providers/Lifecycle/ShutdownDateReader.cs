using System.Globalization;
using System.Text.Json;

namespace FineTuning.Toolkit.Providers;

/// <summary>Reads <c>shutdown_date</c> per model from a <c>GET /v1/models</c> body (<c>{"data": [...]}</c> or a bare array).</summary>
internal static class ShutdownDateReader
{
    public static Dictionary<string, DateOnly> Read(string json)
    {
        var dates = new Dictionary<string, DateOnly>(StringComparer.OrdinalIgnoreCase);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            return dates;
        }

        using (document)
        {
            var root = document.RootElement;
            var list = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("data", out var data) ? data : root;
            if (list.ValueKind != JsonValueKind.Array)
            {
                return dates;
            }

            foreach (var model in list.EnumerateArray())
            {
                if (model.ValueKind == JsonValueKind.Object
                    && model.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
                    && model.TryGetProperty("shutdown_date", out var shutdown) && TryDate(shutdown, out var date))
                {
                    dates[id.GetString()!] = date;
                }
            }
        }

        return dates;
    }

    private static bool TryDate(JsonElement value, out DateOnly date)
    {
        date = default;
        switch (value.ValueKind)
        {
            case JsonValueKind.Number when value.TryGetInt64(out var seconds) && seconds is > 0 and < 253402300800:
                date = DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime);
                return true;
            case JsonValueKind.String:
                var text = value.GetString()!;
                if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
                {
                    return true;
                }

                if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
                {
                    date = DateOnly.FromDateTime(at.UtcDateTime);
                    return true;
                }

                return false;
            default:
                return false;
        }
    }
}
