using FineTuning.Toolkit.Comparison.Execution;

namespace FineTuning.Toolkit.Comparison.Scorers;

/// <summary>The input of a scorer: the case, who answered, and the answer.</summary>
public sealed class ScoringContext
{
    /// <summary>Initializes a new instance of the <see cref="ScoringContext"/> class.</summary>
    /// <param name="testCase">The case.</param>
    /// <param name="modelName">The model that answered.</param>
    /// <param name="response">The answer text.</param>
    /// <param name="systemPrompt">The system prompt that was sent, or <see langword="null"/>.</param>
    public ScoringContext(TestCase testCase, string modelName, string response, string? systemPrompt = null)
    {
        ArgumentNullException.ThrowIfNull(testCase);
        ArgumentNullException.ThrowIfNull(modelName);
        ArgumentNullException.ThrowIfNull(response);
        TestCase = testCase;
        ModelName = modelName;
        Response = response;
        SystemPrompt = systemPrompt;
    }

    /// <summary>Gets the case.</summary>
    public TestCase TestCase { get; }

    /// <summary>Gets the model that answered.</summary>
    public string ModelName { get; }

    /// <summary>Gets the answer text.</summary>
    public string Response { get; }

    /// <summary>Gets the system prompt that was sent.</summary>
    public string? SystemPrompt { get; }

    /// <summary>Gets the repeat index (0-based) when the comparer runs a case several times.</summary>
    public int Repeat { get; init; }

    /// <summary>Gets the judge services (verdict cache, counters, retries) of the running comparison, if any.</summary>
    /// <summary>Gets the format rules of the suite the case belongs to, when it sets its own.</summary>
    public FormatRules? FormatRules { get; init; }

    internal JudgeServices? Judge { get; init; }
}
