namespace FineTuning.Toolkit.Testing.Internal;

/// <summary>Stateless, seeded pseudo-random numbers: the same (seed, index, channel) always gives the same value.</summary>
internal static class DeterministicNoise
{
    public static double Uniform(long seed, long index, int channel)
    {
        var x = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL ^ (ulong)index * 0xBF58476D1CE4E5B9UL ^ (ulong)channel * 0x94D049BB133111EBUL);
        x = unchecked((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL);
        x = unchecked((x ^ (x >> 27)) * 0x94D049BB133111EBUL);
        x ^= x >> 31;
        return (x >> 11) * (1.0 / (1UL << 53));
    }

    public static double Gaussian(long seed, long index, int channel)
    {
        var u1 = Math.Max(Uniform(seed, index, channel * 2), 1e-12);
        var u2 = Uniform(seed, index, (channel * 2) + 1);
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    public static int Hash(string text)
    {
        // FNV-1a: stable across processes, unlike string.GetHashCode.
        unchecked
        {
            var hash = 2166136261u;
            foreach (var c in text)
            {
                hash = (hash ^ c) * 16777619u;
            }

            return (int)hash;
        }
    }
}
