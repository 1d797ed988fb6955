namespace FineTuning.Toolkit.Testing.Internal;

/// <summary>Seeded identifiers shaped like OpenAI's (<c>file-…</c>, <c>ftjob-…</c>, <c>ftevent-…</c>).</summary>
internal sealed class IdGenerator
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private readonly Random _random;
    private readonly object _gate = new();

    public IdGenerator(int seed) => _random = new Random(seed);

    public string Next(string prefix, int length)
    {
        var chars = new char[length];
        lock (_gate)
        {
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = Alphabet[_random.Next(Alphabet.Length)];
            }
        }

        return prefix + new string(chars);
    }

    public int NextInt(int maxExclusive)
    {
        lock (_gate)
        {
            return _random.Next(maxExclusive);
        }
    }
}
