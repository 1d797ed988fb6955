using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace FineTuning.Toolkit.Validation.Json;

/// <summary>The source-generated serializer of the validator's JSON (no reflection: trim- and AOT-safe).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(ValidationReportDocument))]
internal sealed partial class ValidationJsonContext : JsonSerializerContext
{
    /// <summary>Gets the context that writes indented JSON with non-ASCII text as UTF-8.</summary>
    public static ValidationJsonContext Indented { get; } = Create(indented: true);

    /// <summary>Gets the context that writes compact JSON with non-ASCII text as UTF-8.</summary>
    public static ValidationJsonContext Compact { get; } = Create(indented: false);

    private static ValidationJsonContext Create(bool indented) => new(new JsonSerializerOptions
    {
        WriteIndented = indented,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
