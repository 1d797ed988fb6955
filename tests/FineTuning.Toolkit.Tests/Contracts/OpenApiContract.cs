using System.Text.Json.Nodes;
using Json.Schema;

namespace FineTuning.Toolkit.Tests.Contracts;

/// <summary>
/// Validates JSON bodies (responses of the emulator, requests the toolkit sends) against the component schemas of
/// OpenAI's official OpenAPI description, <c>../shared/contracts/openai-openapi.json</c> relative to the repository root.
/// </summary>
/// <remarks>
/// The OpenAPI schema objects are adapted to plain JSON Schema 2020-12 once per process: <c>nullable: true</c> (also
/// inside an <c>allOf</c> member) becomes <c>anyOf [schema, {"type": "null"}]</c>; the OpenAPI 3.0 boolean forms of
/// <c>exclusiveMinimum</c>/<c>exclusiveMaximum</c> become numbers; <c>$ref</c>s to <c>#/components/schemas/X</c> point at
/// <c>$defs/X</c> of one registered document. Known real-world deviations of the service from its spec are listed in
/// <see cref="ContractDeviations"/>, each with its evidence; they are applied only when asked for.
/// Usage: <c>var contract = OpenApiContract.Load(); if (contract is null) skip; contract.Validate("FineTuningJob", body)</c>.
/// </remarks>
public sealed class OpenApiContract
{
    /// <summary>The spec's location relative to the repository root.</summary>
    public const string RelativeSpecPath = "../shared/contracts/openai-openapi.json";

    private const string DocumentId = "https://contracts.finetuning-toolkit.local/openai-openapi";

    private static readonly Lazy<OpenApiContract?> Shared = new(() => FindSpecPath() is { } path ? new OpenApiContract(path) : null);

    private readonly EvaluationOptions _options;
    private readonly HashSet<string> _names;
    private readonly Dictionary<string, JsonSchema> _schemas = new(StringComparer.Ordinal);
    private readonly object _gate = new();

    private OpenApiContract(string specPath)
    {
        SpecPath = specPath;
        var spec = JsonNode.Parse(File.ReadAllText(specPath))!;
        var components = (JsonObject)spec["components"]!["schemas"]!.DeepClone();
        _names = components.Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        var adapted = Adapt(components);
        var document = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = DocumentId,
            ["$defs"] = adapted,
        };
        var root = JsonSchema.FromText(document.ToJsonString());
        _options = new EvaluationOptions { OutputFormat = OutputFormat.Hierarchical };
        _options.SchemaRegistry.Register(root);
    }

    /// <summary>Gets the full path of the spec file in use.</summary>
    public string SpecPath { get; }

    /// <summary>Gets the contract, or <see langword="null"/> when the spec file is not present (tests then skip with <see cref="MissingSpecReason"/>).</summary>
    /// <returns>The shared contract instance, or <see langword="null"/>.</returns>
    public static OpenApiContract? Load() => Shared.Value;

    /// <summary>Gets the reason tests give when they skip because the spec file is absent.</summary>
    public static string MissingSpecReason =>
        $"The OpenAI OpenAPI spec was not found at {RelativeSpecPath} relative to the repository root (looked upward from {AppContext.BaseDirectory}).";

    /// <summary>Finds the spec: walks up from the test's base directory to the repository root (the folder holding
    /// <c>FineTuning.Toolkit.sln</c>), then looks at <see cref="RelativeSpecPath"/> from there.</summary>
    /// <returns>The full path, or <see langword="null"/> when absent.</returns>
    public static string? FindSpecPath()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "FineTuning.Toolkit.sln")))
            {
                var candidate = Path.GetFullPath(Path.Combine(directory.FullName, RelativeSpecPath));
                return File.Exists(candidate) ? candidate : null;
            }
        }

        return null;
    }

    /// <summary>Validates a body against a component schema, strictly (no deviations allowed).</summary>
    /// <param name="schemaName">The component name, for example <c>FineTuningJob</c> or <c>CreateFineTuningJobRequest</c>.</param>
    /// <param name="json">The JSON text.</param>
    /// <returns>The result, with every violation.</returns>
    public ContractValidationResult Validate(string schemaName, string json) => Validate(schemaName, JsonNode.Parse(json), allowDeviations: false);

    /// <summary>Validates a body against a component schema.</summary>
    /// <param name="schemaName">The component name.</param>
    /// <param name="instance">The JSON body.</param>
    /// <param name="allowDeviations">Whether the documented real-world deviations in <see cref="ContractDeviations.All"/>
    /// are tolerated (each one applied is reported in <see cref="ContractValidationResult.AppliedDeviations"/>).</param>
    /// <returns>The result, with every violation.</returns>
    public ContractValidationResult Validate(string schemaName, JsonNode? instance, bool allowDeviations)
    {
        ArgumentNullException.ThrowIfNull(schemaName);
        if (!_names.Contains(schemaName))
        {
            throw new ArgumentException($"The spec has no component schema named '{schemaName}'.", nameof(schemaName));
        }

        var applied = new List<ContractDeviation>();
        var subject = instance?.DeepClone();
        if (allowDeviations && subject is not null)
        {
            foreach (var deviation in ContractDeviations.All)
            {
                if (deviation.TryApply(schemaName, subject))
                {
                    applied.Add(deviation);
                }
            }
        }

        var results = SchemaFor(schemaName).Evaluate(subject, _options);
        var violations = new List<ContractViolation>();
        Collect(results, violations);
        return new ContractValidationResult(schemaName, results.IsValid, violations, applied);
    }

    private static void Collect(EvaluationResults results, List<ContractViolation> violations)
    {
        // Only failing nodes matter: a passing oneOf/anyOf still lists its failed branches.
        if (results.IsValid)
        {
            return;
        }

        if (results.HasErrors)
        {
            foreach (var (keyword, message) in results.Errors!)
            {
                violations.Add(new ContractViolation(results.InstanceLocation.ToString(), keyword, message, results.SchemaLocation.ToString()));
            }
        }

        if (results.HasDetails)
        {
            foreach (var detail in results.Details)
            {
                Collect(detail, violations);
            }
        }
    }

    private JsonSchema SchemaFor(string name)
    {
        lock (_gate)
        {
            if (!_schemas.TryGetValue(name, out var schema))
            {
                schema = JsonSchema.FromText($$"""{"$schema":"https://json-schema.org/draft/2020-12/schema","$ref":"{{DocumentId}}#/$defs/{{name}}"}""");
                _schemas[name] = schema;
            }

            return schema;
        }
    }

    private static JsonNode? Adapt(JsonNode? node)
    {
        switch (node)
        {
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    // Detach first: an adapted node may wrap the original, which can have only one parent.
                    var item = array[i];
                    array[i] = null;
                    array[i] = Adapt(item);
                }

                return array;
            case JsonObject obj:
                // Decide nullability before adapting children, which would wrap a nullable allOf member on its own.
                var nullable = RemoveNullable(obj);
                if (obj["allOf"] is JsonArray allOf)
                {
                    foreach (var member in allOf.OfType<JsonObject>())
                    {
                        nullable |= RemoveNullable(member);
                    }
                }

                foreach (var key in obj.Select(p => p.Key).ToList())
                {
                    var child = obj[key];
                    obj[key] = null;
                    obj[key] = Adapt(child);
                }

                if (obj["$ref"] is JsonValue reference && reference.GetValue<string>().StartsWith("#/components/schemas/", StringComparison.Ordinal))
                {
                    obj["$ref"] = "#/$defs/" + reference.GetValue<string>()["#/components/schemas/".Length..];
                }

                FixExclusive(obj, "exclusiveMinimum", "minimum");
                FixExclusive(obj, "exclusiveMaximum", "maximum");
                if (!nullable)
                {
                    return obj;
                }

                return new JsonObject { ["anyOf"] = new JsonArray(obj, new JsonObject { ["type"] = "null" }) };
            default:
                return node;
        }
    }

    private static bool RemoveNullable(JsonObject obj)
    {
        if (obj["nullable"] is JsonValue value && value.TryGetValue<bool>(out var isNullable))
        {
            obj.Remove("nullable");
            return isNullable;
        }

        return false;
    }

    private static void FixExclusive(JsonObject obj, string exclusiveKeyword, string boundKeyword)
    {
        if (obj[exclusiveKeyword] is JsonValue flag && flag.TryGetValue<bool>(out var exclusive))
        {
            obj.Remove(exclusiveKeyword);
            if (exclusive && obj[boundKeyword] is JsonNode bound)
            {
                obj.Remove(boundKeyword);
                obj[exclusiveKeyword] = bound;
            }
        }
    }
}
