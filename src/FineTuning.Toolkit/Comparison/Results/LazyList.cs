using System.Collections;

namespace FineTuning.Toolkit.Comparison.Results;

/// <summary>
/// A read-only list whose items are made when asked for (read from disk, for example), never held: enumerating it twice
/// reads twice, and holding an item is the caller's choice.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
internal sealed class LazyList<T>(int count, Func<int, T> get) : IReadOnlyList<T>
{
    public int Count => count;

    public T this[int index] => (uint)index < (uint)count ? get(index) : throw new ArgumentOutOfRangeException(nameof(index));

    public IEnumerator<T> GetEnumerator()
    {
        for (var i = 0; i < count; i++)
        {
            yield return get(i);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
