namespace FineTuning.Toolkit.Comparison;

/// <summary>What a good answer to a <see cref="TestCase"/> must (not) do. Unset expectations are not scored.</summary>
public sealed class TestExpectations
{
    /// <summary>Gets an instance without expectations.</summary>
    public static TestExpectations None { get; } = new();

    /// <summary>Gets whether the answer should hand the user over to a human (the lab's "Let me connect you with a human").</summary>
    /// <value>Defaults to <see langword="null"/>: escalation is not scored for this case.</value>
    public bool? ShouldEscalate { get; init; }

    /// <summary>Gets whether the answer must follow the TechFlow response format.</summary>
    /// <value>Defaults to <see langword="null"/>, which means yes: the format scorer applies unless this is <see langword="false"/>.</value>
    public bool? RequiresFormat { get; init; }

    /// <summary>Gets facts, features or policies the answer must not claim (case-insensitive phrases such as "phone support").</summary>
    /// <value>Defaults to empty.</value>
    public IReadOnlyList<string> MustNotInvent { get; init; } = [];

    /// <summary>Gets a reference answer that the LLM judges are shown.</summary>
    /// <value>Defaults to <see langword="null"/>.</value>
    public string? ReferenceAnswer { get; init; }
}
