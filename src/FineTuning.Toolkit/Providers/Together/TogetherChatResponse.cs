namespace FineTuning.Toolkit.Providers.Together;

/// <summary>The parts of a Together AI chat completion the chat client reads.</summary>
internal sealed record TogetherChatResponse(string? Id, string? Model, long? Created, IReadOnlyList<TogetherChatChoice>? Choices, TogetherChatUsage? Usage);
