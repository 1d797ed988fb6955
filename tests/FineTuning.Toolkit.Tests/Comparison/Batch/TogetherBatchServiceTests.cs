using System.Text.Json;
using FineTuning.Toolkit.Comparison.Batch;
using FineTuning.Toolkit.Providers;
using FineTuning.Toolkit.Providers.Together;

namespace FineTuning.Toolkit.Tests.Comparison.Batch;

/// <summary>How a Together <c>BatchJob</c> reads on the batch watcher's scale, and the providers' documented batch limits.</summary>
public sealed class TogetherBatchServiceTests
{
    [Theory]
    [InlineData("VALIDATING", 0.0, "validating", 0, "validating_files")]
    [InlineData("IN_PROGRESS", 37.5, "in_progress", 30, "running")]
    [InlineData("COMPLETED", 99.9, "completed", 80, "succeeded")]
    [InlineData("EXPIRED", 50.0, "expired", 40, "failed")]
    [InlineData("FAILED", 0.0, "failed", 0, "failed")]
    [InlineData("CANCELLED", 12.5, "cancelled", 10, "cancelled")]
    public void Parse_UppercaseStatusAndPercentage_ReadOnTheOpenAIScaleWithCompletedRequests(string status, double progress, string expected, int completed, string jobStatus)
    {
        using var job = JsonDocument.Parse($$"""{"id":"0b1c","input_file_id":"file-1","status":"{{status}}","progress":{{progress.ToString(System.Globalization.CultureInfo.InvariantCulture)}},"created_at":"2026-12-01T09:00:00.000Z"}""");

        var batch = TogetherBatchService.Parse(job.RootElement, 80);

        Assert.Equal(expected, batch.Status);
        Assert.Equal(80, batch.Total);
        Assert.Equal(completed, batch.Completed);
        Assert.Equal(jobStatus, batch.JobStatus.ToString());
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero), batch.InProgressAt);
        Assert.Null(batch.Chunk);
    }

    [Fact]
    public void EstimateFinish_TogetherBatchAQuarterDone_PacesFromItsCreation()
    {
        using var job = JsonDocument.Parse("""{"id":"b","status":"IN_PROGRESS","progress":25,"created_at":"2026-12-01T09:00:00Z"}""");
        var batch = TogetherBatchService.Parse(job.RootElement, 400);

        Assert.Equal(new DateTimeOffset(2026, 12, 1, 9, 40, 0, TimeSpan.Zero), BatchWatcher.EstimateFinish(batch, new DateTimeOffset(2026, 12, 1, 9, 10, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Capabilities_BatchLimits_AreEachProvidersDocumentedOnes()
    {
        Assert.True(KnownCapabilities.Together.SupportsBatch);
        Assert.Equal(50_000, KnownCapabilities.Together.MaxBatchRequests);
        Assert.Equal(100L * 1024 * 1024, KnownCapabilities.Together.MaxBatchFileBytes);
        Assert.Equal(0.5m, KnownCapabilities.Together.BatchDiscount);
        Assert.Contains("docs.together.ai/docs/inference/batch", KnownCapabilities.Together.Source, StringComparison.Ordinal);
        Assert.Equal(200L * 1024 * 1024, KnownCapabilities.OpenAI.MaxBatchFileBytes);
        Assert.Equal(100_000, KnownCapabilities.AzureOpenAI.MaxBatchRequests);
        Assert.Null(KnownCapabilities.OpenAICompatible.MaxBatchRequests);
    }
}
