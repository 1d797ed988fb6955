using System.Runtime.CompilerServices;
namespace FineTuning.Toolkit.Validation;

/// <summary>
/// Exact distribution statistics in memory bounded by the number of distinct values (not of examples): counts per value,
/// quantiles by linear interpolation between order statistics (numpy's default).
/// </summary>
internal sealed class Histogram
{
    private readonly Dictionary<int, int> _counts = [];
    private long _sum;
    private int _count;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(int value)
    {
        _counts[value] = _counts.TryGetValue(value, out var n) ? n + 1 : 1;
        _sum += value;
        _count++;
    }

    public DistributionStatistics ToStatistics()
    {
        if (_count == 0)
        {
            return DistributionStatistics.Empty;
        }

        var values = _counts.Keys.ToArray();
        Array.Sort(values);
        var cumulative = new long[values.Length];
        long running = 0;
        for (var i = 0; i < values.Length; i++)
        {
            running += _counts[values[i]];
            cumulative[i] = running;
        }

        return new DistributionStatistics(
            _count,
            values[0],
            values[^1],
            (double)_sum / _count,
            Quantile(values, cumulative, 0.5),
            Quantile(values, cumulative, 0.05),
            Quantile(values, cumulative, 0.95));
    }

    private double Quantile(int[] values, long[] cumulative, double q)
    {
        var position = (_count - 1) * q;
        var lower = (long)Math.Floor(position);
        var fraction = position - lower;
        var low = OrderStatistic(values, cumulative, lower);
        var high = fraction > 0 ? OrderStatistic(values, cumulative, lower + 1) : low;
        return low + ((high - low) * fraction);
    }

    private static int OrderStatistic(int[] values, long[] cumulative, long rank)
    {
        var index = Array.BinarySearch(cumulative, rank + 1);
        if (index < 0)
        {
            index = ~index;
        }

        return values[index];
    }
}
