using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace FineTuning.Toolkit.Comparison.Execution;

/// <summary>Builds the Polly retry pipeline used for model and judge calls.</summary>
internal static class ComparisonResilience
{
    public static ResiliencePipeline Build(ModelComparerOptions options, TimeProvider timeProvider, ILogger logger, RunCounters? counters)
    {
        if (options.MaxRetryAttempts == 0)
        {
            return ResiliencePipeline.Empty;
        }

        var builder = new ResiliencePipelineBuilder { TimeProvider = timeProvider };
        builder.AddRetry(new RetryStrategyOptions
        {
            MaxRetryAttempts = options.MaxRetryAttempts,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = options.RetryDelay,
            MaxDelay = options.MaxRetryDelay,
            ShouldHandle = args => ValueTask.FromResult(RetryAfter.IsTransient(args.Outcome.Exception)),
            DelayGenerator = args =>
            {
                var delay = RetryAfter.TryGet(args.Outcome.Exception, timeProvider.GetUtcNow());
                if (delay is { } d && d > options.MaxRetryDelay)
                {
                    d = options.MaxRetryDelay;
                    return ValueTask.FromResult<TimeSpan?>(d);
                }

                return ValueTask.FromResult(delay);
            },
            OnRetry = args =>
            {
                counters?.Retry();
                Log.ComparisonRetry(logger, args.AttemptNumber + 1, args.RetryDelay, args.Outcome.Exception?.GetType().Name ?? "result");
                return ValueTask.CompletedTask;
            },
        });
        return builder.Build();
    }
}
