namespace MultiAgent.Observability.Metrics;

/// <summary>
/// A list with one writer at a time (the caller holds a lock) and any number of lock-free readers. Readers see the
/// array and the count as one published view, so a reader never indexes past the array it reads, whatever resize or
/// removal raced with it. Appends write past every published count; a removal publishes a new array.
/// </summary>
internal sealed class PublishedList<T>(int initialCapacity)
    where T : class
{
    private View _view = new(new T[initialCapacity], 0);

    public int Count => Volatile.Read(ref _view).Count;

    /// <summary>Gets a consistent prefix of the list.</summary>
    public ReadOnlySpan<T> Items
    {
        get
        {
            var view = Volatile.Read(ref _view);
            return view.Items.AsSpan(0, view.Count);
        }
    }

    /// <summary>Appends an item; the caller serializes writers.</summary>
    /// <returns>The item's index.</returns>
    public int Add(T item)
    {
        var (items, count) = _view;
        if (count == items.Length)
        {
            Array.Resize(ref items, items.Length * 2);
        }

        items[count] = item;
        Volatile.Write(ref _view, new View(items, count + 1));
        return count;
    }

    /// <summary>Replaces the item at <paramref name="index"/>; readers see the old or the new one. The caller serializes writers.</summary>
    public void Replace(int index, T item) => Volatile.Write(ref _view.Items[index], item);

    /// <summary>Removes an item (by reference), keeping the order of the rest; the caller serializes writers.</summary>
    /// <returns>False when the item is not in the list.</returns>
    public bool Remove(T item)
    {
        var (items, count) = _view;
        var at = Array.IndexOf(items, item, 0, count);
        if (at < 0)
        {
            return false;
        }

        // A new array: readers of the old view keep reading it unchanged.
        var copy = new T[items.Length];
        Array.Copy(items, copy, at);
        Array.Copy(items, at + 1, copy, at, count - at - 1);
        Volatile.Write(ref _view, new View(copy, count - 1));
        return true;
    }

    private sealed record View(T[] Items, int Count);
}
