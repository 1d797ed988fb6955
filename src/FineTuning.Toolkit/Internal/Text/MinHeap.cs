using System.Buffers;

namespace FineTuning.Toolkit.Internal.Text;

/// <summary>A binary min-heap of 64-bit keys on a pooled array (the merge queue of <see cref="BytePairCounter"/>).</summary>
internal struct MinHeap : IDisposable
{
    private long[] _items;
    private int _count;

    public MinHeap(int capacity)
    {
        _items = ArrayPool<long>.Shared.Rent(Math.Max(16, capacity));
        _count = 0;
    }

    public void Push(long key)
    {
        if (_count == _items.Length)
        {
            var larger = ArrayPool<long>.Shared.Rent(_items.Length * 2);
            Array.Copy(_items, larger, _count);
            ArrayPool<long>.Shared.Return(_items);
            _items = larger;
        }

        var items = _items;
        var at = _count++;
        while (at > 0)
        {
            var parent = (at - 1) >> 1;
            if (items[parent] <= key)
            {
                break;
            }

            items[at] = items[parent];
            at = parent;
        }

        items[at] = key;
    }

    public bool TryPop(out long key)
    {
        if (_count == 0)
        {
            key = 0;
            return false;
        }

        var items = _items;
        key = items[0];
        var last = items[--_count];
        var at = 0;
        while (true)
        {
            var child = (2 * at) + 1;
            if (child >= _count)
            {
                break;
            }

            if (child + 1 < _count && items[child + 1] < items[child])
            {
                child++;
            }

            if (last <= items[child])
            {
                break;
            }

            items[at] = items[child];
            at = child;
        }

        items[at] = last;
        return true;
    }

    public void Dispose()
    {
        if (_items.Length > 0)
        {
            ArrayPool<long>.Shared.Return(_items);
            _items = [];
        }
    }
}
