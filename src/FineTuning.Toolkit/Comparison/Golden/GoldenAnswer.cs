namespace FineTuning.Toolkit.Comparison.Golden;

/// <summary>One recorded answer of a <see cref="GoldenRecord"/>.</summary>
/// <param name="CaseId">The case it answered.</param>
/// <param name="ConversationKey">The SHA-256 key of the conversation (roles and texts, system prompt included) it answers.</param>
/// <param name="Response">The recorded answer.</param>
/// <param name="InputTokens">The input tokens reported when it was recorded.</param>
/// <param name="OutputTokens">The output tokens reported when it was recorded.</param>
/// <param name="LatencyMilliseconds">The latency when it was recorded.</param>
internal sealed record GoldenAnswer(string CaseId, string ConversationKey, string Response, long? InputTokens, long? OutputTokens, double LatencyMilliseconds);
