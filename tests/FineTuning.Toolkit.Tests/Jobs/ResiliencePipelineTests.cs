using System.Net;
using System.Text;
using FineTuning.Toolkit.Jobs;

namespace FineTuning.Toolkit.Tests.Jobs;

/// <summary>Backoff, retry-after, timeouts and the circuit breaker, on a fake clock: time moves only when the test says.</summary>
public sealed class ResiliencePipelineTests
{
    private const string JobPath = "fine_tuning/jobs/ftjob-r";

    [Fact]
    public async Task Retry_RetryAfterMs_WaitsExactlyThatLong()
    {
        using var context = new RunnerTestContext();
        var answers = Script(context, FakeOpenAIServer.Error(429, "rate_limit_exceeded", "Slow down.", ("retry-after-ms", "3000"), ("x-ratelimit-remaining-requests", "0")));
        var start = context.Time.GetUtcNow();

        var call = context.Runner.GetJobAsync("ftjob-r");
        await WaitForRequestsAsync(context, 1);

        Assert.Equal(start + TimeSpan.FromSeconds(3), context.Time.NextWakeUp);
        context.Time.Advance(TimeSpan.FromMilliseconds(2999));
        await Task.Delay(20);
        Assert.Single(answers);
        context.Time.Advance(TimeSpan.FromMilliseconds(1));
        var job = await call;

        Assert.Equal(2, answers.Count);
        Assert.Equal("ftjob-r", job.Id);
    }

    [Fact]
    public async Task Retry_RetryAfterSeconds_IsCappedByMaxRetryAfter()
    {
        using var context = new RunnerTestContext(o => o.Resilience.MaxRetryAfter = TimeSpan.FromSeconds(10));
        Script(context, FakeOpenAIServer.Error(503, "overloaded", "Try later.", ("retry-after", "3600")));
        var start = context.Time.GetUtcNow();

        var call = context.Runner.GetJobAsync("ftjob-r");
        await WaitForRequestsAsync(context, 1);

        Assert.Equal(start + TimeSpan.FromSeconds(10), context.Time.NextWakeUp);
        context.Time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal("ftjob-r", (await call).Id);
    }

    [Fact]
    public async Task Retry_ServerErrorsWithoutRetryAfter_BackOffExponentially()
    {
        using var context = new RunnerTestContext(o => o.Resilience.BaseDelay = TimeSpan.FromSeconds(1));
        var answers = Script(context, FakeOpenAIServer.Error(500, "server_error", "Oops."), FakeOpenAIServer.Error(502, "bad_gateway", "Oops."), FakeOpenAIServer.Error(503, "unavailable", "Oops."));
        var start = context.Time.GetUtcNow();

        var call = context.Runner.GetJobAsync("ftjob-r");
        var wakeUps = new List<TimeSpan>();
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            await WaitForRequestsAsync(context, attempt);
            var next = context.Time.NextWakeUp!.Value;
            wakeUps.Add(next - context.Time.GetUtcNow());
            context.Time.Advance(next - context.Time.GetUtcNow());
        }

        await call;
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)], wakeUps);
        Assert.Equal(start + TimeSpan.FromSeconds(7), context.Time.GetUtcNow());
        Assert.Equal(4, answers.Count);
    }

    [Fact]
    public async Task Retry_WithJitter_StaysWithinTheBackoffEnvelope()
    {
        using var context = new RunnerTestContext(o =>
        {
            o.Resilience.UseJitter = true;
            o.Resilience.BaseDelay = TimeSpan.FromSeconds(2);
        });
        Script(context, FakeOpenAIServer.Error(500, "server_error", "Oops."));

        var call = context.Runner.GetJobAsync("ftjob-r");
        await WaitForRequestsAsync(context, 1);
        var delay = context.Time.NextWakeUp!.Value - context.Time.GetUtcNow();
        context.Time.Advance(delay);
        await call;

        Assert.InRange(delay, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Retry_DroppedConnection_IsRetried()
    {
        using var context = new RunnerTestContext();
        var calls = 0;
        context.Server.Intercept = (_, path) => path == JobPath
            ? Interlocked.Increment(ref calls) == 1 ? throw new HttpRequestException("Connection reset by peer") : JobResponse()
            : null;

        var job = await context.DriveAsync(context.Runner.GetJobAsync("ftjob-r"));

        Assert.Equal("ftjob-r", job.Id);
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task Retry_AttemptHangs_TimesOutAndRetries()
    {
        using var context = new RunnerTestContext(o => o.Resilience.AttemptTimeout = TimeSpan.FromSeconds(15));
        var hung = 0;
        context.Server.Hang = (_, path) => path == JobPath && Interlocked.Increment(ref hung) == 1;
        context.Server.Intercept = (_, path) => path == JobPath ? JobResponse() : null;
        var start = context.Time.GetUtcNow();

        var job = await context.DriveAsync(context.Runner.GetJobAsync("ftjob-r"));

        Assert.Equal("ftjob-r", job.Id);
        Assert.Equal(2, hung);
        Assert.Equal(start + TimeSpan.FromSeconds(16), context.Time.GetUtcNow());
    }

    [Fact]
    public async Task Retry_BadRequest_IsNotRetried()
    {
        using var context = new RunnerTestContext();
        var answers = Script(context, FakeOpenAIServer.Error(400, "invalid_request_error", "Bad model."));

        var error = await Assert.ThrowsAsync<FineTuneApiException>(() => context.DriveAsync(context.Runner.GetJobAsync("ftjob-r")));

        Assert.Equal(400, error.StatusCode);
        Assert.False(error.IsTransient);
        Assert.Single(answers);
    }

    [Fact]
    public async Task Retry_Exhausted_ThrowsTransientErrorWithStatus()
    {
        using var context = new RunnerTestContext(o => o.Resilience.MaxRetryAttempts = 2);
        context.Server.Intercept = (_, path) => path == JobPath ? FakeOpenAIServer.Error(503, "unavailable", "Down.") : null;

        var error = await Assert.ThrowsAsync<FineTuneApiException>(() => context.DriveAsync(context.Runner.GetJobAsync("ftjob-r")));

        Assert.Equal(503, error.StatusCode);
        Assert.True(error.IsTransient);
        Assert.Equal(3, context.Server.Count("GET", JobPath));
    }

    [Fact]
    public async Task CircuitBreaker_RepeatedFailures_StopsSendingDuringTheBreak()
    {
        using var context = new RunnerTestContext(o =>
        {
            o.Resilience.MaxRetryAttempts = 6;
            o.Resilience.MinimumThroughput = 2;
            o.Resilience.FailureRatio = 0.5;
            o.Resilience.BreakDuration = TimeSpan.FromSeconds(20);
        });
        context.Server.Intercept = (_, path) => path == JobPath ? FakeOpenAIServer.Error(500, "server_error", "Down.") : null;

        await Assert.ThrowsAsync<FineTuneApiException>(() => context.DriveAsync(context.Runner.GetJobAsync("ftjob-r")));

        Assert.True(context.Server.Count("GET", JobPath) < 7, $"{context.Server.Count("GET", JobPath)} requests reached the server");
    }

    private static List<int> Script(RunnerTestContext context, params HttpResponseMessage[] failures)
    {
        var answers = new List<int>();
        context.Server.Intercept = (_, path) =>
        {
            if (path != JobPath)
            {
                return null;
            }

            lock (answers)
            {
                answers.Add(answers.Count);
                return answers.Count <= failures.Length ? failures[answers.Count - 1] : JobResponse();
            }
        };
        return answers;
    }

    private static HttpResponseMessage JobResponse() => new(HttpStatusCode.OK)
    {
        Content = new StringContent("""{"object":"fine_tuning.job","id":"ftjob-r","model":"gpt-4o-mini-2024-07-18","status":"running","error":{},"created_at":1767603600}""", Encoding.UTF8, "application/json"),
    };

    private static async Task WaitForRequestsAsync(RunnerTestContext context, int count)
    {
        for (var i = 0; i < 5000 && (context.Server.Count("GET", JobPath) < count || context.Time.NextWakeUp is null); i++)
        {
            await Task.Delay(1);
        }

        Assert.Equal(count, context.Server.Count("GET", JobPath));
    }
}
