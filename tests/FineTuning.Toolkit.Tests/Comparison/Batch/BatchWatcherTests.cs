using FineTuning.Toolkit.Comparison.Batch;
using FineTuning.Toolkit.Jobs;

namespace FineTuning.Toolkit.Tests.Comparison.Batch;

public sealed class BatchWatcherTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void EstimateFinish_QuarterDoneAfterTenMinutes_ThirtyMoreMinutes()
    {
        var batch = new BatchSnapshot("b", "in_progress", 1000, 240, 10, "f", null, null, Start, null);

        Assert.Equal(Start.AddMinutes(40), BatchWatcher.EstimateFinish(batch, Start.AddMinutes(10)));
    }

    [Theory]
    [InlineData("validating", 0)]
    [InlineData("in_progress", 0)]
    [InlineData("finalizing", 1000)]
    public void EstimateFinish_NothingToExtrapolate_Null(string status, int completed)
    {
        var batch = new BatchSnapshot("b", status, 1000, completed, 0, "f", null, null, Start, null);

        Assert.Null(BatchWatcher.EstimateFinish(batch, Start.AddMinutes(10)));
    }

    [Theory]
    [InlineData("validating", "validating_files")]
    [InlineData("in_progress", "running")]
    [InlineData("finalizing", "running")]
    [InlineData("cancelling", "running")]
    [InlineData("completed", "succeeded")]
    [InlineData("expired", "failed")]
    [InlineData("failed", "failed")]
    [InlineData("cancelled", "cancelled")]
    [InlineData("something_new", "queued")]
    public void JobStatus_EveryBatchStatus_MapsToTheJobsCadence(string status, string expected)
    {
        var batch = new BatchSnapshot("b", status, 1, 0, 0, null, null, null, null, null);

        Assert.Equal(new FineTuneJobStatus(expected), batch.JobStatus);
        Assert.Equal(status is "completed" or "expired" or "failed" or "cancelled", batch.IsTerminal);
    }
}
