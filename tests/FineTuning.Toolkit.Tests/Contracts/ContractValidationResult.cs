namespace FineTuning.Toolkit.Tests.Contracts;

/// <summary>The outcome of validating a body against a component schema of the OpenAI spec.</summary>
/// <param name="SchemaName">The component schema.</param>
/// <param name="IsValid">Whether the body conforms (after the allowed deviations, if any, were applied).</param>
/// <param name="Violations">Every violation found.</param>
/// <param name="AppliedDeviations">The documented deviations that were found in the body and tolerated.</param>
public sealed record ContractValidationResult(string SchemaName, bool IsValid, IReadOnlyList<ContractViolation> Violations, IReadOnlyList<ContractDeviation> AppliedDeviations)
{
    /// <summary>Describes the result for an assertion message.</summary>
    /// <returns>A multi-line description.</returns>
    public override string ToString() => IsValid
        ? $"{SchemaName}: valid" + (AppliedDeviations.Count == 0 ? string.Empty : $" (tolerated: {string.Join(", ", AppliedDeviations.Select(d => d.Id))})")
        : $"{SchemaName}: {Violations.Count} violation(s)\n" + string.Join('\n', Violations);
}
