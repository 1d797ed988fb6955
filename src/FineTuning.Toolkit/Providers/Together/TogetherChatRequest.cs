namespace FineTuning.Toolkit.Providers.Together;

/// <summary>The body of Together AI's OpenAI-compatible <c>POST /chat/completions</c>.</summary>
internal sealed record TogetherChatRequest(
    string Model,
    IReadOnlyList<TogetherChatMessage> Messages,
    double? Temperature,
    double? TopP,
    int? MaxTokens,
    IReadOnlyList<string>? Stop,
    long? Seed);
