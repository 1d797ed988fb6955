namespace FineTuning.Toolkit.Providers.Together;

/// <summary>The token usage of a Together AI chat completion.</summary>
internal sealed record TogetherChatUsage(long? PromptTokens, long? CompletionTokens, long? TotalTokens);
