using FineTuning.Toolkit.Providers;
using FineTuning.Toolkit.Validation;

namespace FineTuning.Toolkit.Tests.Validation;

public class CostEstimatorTests
{
    [Theory]
    [InlineData(1, 25)]      // 100 / 1 = 100, capped at 25
    [InlineData(2, 25)]      // 100 / 2 = 50, capped at 25
    [InlineData(10, 10)]     // 30 < 100: 100 / 10
    [InlineData(20, 5)]      // 60 < 100: 100 / 20
    [InlineData(33, 3)]      // 99 < 100: 100 / 33 = 3
    [InlineData(34, 3)]      // 102: default
    [InlineData(1000, 3)]    // 3,000: default
    [InlineData(8333, 3)]    // 24,999: default
    [InlineData(8334, 2)]    // 25,002 > 25,000: 25,000 / 8,334 = 2
    [InlineData(20000, 1)]   // 25,000 / 20,000 = 1
    [InlineData(100000, 1)]  // 25,000 / 100,000 = 0, at least 1
    public void GetAutomaticEpochs_ExampleCount_FollowsCookbook(int examples, int expected)
    {
        Assert.Equal(expected, CostEstimator.GetAutomaticEpochs(examples));
    }

    [Fact]
    public void Estimate_ExampleOverLimit_BillsLimitTimesEpochs()
    {
        // gpt-4o-mini: 65,536-token limit, $3.00 per 1M. (100 + 200 + 65,536) × 3 = 197,508 tokens → $0.592524.
        var estimate = CostEstimator.Estimate([100, 200, 70_000], "gpt-4o-mini-2024-07-18", epochs: 3);

        Assert.Equal(3, estimate.Epochs);
        Assert.False(estimate.EpochsAutomatic);
        Assert.Equal(197_508, estimate.BilledTokens);
        Assert.Equal(0.5925m, estimate.EstimatedUsd);
        Assert.Equal(3.00m, estimate.TrainingUsdPerMillionTokens);
    }

    [Fact]
    public void Estimate_AutomaticEpochs_UsesCookbookEpochs()
    {
        // Three examples: 100 / 3 = 33, capped at 25 epochs. 65,836 × 25 = 1,645,900 tokens → $4.9377 at $3.00/1M.
        var estimate = CostEstimator.Estimate([100, 200, 70_000], "gpt-4o-mini");

        Assert.Equal(25, estimate.Epochs);
        Assert.True(estimate.EpochsAutomatic);
        Assert.Equal(1_645_900, estimate.BilledTokens);
        Assert.Equal(4.9377m, estimate.EstimatedUsd);
    }

    [Fact]
    public void Estimate_Gpt35_Uses16385Limit()
    {
        var estimate = CostEstimator.Estimate([20_000], "gpt-3.5-turbo", epochs: 1);

        Assert.Equal(16_385, estimate.BilledTokens);
        Assert.Equal(Math.Round(16_385 * 8.00m / 1_000_000m, 4), estimate.EstimatedUsd);
    }

    [Theory]
    [InlineData("gpt-4o-mini-2024-07-18", 3.00)]
    [InlineData("gpt-4o-mini", 3.00)]
    [InlineData("ft:gpt-4o-mini-2024-07-18:techflow:support:abc", 3.00)]
    [InlineData("gpt-4o-2024-08-06", 25.00)]
    [InlineData("gpt-4o", 25.00)]
    [InlineData("gpt-4.1-2025-04-14", 25.00)]
    [InlineData("gpt-4.1-mini-2025-04-14", 5.00)]
    [InlineData("gpt-4.1-nano", 1.50)]
    [InlineData("gpt-3.5-turbo-0125", 8.00)]
    [InlineData("gpt-3.5-turbo", 8.00)]
    public void Catalog_Default_FindsModelFamilies(string model, double price)
    {
        Assert.True(ModelLifecycleCatalog.Default.TryGet(ModelLifecycleCatalog.OpenAI, model, out var entry));
        Assert.Equal((decimal)price, entry.Price!.TrainingPerMillionTokens);
    }

    [Fact]
    public void Catalog_UnknownModel_HasNoPriceAndTheSmallestDocumentedLimit()
    {
        Assert.False(ModelLifecycleCatalog.Default.TryGet(ModelLifecycleCatalog.OpenAI, "llama-3-8b", out _));
        Assert.Equal(16_385, ModelLifecycleCatalog.Default.GetMaxTokensPerExample(ModelLifecycleCatalog.OpenAI, "llama-3-8b"));
        Assert.Null(CostEstimator.Estimate([10], "llama-3-8b", 1).EstimatedUsd);
        Assert.Equal(16_385, CostEstimator.Estimate([100_000], "llama-3-8b", 1).BilledTokens);
    }

    [Fact]
    public void Catalog_With_OverridesEntry()
    {
        var entry = new ModelLifecycle(ModelLifecycleCatalog.OpenAI, "gpt-4o-mini-2024-07-18", 1000, new Uri("https://example.test/prices")) { Price = new ModelPrice(1.00m, 0m, 0m) };
        var catalog = ModelLifecycleCatalog.Default.With(entry);

        var estimate = CostEstimator.Estimate([5000], "gpt-4o-mini", epochs: 2, catalog: catalog);

        Assert.Equal(2000, estimate.BilledTokens);
        Assert.Equal(0.002m, estimate.EstimatedUsd);
        Assert.Equal(ModelLifecycleCatalog.Default.Entries.Count, catalog.Entries.Count);
    }

    [Fact]
    public void Estimate_TogetherModel_UsesTogetherPriceAndLimit()
    {
        var estimate = CostEstimator.Estimate([200_000, 1_000], "meta-llama/Meta-Llama-3.1-8B-Instruct-Reference", epochs: 1, provider: ModelLifecycleCatalog.Together);

        Assert.Equal(131_072 + 1_000, estimate.BilledTokens);
        Assert.Equal(Math.Round(132_072 * 0.48m / 1_000_000m, 4), estimate.EstimatedUsd);
    }

    [Fact]
    public void PublicMembers_InvalidArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>("exampleTokenCounts", () => CostEstimator.Estimate(null!, "gpt-4o"));
        Assert.Throws<ArgumentNullException>("model", () => CostEstimator.Estimate([1], null!));
        Assert.Throws<ArgumentOutOfRangeException>("epochs", () => CostEstimator.Estimate([1], "gpt-4o", 0));
        Assert.Throws<ArgumentOutOfRangeException>("exampleCount", () => CostEstimator.GetAutomaticEpochs(-1));
        Assert.Throws<ArgumentNullException>("entry", () => ModelLifecycleCatalog.Default.With(null!));
        Assert.Throws<ArgumentNullException>("model", () => ModelLifecycleCatalog.Default.TryGet(ModelLifecycleCatalog.OpenAI, null!, out _));
    }
}
