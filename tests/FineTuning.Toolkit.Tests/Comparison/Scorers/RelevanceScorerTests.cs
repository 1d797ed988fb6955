using FineTuning.Toolkit.Comparison;
using FineTuning.Toolkit.Comparison.Scorers;
using Microsoft.Extensions.AI;

namespace FineTuning.Toolkit.Tests.Comparison.Scorers;

public class RelevanceScorerTests
{
    private const string DoubleChargeReply =
        "I'm really sorry about the double charge — let's make this right! 💳\n\n**What I'm doing:** Duplicate charges need a person on our billing team to review your account, so let me connect you with a human right away.\n\n**In the meantime:**\n1. Note the dates and amounts of both charges (techflow.com/billing → **Invoices**)\n2. Don't dispute the charge with your bank yet — that can slow down the refund\n\n**Next step:** A billing specialist will reply by email within 1 business day.";

    private const string PlanUpsell =
        "Happy to help! Since you're on **Pro**, there's one step first. 👥\n\n**Good to know:** Pro is for one person. Adding coworkers needs the **Team** plan ($49/mo, up to 10 members).\n\n**Quick Steps:**\n1. Go to techflow.com/billing and click **Change subscription**\n2. Choose **Team** — you only pay the prorated difference this month\n3. Open your project, click **Share** and invite your two coworkers\n\n**Ready to upgrade?** I can walk you through it right now!";

    private const string OutageReply =
        "I'm sorry — let's find out what's happening right away! 🚨\n\n**Quick check:**\n1. Look at techflow.com/status for a live incident update\n2. If it shows an incident, our engineers are already on it\n\n**Let me connect you with a human** on our support team now.";

    private const string TwoFactorReply =
        "Happy to help — two-factor authentication keeps your account much safer! 🛡️\n\n**Quick Steps:**\n1. Go to techflow.com/settings/security\n2. Click **Enable two-factor authentication**\n3. Scan the QR code with your authenticator app\n\n**Need more help?** Let me know!";

    [Theory]
    [InlineData("Your service is down!", "escalation", DoubleChargeReply)]
    [InlineData("How do I set up two-factor authentication with my phone?", "account", PlanUpsell)]
    [InlineData("Does TechFlow have a Gantt chart view?", "features", DoubleChargeReply)]
    public async Task ScoreAsync_AnswerToADifferentQuestion_Fails(string prompt, string category, string answer)
    {
        var score = await Scorer.Relevance().ScoreAsync(Context(prompt, category, answer));

        Assert.Equal(ScoreOutcome.Fail, score.Outcome);
        Assert.Equal("off-topic", score.Label);
    }

    [Theory]
    [InlineData("Your service is down!", "escalation", OutageReply)]
    [InlineData("How do I set up two-factor authentication with my phone?", "account", TwoFactorReply)]
    [InlineData("You charged me twice this month.", "billing", DoubleChargeReply)]
    [InlineData("I want to speak to a manager. This bot has been useless.", "escalation", OutageReply)]
    public async Task ScoreAsync_AnswerToTheQuestion_Passes(string prompt, string category, string answer)
    {
        var score = await Scorer.Relevance().ScoreAsync(Context(prompt, category, answer));

        Assert.Equal(ScoreOutcome.Pass, score.Outcome);
    }

    [Fact]
    public async Task ScoreAsync_CategoryNamesATopicTheAnswerMisses_Fails()
    {
        var score = await Scorer.Relevance().ScoreAsync(Context("Can you help me with something?", "billing", TwoFactorReply));

        Assert.Equal(ScoreOutcome.Fail, score.Outcome);
        Assert.Contains("asked about billing", score.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScoreAsync_EmbeddingsGiven_LowSimilarityFailsEvenWhenTopicsMeet()
    {
        var embeddings = new BagOfWordsEmbeddings();
        var scorer = Scorer.Relevance(embeddings, minimumSimilarity: 0.3);

        var related = await scorer.ScoreAsync(Context("Please reset my password reset link", "account", "Your password reset link: open the reset page and reset your password."));
        var unrelated = await scorer.ScoreAsync(Context("Please reset my password", "account", "Our account plans: Pro and Team accounts differ in seats."));

        Assert.Equal(ScoreOutcome.Pass, related.Outcome);
        Assert.Equal(ScoreOutcome.Fail, unrelated.Outcome);
        Assert.Contains("similarity", unrelated.Reason, StringComparison.Ordinal);
        Assert.True(embeddings.Calls >= 2);
    }

    private static ScoringContext Context(string prompt, string category, string answer) =>
        new(TestCase.FromPrompt("case", prompt, category), "model", answer, "You are TechFlow's helpful support assistant.");

    /// <summary>A deterministic embedding: counts of a few hashed word buckets.</summary>
    private sealed class BagOfWordsEmbeddings : IEmbeddingGenerator<string, Embedding<float>>
    {
        private int _calls;

        public int Calls => _calls;

        public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _calls);
            var result = new GeneratedEmbeddings<Embedding<float>>();
            foreach (var value in values)
            {
                var vector = new float[64];
                foreach (var word in value.ToLowerInvariant().Split([' ', '.', ',', ':', '!', '?'], StringSplitOptions.RemoveEmptyEntries))
                {
                    vector[StableBucket(word)] += 1;
                }

                result.Add(new Embedding<float>(vector));
            }

            return Task.FromResult(result);
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        // string.GetHashCode is randomized per process: an FNV-1a bucket keeps the vectors (and the test) the same on every run.
        private static int StableBucket(string word)
        {
            var hash = 2166136261u;
            foreach (var c in word)
            {
                hash = (hash ^ c) * 16777619u;
            }

            return (int)(hash % 64);
        }

        public void Dispose()
        {
        }
    }
}
