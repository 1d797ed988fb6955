using FineTuning.Toolkit.Datasets;
using FineTuning.Toolkit.Validation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace FineTuning.Toolkit.Tests.Validation;

public class DatasetValidatorLoggingTests
{
    [Fact]
    public async Task ValidateAsync_WithLoggerAndClock_LogsSummaryAndTimesWithTheClock()
    {
        var logger = new FakeLogger<DatasetValidator>();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var validator = new DatasetValidator(logger, clock);
        var dataset = Dataset.Create(Enumerable.Range(0, 10).Select(i => (DatasetExample)new TrainingExample
        {
            Messages =
            [
                TrainingMessage.System("You are helpful."),
                TrainingMessage.User($"Question {i}? My key is sk-abcdefghijklmnopqrstuvwxyz123456"),
                TrainingMessage.Assistant($"A complete and friendly answer to question {i}, with next steps to follow."),
            ],
        }));

        var report = await validator.ValidateAsync(dataset);

        Assert.Equal(TimeSpan.Zero, report.Duration);
        var summary = Assert.Single(logger.Collector.GetSnapshot(), r => r.Id.Id == 2001);
        Assert.Equal(LogLevel.Information, summary.Level);
        Assert.Contains("10 examples, 0 errors, 10 warnings", summary.Message, StringComparison.Ordinal);
        Assert.All(logger.Collector.GetSnapshot(), r => Assert.DoesNotContain("sk-abcdefghijklmnopqrstuvwxyz123456", r.Message, StringComparison.Ordinal));
        Assert.All(report.Issues, i => Assert.DoesNotContain("sk-abcdefghijklmnopqrstuvwxyz123456", i.Message, StringComparison.Ordinal));
    }
}
