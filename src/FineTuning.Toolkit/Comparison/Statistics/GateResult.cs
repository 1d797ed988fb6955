namespace FineTuning.Toolkit.Comparison.Statistics;

/// <summary>The evaluation of one success gate for one model.</summary>
/// <param name="Gate">The gate's name.</param>
/// <param name="Model">The model.</param>
/// <param name="Passed">Whether the gate passed.</param>
/// <param name="Reason">Why, with the figures.</param>
public sealed record GateResult(string Gate, string Model, bool Passed, string Reason);
