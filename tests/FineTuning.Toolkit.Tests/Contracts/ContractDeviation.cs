using System.Text.Json.Nodes;

namespace FineTuning.Toolkit.Tests.Contracts;

/// <summary>
/// A documented place where real OpenAI responses break the official spec. When allowed, <see cref="TryApply"/>
/// rewrites the deviating value into its spec-conforming form before validation, and only if the value is exactly the
/// recorded real-world shape — anything else still fails.
/// </summary>
/// <param name="Id">A short identifier.</param>
/// <param name="SchemaNames">The component schemas the deviation applies to.</param>
/// <param name="Description">What the service does and what the spec says.</param>
/// <param name="Evidence">Where the real behaviour was recorded.</param>
/// <param name="Apply">Finds and rewrites the deviation in a body; returns whether it found it.</param>
public sealed record ContractDeviation(string Id, IReadOnlyList<string> SchemaNames, string Description, string Evidence, Func<JsonNode, bool> Apply)
{
    /// <summary>Rewrites the deviation in <paramref name="body"/> when the schema is concerned and the deviating value is present.</summary>
    /// <param name="schemaName">The component schema being validated.</param>
    /// <param name="body">The body (a copy; it is changed in place).</param>
    /// <returns>Whether the deviation was found and rewritten.</returns>
    public bool TryApply(string schemaName, JsonNode body) => SchemaNames.Contains(schemaName, StringComparer.Ordinal) && Apply(body);
}
