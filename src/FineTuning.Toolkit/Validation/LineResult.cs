namespace FineTuning.Toolkit.Validation;

/// <summary>What the per-example checks learnt about one line, for the ordered aggregation (a struct: one array per batch, nothing per line).</summary>
internal struct LineResult
{
    public int Line { get; init; }

    public int ExampleIndex { get; init; }

    /// <summary>Gets a value indicating whether the line is an example (not a blank line).</summary>
    public bool IsExample { get; init; }

    public List<ValidationIssue>? Issues { get; set; }

    /// <summary>Gets or sets the issues of the line only counted (past the per-code limit within the line), or <see langword="null"/>.</summary>
    public List<UnlistedIssues>? Unlisted { get; set; }

    /// <summary>Gets or sets a value indicating whether the example's tokens were counted (its shape was readable).</summary>
    public bool Counted { get; set; }

    public int TotalTokens { get; set; }

    public int AssistantTokens { get; set; }

    public int MessageCount { get; set; }

    /// <summary>Gets or sets the hash of the whole conversation (duplicates), or 0.</summary>
    public ulong ContentHash { get; set; }

    /// <summary>Gets or sets the hash of the conversation without system messages (train/validation overlap), or 0.</summary>
    public ulong OverlapHash { get; set; }

    /// <summary>Gets or sets the system prompt text, given only for the first examples that use a prompt (for its preview), else <see langword="null"/>.</summary>
    public string? SystemPrompt { get; set; }

    /// <summary>Gets or sets a value indicating whether the example has a system (or developer) message.</summary>
    public bool HasSystemPrompt { get; set; }

    /// <summary>Gets or sets the hash of the system prompt (computed on the worker, not in the ordered aggregation).</summary>
    public ulong SystemPromptHash { get; set; }

    public string? Category { get; set; }
}
