using System.Diagnostics.Metrics;
using FineTuning.Toolkit.Comparison;

namespace FineTuning.Toolkit.Tests.Comparison;

public class ComparisonTelemetryTests
{
    [Fact]
    public async Task CompareAsync_PublishesAnswersBySourceOnTheToolkitMeter()
    {
        var model = "telemetry-" + Guid.NewGuid().ToString("N");
        var counts = new Dictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "FineTuning.Toolkit" && instrument.Name == "fine_tuning.comparison.answers")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            var tagList = tags.ToArray();
            if (tagList.Any(t => t.Key == "model" && (string?)t.Value == model))
            {
                var source = (string)tagList.Single(t => t.Key == "source").Value!;
                lock (counts)
                {
                    counts[source] = counts.GetValueOrDefault(source) + value;
                }
            }
        });
        listener.Start();
        var options = ComparisonFixtures.Options(o => o.CacheDirectory = ComparisonTestFiles.TempDirectory());

        await new ModelComparer(options).CompareAsync(ComparisonFixtures.Suite(3), new ModelUnderTest(model, ComparisonFixtures.Base()), new ModelUnderTest("ft", ComparisonFixtures.FineTuned()));
        await new ModelComparer(options).CompareAsync(ComparisonFixtures.Suite(3), new ModelUnderTest(model, ComparisonFixtures.Base()), new ModelUnderTest("ft", ComparisonFixtures.FineTuned()));

        Assert.Equal(3, counts["call"]);
        Assert.Equal(3, counts["cache"]);
    }
}
