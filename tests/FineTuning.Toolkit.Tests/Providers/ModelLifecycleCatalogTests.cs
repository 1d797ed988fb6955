using FineTuning.Toolkit.Providers;
using FineTuning.Toolkit.Validation;
using Microsoft.Extensions.Time.Testing;

namespace FineTuning.Toolkit.Tests.Providers;

public sealed class ModelLifecycleCatalogTests
{
    private static readonly ModelLifecycleCatalog Catalog = ModelLifecycleCatalog.Default;

    [Fact]
    public void Default_EveryEntry_HasASourceAndAPositiveLimit()
    {
        Assert.All(Catalog.Entries, e =>
        {
            Assert.Equal("https", e.Source.Scheme);
            Assert.True(e.MaxTokensPerExample > 0);
        });
        Assert.Contains(Catalog.Entries, e => e.Provider == ModelLifecycleCatalog.AzureOpenAI);
        Assert.Contains(Catalog.Entries, e => e.Provider == ModelLifecycleCatalog.Together);
    }

    [Theory]
    [InlineData("openai", "gpt-4o-mini-2024-07-18", "2027-01-06", "2027-01-14")]
    [InlineData("openai", "gpt-4.1-mini", "2027-01-06", "2027-01-14")]
    [InlineData("azure", "gpt-4o-mini-2024-07-18.ft-0e208cf33a6a466994aff31a08aba678", "2027-04-01", "2027-10-01")]
    [InlineData("azure", "gpt-4.1-2025-04-14", "2027-04-14", "2027-10-14")]
    [InlineData("AZURE", "o4-mini", "2027-04-16", "2027-10-16")]
    public void TryGet_KnownModel_HasTheDocumentedDates(string provider, string model, string trainingEnds, string servingEnds)
    {
        Assert.True(Catalog.TryGet(provider, model, out var entry));
        Assert.Equal(DateOnly.Parse(trainingEnds, System.Globalization.CultureInfo.InvariantCulture), entry.TrainingEndsOn);
        Assert.Equal(DateOnly.Parse(servingEnds, System.Globalization.CultureInfo.InvariantCulture), entry.ServingEndsOn);
    }

    [Fact]
    public void TryGet_LongerFamilyName_IsNotTakenForTheShorterFamily()
    {
        Assert.True(Catalog.TryGet(ModelLifecycleCatalog.OpenAI, "gpt-4o-mini", out var mini));
        Assert.Equal("gpt-4o-mini-2024-07-18", mini.Model);
        Assert.False(Catalog.TryGet(ModelLifecycleCatalog.OpenAI, "gpt-4o-audio-preview", out _));
    }

    [Fact]
    public void GetMaxTokensPerExample_UnknownModel_GetsTheSmallestDocumentedLimitNotTheLargest()
    {
        Assert.Equal(16_385, Catalog.GetMaxTokensPerExample(ModelLifecycleCatalog.OpenAI, "some-new-model"));
        Assert.Equal(16_384, Catalog.GetMaxTokensPerExample(ModelLifecycleCatalog.Together, "Qwen/Unknown-7B"));
        Assert.Equal(16_384, Catalog.GetMaxTokensPerExample("fireworks", "whatever"));
        Assert.Equal(131_072, Catalog.GetMaxTokensPerExample(ModelLifecycleCatalog.Together, "meta-llama/Meta-Llama-3.1-8B-Instruct-Reference"));
    }

    [Fact]
    public void CheckTraining_AfterOpenAICutOff_IsPastAndNamesTheDateAndAlternatives()
    {
        var check = Catalog.CheckTraining(ModelLifecycleCatalog.OpenAI, "gpt-4o-mini-2024-07-18", new DateTimeOffset(2027, 1, 6, 0, 0, 1, TimeSpan.Zero));

        Assert.True(check.IsPastCutOff);
        Assert.False(check.IsNearCutOff);
        Assert.Contains("2027-01-06", check.Message, StringComparison.Ordinal);
        Assert.Equal("azure: gpt-4o-mini-2024-07-18 (until 2027-04-01)", check.Alternatives[0]);
        Assert.Contains(check.Alternatives, a => a.StartsWith("together:", StringComparison.Ordinal));
        Assert.Contains("azure: gpt-4o-mini-2024-07-18", check.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckTraining_DayBeforeCutOff_IsNearNotPast()
    {
        var check = Catalog.CheckTraining(ModelLifecycleCatalog.OpenAI, "gpt-4o-mini", new DateTimeOffset(2027, 1, 5, 23, 0, 0, TimeSpan.Zero));

        Assert.True(check.IsNearCutOff);
        Assert.False(check.IsPastCutOff);
        Assert.Contains("2027-01-06", check.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckTraining_FarFromCutOffOrNoEnd_HasNoMessage()
    {
        Assert.Null(Catalog.CheckTraining(ModelLifecycleCatalog.OpenAI, "gpt-4o-mini", new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero)).Message);
        Assert.Null(Catalog.CheckTraining(ModelLifecycleCatalog.Together, "meta-llama/Meta-Llama-3.1-8B-Instruct-Reference", new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero)).Message);
        Assert.Null(Catalog.CheckTraining(ModelLifecycleCatalog.OpenAI, "unknown", new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero)).Message);
    }

    [Fact]
    public void WithShutdownDates_ModelsPayload_SetsServingEndsOnForThatProviderOnly()
    {
        const string Payload = """
            {"object":"list","data":[
              {"id":"gpt-4.1-nano-2025-04-14","object":"model","created":1,"owned_by":"system","shutdown_date":"2027-02-01"},
              {"id":"gpt-3.5-turbo-0125","object":"model","created":1,"owned_by":"system","shutdown_date":1798761600},
              {"id":"not-in-catalog","object":"model","created":1,"owned_by":"system","shutdown_date":"2027-03-01"},
              {"id":"gpt-4o-2024-08-06","object":"model","created":1,"owned_by":"system"}]}
            """;

        var refreshed = Catalog.WithShutdownDates(ModelLifecycleCatalog.OpenAI, Payload);

        Assert.True(refreshed.TryGet(ModelLifecycleCatalog.OpenAI, "gpt-4.1-nano-2025-04-14", out var nano));
        Assert.Equal(new DateOnly(2027, 2, 1), nano.ServingEndsOn);
        Assert.True(refreshed.TryGet(ModelLifecycleCatalog.OpenAI, "gpt-3.5-turbo-0125", out var turbo));
        Assert.Equal(new DateOnly(2027, 1, 1), turbo.ServingEndsOn);
        Assert.True(refreshed.TryGet(ModelLifecycleCatalog.OpenAI, "gpt-4o-2024-08-06", out var gpt4o));
        Assert.Equal(new DateOnly(2027, 1, 14), gpt4o.ServingEndsOn);
        Assert.True(refreshed.TryGet(ModelLifecycleCatalog.AzureOpenAI, "gpt-4.1-nano-2025-04-14", out var azureNano));
        Assert.Equal(new DateOnly(2027, 10, 14), azureNano.ServingEndsOn);
        Assert.Equal(Catalog.Entries.Count, refreshed.Entries.Count);
        Assert.Same(Catalog, Catalog.WithShutdownDates(ModelLifecycleCatalog.OpenAI, "not json"));
    }

    [Fact]
    public void ModelPrice_Cost_AppliesTheBatchDiscountOnlyForBatch()
    {
        var price = new ModelPrice(3m, 0.30m, 1.20m) { BatchDiscount = 0.5m };

        Assert.Equal(1.50m, price.Cost(1_000_000, 1_000_000));
        Assert.Equal(0.75m, price.Cost(1_000_000, 1_000_000, batch: true));
        Assert.Equal(0.9m, price.TrainingCost(300_000));
        Assert.Null(new ModelPrice(null, 0m, 0m).TrainingCost(1));
    }

    [Fact]
    public async Task Validator_NearOpenAICutOff_WarnsWithTheDateAndAlternatives()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero));
        var validator = new DatasetValidator(null, clock);
        var dataset = Path.GetTempFileName();
        await File.WriteAllTextAsync(dataset, FineTuning.Toolkit.Tests.Testing.TechFlowTrainingData.ToJsonl());
        try
        {

            await AssertWarnsAsync(validator, clock, dataset);
        }
        finally
        {
            File.Delete(dataset);
        }
    }

    private static async Task AssertWarnsAsync(DatasetValidator validator, FakeTimeProvider clock, string dataset)
    {
        var early = await validator.ValidateFileAsync(dataset);
        Assert.DoesNotContain(early.Issues, i => i.Code == ValidationIssueCodes.ModelTrainingEnding);

        clock.SetUtcNow(new DateTimeOffset(2026, 12, 20, 0, 0, 0, TimeSpan.Zero));
        var report = await validator.ValidateFileAsync(dataset);

        var warning = Assert.Single(report.Issues, i => i.Code == ValidationIssueCodes.ModelTrainingEnding);
        Assert.Equal(ValidationSeverity.Warning, warning.Severity);
        Assert.Contains("2027-01-06", warning.Message, StringComparison.Ordinal);
        Assert.Contains("azure: gpt-4o-mini-2024-07-18", warning.Message, StringComparison.Ordinal);

        var azure = await validator.ValidateFileAsync(dataset, new ValidationOptions { Provider = ModelLifecycleCatalog.AzureOpenAI });
        Assert.DoesNotContain(azure.Issues, i => i.Code == ValidationIssueCodes.ModelTrainingEnding);
    }

    [Fact]
    public void PublicMembers_NullArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>("entries", () => new ModelLifecycleCatalog(default, null!));
        Assert.Throws<ArgumentNullException>("provider", () => Catalog.WithShutdownDates(null!, "{}"));
        Assert.Throws<ArgumentNullException>("modelsJson", () => Catalog.WithShutdownDates("openai", null!));
        Assert.Throws<ArgumentNullException>("provider", () => Catalog.CheckTraining(null!, "m", default));
        Assert.Throws<ArgumentException>("entries", () => new ModelLifecycleCatalog(default, [new ModelLifecycle("openai", "m", 0, new Uri("https://x.test"))]));
    }
}
