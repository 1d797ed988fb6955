using System.Text.Json.Nodes;
using Json.Schema;

namespace FineTuning.Toolkit.Tests.Contracts;

/// <summary>
/// Validates JSON bodies (responses of the emulator, requests the toolkit sends) against the component schemas of a
/// provider's official OpenAPI description in <c>../shared/contracts/</c> relative to the repository root: OpenAI's
/// (<see cref="Load"/>), Azure OpenAI's v1 data plane (<see cref="LoadAzure"/>) or Together AI's (<see cref="LoadTogether"/>,
/// a YAML 3.1 document that still marks nullable fields with the 3.0 keyword <c>nullable: true</c>, read as "null allowed").
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

    /// <summary>Azure OpenAI's v1 data-plane spec, relative to the repository root.</summary>
    public const string RelativeAzureSpecPath = "../shared/contracts/azure-openai-v1.json";

    /// <summary>Together AI's spec, relative to the repository root.</summary>
    public const string RelativeTogetherSpecPath = "../shared/contracts/together-openapi.yaml";

    private static readonly Lazy<OpenApiContract?> Shared = new(() => Create(RelativeSpecPath, "openai-openapi", ContractDeviations.All));

    private static readonly Lazy<OpenApiContract?> SharedAzure = new(() => Create(RelativeAzureSpecPath, "azure-openai-v1", ContractDeviations.Azure));

    private static readonly Lazy<OpenApiContract?> SharedTogether = new(() => Create(RelativeTogetherSpecPath, "together-openapi", ContractDeviations.Together));

    private readonly string _documentId;
    private readonly IReadOnlyList<ContractDeviation> _deviations;
    private readonly EvaluationOptions _options;
    private readonly HashSet<string> _names;
    private readonly Dictionary<string, JsonSchema> _schemas = new(StringComparer.Ordinal);
    private readonly object _gate = new();

    private OpenApiContract(string specPath, string documentName, IReadOnlyList<ContractDeviation> deviations)
    {
        SpecPath = specPath;
        _documentId = "https://contracts.finetuning-toolkit.local/" + documentName;
        _deviations = deviations;
        var text = File.ReadAllText(specPath);
        var spec = specPath.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) ? YamlJson.Parse(text)! : JsonNode.Parse(text)!;
        var components = (JsonObject)spec["components"]!["schemas"]!.DeepClone();
        AddRequestBodies(spec, components);
        _names = components.Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        var adapted = Adapt(components);
        var document = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = _documentId,
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

    /// <summary>Gets the Azure OpenAI v1 data-plane contract, or <see langword="null"/> when its spec is absent.</summary>
    /// <returns>The shared contract instance, or <see langword="null"/>.</returns>
    public static OpenApiContract? LoadAzure() => SharedAzure.Value;

    /// <summary>Gets the Together AI contract, or <see langword="null"/> when its spec is absent.</summary>
    /// <returns>The shared contract instance, or <see langword="null"/>.</returns>
    public static OpenApiContract? LoadTogether() => SharedTogether.Value;

    /// <summary>Gets the reason tests give when they skip because the spec file is absent.</summary>
    public static string MissingSpecReason =>
        $"The OpenAPI specs were not found at {RelativeSpecPath} (and beside it) relative to the repository root (looked upward from {AppContext.BaseDirectory}).";

    private static OpenApiContract? Create(string relativePath, string documentName, IReadOnlyList<ContractDeviation> deviations) =>
        FindSpecPath(relativePath) is { } path ? new OpenApiContract(path, documentName, deviations) : null;

    /// <summary>Finds the spec: walks up from the test's base directory to the repository root (the folder holding
    /// <c>FineTuning.Toolkit.sln</c>), then looks at <see cref="RelativeSpecPath"/> from there.</summary>
    /// <returns>The full path, or <see langword="null"/> when absent.</returns>
    public static string? FindSpecPath() => FindSpecPath(RelativeSpecPath);

    private static string? FindSpecPath(string relativePath)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "FineTuning.Toolkit.sln")))
            {
                var candidate = Path.GetFullPath(Path.Combine(directory.FullName, relativePath));
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
    /// <param name="allowDeviations">Whether the documented real-world deviations of this provider (<see cref="ContractDeviations"/>)
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
            foreach (var deviation in _deviations)
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

    /// <summary>Gets the name under which the JSON request body of an operation is validated, for example
    /// <c>request.post.fine-tunes</c> for <c>POST /fine-tunes</c> (path braces dropped, slashes as dots).</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="path">The path as the spec writes it.</param>
    /// <returns>The schema name to pass to <see cref="Validate(string, string)"/>.</returns>
    public static string RequestBodySchema(string method, string path) =>
        "request." + method.ToLowerInvariant() + path.Replace("{", string.Empty, StringComparison.Ordinal).Replace("}", string.Empty, StringComparison.Ordinal).Replace('/', '.');

    /// <summary>Gets the name under which the JSON 200 response of an operation is validated, for example
    /// <c>response.get.fine-tunes.id.metrics</c> (its schema is inline in Together's spec).</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="path">The path as the spec writes it.</param>
    /// <returns>The schema name.</returns>
    public static string ResponseBodySchema(string method, string path) => "response" + RequestBodySchema(method, path)["request".Length..];

    // Inline request-body schemas (Together's create-job body is not a component) become named schemas too, JSON or multipart.
    private static void AddRequestBodies(JsonNode spec, JsonObject components)
    {
        if (spec["paths"] is not JsonObject paths)
        {
            return;
        }

        foreach (var (path, operations) in paths)
        {
            foreach (var (method, operation) in operations as JsonObject ?? [])
            {
                // A multipart body (Together's /files/upload) is validated as the object of its form fields.
                if ((operation?["requestBody"]?["content"]?["application/json"] ?? operation?["requestBody"]?["content"]?["multipart/form-data"])?["schema"] is JsonObject schema)
                {
                    components[RequestBodySchema(method, path)] = schema.DeepClone();
                }

                if (operation?["responses"]?["200"]?["content"]?["application/json"]?["schema"] is JsonObject response)
                {
                    components["response" + RequestBodySchema(method, path)["request".Length..]] = response.DeepClone();
                }
            }
        }
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
                schema = JsonSchema.FromText($$"""{"$schema":"https://json-schema.org/draft/2020-12/schema","$ref":"{{_documentId}}#/$defs/{{name}}"}""");
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
