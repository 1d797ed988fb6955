namespace FineTuning.Toolkit.Validation;

/// <summary>A built-in rule (one per file under <c>Rules/</c>): an <see cref="IExampleRule"/> that also names the codes it
/// can report, so that a rule whose codes are all disabled is not run at all.</summary>
internal interface IBuiltInExampleRule : IExampleRule
{
    /// <summary>Gets the codes the rule can report.</summary>
    IReadOnlyList<string> Codes { get; }
}
