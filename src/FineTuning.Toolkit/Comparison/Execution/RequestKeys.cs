using Microsoft.Extensions.AI;

namespace FineTuning.Toolkit.Comparison.Execution;

/// <summary>
/// Resume keys: hashes (MEAI's <see cref="AIJsonUtilities.HashDataToString"/>, over its source-generated contracts) of
/// everything that decides an answer or a verdict. The model's display name is never part of a key.
/// </summary>
internal static class RequestKeys
{
    private const string AnswerVersion = "ftk-answer-v2";
    private const string PairVersion = "ftk-pair-v2";

    public static string ForAnswer(ModelIdentity identity, int repeat, IReadOnlyList<ChatMessage> messages, ChatOptions options) =>
        AIJsonUtilities.HashDataToString(
            [AnswerVersion, identity.Provider, identity.Endpoint, identity.ModelId, repeat, ToArray(messages), options],
            AIJsonUtilities.DefaultOptions);

    public static string ForPair(string judgeKey, TestCase testCase, int repeat, string textA, string textB) =>
        AIJsonUtilities.HashDataToString(
            [PairVersion, judgeKey, testCase.Id, repeat, ToArray(testCase.Messages), textA, textB],
            AIJsonUtilities.DefaultOptions);

    /// <summary>The additional cache-key values of a model's answers for one repeat (repeats are distinct samples).</summary>
    public static object[] CacheValues(ModelIdentity identity, int repeat) =>
        [AnswerVersion, identity.Provider ?? string.Empty, identity.Endpoint ?? string.Empty, identity.ModelId ?? string.Empty, repeat];

    private static ChatMessage[] ToArray(IReadOnlyList<ChatMessage> messages) => [.. messages];
}
