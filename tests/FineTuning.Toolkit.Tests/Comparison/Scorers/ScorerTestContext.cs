using FineTuning.Toolkit.Comparison;
using FineTuning.Toolkit.Comparison.Scorers;

namespace FineTuning.Toolkit.Tests.Comparison.Scorers;

internal static class ScorerTestContext
{
    public static ScoringContext For(string response, TestExpectations? expectations = null, string prompt = "How do I reset my password?") =>
        new(TestCase.FromPrompt("case", prompt, "account", expectations), "model", response);
}
