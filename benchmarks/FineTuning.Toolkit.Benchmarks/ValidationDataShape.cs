namespace FineTuning.Toolkit.Benchmarks;

/// <summary>The shapes of generated validation data: each flatters a different part of the validator, so both are reported.</summary>
public enum ValidationDataShape
{
    /// <summary>Two long system prompts (~230 characters) repeated in every line, short user and assistant texts drawn from
    /// a small vocabulary: string and piece caches hit often.</summary>
    RepeatedSystemPrompts,

    /// <summary>TechFlow-like support data: a short system prompt, and user and assistant texts that all differ (made-up
    /// names, numbers, order ids, product words, multi-sentence answers): caches of whole strings never hit.</summary>
    Varied,
}
