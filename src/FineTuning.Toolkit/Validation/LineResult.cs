namespace FineTuning.Toolkit.Validation;

/// <summary>What the per-example checks learnt about one line, for the ordered aggregation.</summary>
internal sealed class LineResult
{
    public int Line { get; init; }

    public int ExampleIndex { get; init; }

    /// <summary>Gets a value indicating whether the line is an example (not a blank line).</summary>
    public bool IsExample { get; init; }

    public List<ValidationIssue>? Issues { get; set; }

    /// <summary>Gets or sets a value indicating whether the example's tokens were counted (its shape was readable).</summary>
    public bool Counted { get; set; }

    public int TotalTokens { get; set; }

    public int AssistantTokens { get; set; }

    public int MessageCount { get; set; }

    /// <summary>Gets or sets the hash of the whole conversation (duplicates), or 0.</summary>
    public ulong ContentHash { get; set; }

    /// <summary>Gets or sets the hash of the conversation without system messages (train/validation overlap), or 0.</summary>
    public ulong OverlapHash { get; set; }

    /// <summary>Gets or sets the system prompt, or <see langword="null"/> when the example has none.</summary>
    public string? SystemPrompt { get; set; }

    public string? Category { get; set; }
}
