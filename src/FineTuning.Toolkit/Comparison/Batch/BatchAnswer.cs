namespace FineTuning.Toolkit.Comparison.Batch;

/// <summary>The result of one request of a batch: the answer and its usage, or why it failed.</summary>
internal sealed record BatchAnswer(string Text, long? InputTokens, long? OutputTokens, string? Error);
