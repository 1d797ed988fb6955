using System.Runtime.CompilerServices;
using FineTuning.Toolkit.Comparison;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;

namespace FineTuning.Toolkit.Tests.Comparison.Execution;

public class StreamingMeasurementTests
{
    [Fact]
    public async Task CompareAsync_Streaming_MeasuresTimeToFirstTokenAndOutputTokensPerSecond()
    {
        var clock = new FakeTimeProvider();
        var options = ComparisonFixtures.Options(o =>
        {
            o.Streaming = true;
            o.MaxConcurrency = 1;
            o.MaxRetryAttempts = 0;
        });

        var report = await new ModelComparer(options, clock).CompareAsync(
            ComparisonFixtures.Suite(2),
            new ModelUnderTest("base", new StreamingClient(clock, "base", TimeSpan.FromMilliseconds(400), TimeSpan.FromMilliseconds(1000), 50)),
            new ModelUnderTest("ft", new StreamingClient(clock, "ft", TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(500), 150)));

        Assert.All(report.Results.Where(r => r.Model == "ft"), r =>
        {
            Assert.Equal(TechFlowAnswers.Formatted, r.Response);
            Assert.Equal(200, r.TimeToFirstTokenMilliseconds);
            Assert.Equal(700, r.LatencyMilliseconds);
            Assert.Equal(300, r.OutputTokensPerSecond);
        });
        var usage = report.Usage.Single(u => u.Model == "base");
        Assert.Equal(400, usage.TimeToFirstTokenP50Milliseconds);
        Assert.Equal(50, usage.OutputTokensPerSecondP50);
    }

    [Fact]
    public async Task CompareAsync_NotStreaming_ReportsNoTimeToFirstToken()
    {
        var report = await new ModelComparer(ComparisonFixtures.Options()).CompareAsync(
            ComparisonFixtures.Suite(2), new ModelUnderTest("base", ComparisonFixtures.Base()), new ModelUnderTest("ft", ComparisonFixtures.FineTuned()));

        Assert.All(report.Results, r => Assert.Null(r.TimeToFirstTokenMilliseconds));
        Assert.All(report.Usage, u => Assert.Null(u.TimeToFirstTokenP50Milliseconds));
    }

    /// <summary>Streams the formatted answer in three chunks: the first after <c>firstToken</c>, the rest over <c>rest</c>.</summary>
    private sealed class StreamingClient(FakeTimeProvider clock, string modelId, TimeSpan firstToken, TimeSpan rest, int outputTokens) : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("The comparer should stream.");

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
            IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            var text = TechFlowAnswers.Formatted;
            clock.Advance(firstToken);
            yield return new ChatResponseUpdate(ChatRole.Assistant, text[..10]);
            clock.Advance(rest / 2);
            yield return new ChatResponseUpdate(ChatRole.Assistant, text[10..40]);
            clock.Advance(rest / 2);
            yield return new ChatResponseUpdate(ChatRole.Assistant, text[40..]);
            yield return new ChatResponseUpdate { Contents = [new UsageContent(new UsageDetails { InputTokenCount = 20, OutputTokenCount = outputTokens })] };
        }

        public object? GetService(Type serviceType, object? serviceKey = null) =>
            serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("test", null, modelId) : null;

        public void Dispose()
        {
        }
    }
}
