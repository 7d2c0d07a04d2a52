namespace MultiAgent.Observability.Metrics;

/// <summary>
/// An append-only list with one writer at a time (the caller holds a lock) and any number of lock-free readers.
/// The writer publishes the array before the count and readers read the count first, so a reader never indexes
/// past the array it reads, whatever resize raced with it.
/// </summary>
internal sealed class PublishedList<T>(int initialCapacity)
    where T : class
{
    private T[] _items = new T[initialCapacity];
    private int _count;

    public int Count => Volatile.Read(ref _count);

    /// <summary>Gets a consistent prefix of the list.</summary>
    public ReadOnlySpan<T> Items
    {
        get
        {
            var count = Volatile.Read(ref _count);
            return Volatile.Read(ref _items).AsSpan(0, count);
        }
    }

    /// <summary>Appends an item; the caller serializes writers.</summary>
    /// <returns>The item's index.</returns>
    public int Add(T item)
    {
        var items = _items;
        var count = _count;
        if (count == items.Length)
        {
            Array.Resize(ref items, items.Length * 2);
        }

        items[count] = item;
        Volatile.Write(ref _items, items);
        Volatile.Write(ref _count, count + 1);
        return count;
    }
}
