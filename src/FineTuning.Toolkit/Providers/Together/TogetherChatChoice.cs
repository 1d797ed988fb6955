namespace FineTuning.Toolkit.Providers.Together;

/// <summary>One choice of a Together AI chat completion; <c>finish_reason</c> may be <c>eos</c> (Llama models).</summary>
internal sealed record TogetherChatChoice(int Index, TogetherChatMessage? Message, string? FinishReason);
