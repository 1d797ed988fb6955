namespace FineTuning.Toolkit.Validation;

/// <summary>A built-in check run on every example (one per file under <c>Rules/</c>).</summary>
internal interface IExampleCheck
{
    /// <summary>Gets the codes the check can report.</summary>
    IReadOnlyList<string> Codes { get; }

    /// <summary>Checks the example and reports issues to the context.</summary>
    /// <param name="context">The example.</param>
    void Check(ExampleContext context);
}
