using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace FineTuning.Toolkit.Providers.Azure;

/// <summary>
/// The bodies of <c>Microsoft.CognitiveServices/accounts/deployments</c>: the PUT request (SKU, capacity and model) and
/// the resource read back (<c>properties.provisioningState</c>, <c>systemData.createdAt</c>, an ARM <c>error</c>),
/// written and read without reflection.
/// </summary>
internal static class ArmDeploymentJson
{
    /// <summary>Azure deletes developer-tier deployments this long after creation.</summary>
    public static readonly TimeSpan DeveloperTierLifetime = TimeSpan.FromHours(24);

    /// <summary>The SKU names as ARM spells them.</summary>
    public static string SkuName(string sku) => sku.ToLowerInvariant() switch
    {
        "globalstandard" => "GlobalStandard",
        "developertier" => "DeveloperTier",
        _ => "Standard",
    };

    public static BinaryData CreateBody(string model, string sku, int capacity)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("sku");
            writer.WriteString("name", SkuName(sku));
            writer.WriteNumber("capacity", capacity);
            writer.WriteEndObject();
            writer.WriteStartObject("properties");
            writer.WriteStartObject("model");
            writer.WriteString("format", "OpenAI");
            writer.WriteString("name", model);
            writer.WriteString("version", "1");
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return new BinaryData(buffer.WrittenMemory);
    }

    /// <summary>Reads a deployment resource; <paramref name="fallbackName"/> and <paramref name="fallbackModel"/> fill what it lacks.</summary>
    public static ModelDeployment Read(BinaryData body, string fallbackName, string fallbackModel)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        var name = String(root, "name") ?? fallbackName;
        var sku = root.TryGetProperty("sku", out var skuElement) ? String(skuElement, "name") : null;
        var properties = root.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
        var model = properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty("model", out var m) ? String(m, "name") : null;
        var state = properties.ValueKind == JsonValueKind.Object ? String(properties, "provisioningState") : null;
        DateTimeOffset? created = root.TryGetProperty("systemData", out var system)
            && String(system, "createdAt") is { } text
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) ? parsed : null;
        DateTimeOffset? expires = created is { } c && string.Equals(sku, "developertier", StringComparison.OrdinalIgnoreCase) ? c + DeveloperTierLifetime : null;
        return new ModelDeployment(name, model ?? fallbackModel, sku, state ?? "Unknown", created, expires);
    }

    /// <summary>An ARM error's code and message (<c>{"error":{"code","message"}}</c>, at the root or under <c>properties</c>).</summary>
    public static string? Error(BinaryData body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var error = root.TryGetProperty("error", out var e) ? e
                : root.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object && p.TryGetProperty("error", out var pe) ? pe
                : default;
            return error.ValueKind == JsonValueKind.Object ? $"{String(error, "code") ?? "error"}: {String(error, "message")}" : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
