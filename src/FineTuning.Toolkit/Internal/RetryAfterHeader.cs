using System.ClientModel.Primitives;
using System.Globalization;

namespace FineTuning.Toolkit.Internal;

/// <summary>
/// Reads the delay a service asks for: <c>retry-after-ms</c> first, then <c>retry-after</c> (seconds or an HTTP date),
/// capped at one day. Shared by the job runner's and the comparer's resilience pipelines.
/// </summary>
internal static class RetryAfterHeader
{
    public static TimeSpan? Parse(PipelineResponseHeaders headers, DateTimeOffset now)
    {
        if (headers.TryGetValue("retry-after-ms", out var ms)
            && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var milliseconds)
            && milliseconds >= 0 && !double.IsInfinity(milliseconds))
        {
            return TimeSpan.FromMilliseconds(Math.Min(milliseconds, TimeSpan.FromDays(1).TotalMilliseconds));
        }

        if (headers.TryGetValue("retry-after", out var value) && !string.IsNullOrWhiteSpace(value))
        {
            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
            {
                return seconds >= 0 ? TimeSpan.FromSeconds(Math.Min(seconds, TimeSpan.FromDays(1).TotalSeconds)) : null;
            }

            if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
            {
                var delay = date - now;
                return delay > TimeSpan.Zero ? delay : TimeSpan.Zero;
            }
        }

        return null;
    }
}
