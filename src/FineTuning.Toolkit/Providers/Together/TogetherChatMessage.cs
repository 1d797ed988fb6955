namespace FineTuning.Toolkit.Providers.Together;

/// <summary>One chat message as Together AI sends and receives it.</summary>
internal sealed record TogetherChatMessage(string Role, string? Content);
