using System;
using System.Collections;
using System.Collections.Generic;

namespace Pipelines.Argo.Model;

/// <summary>
/// A string-keyed map that keeps insertion order, for labels, annotations, resource lists and other maps of the
/// Argo model. Order is kept so that output is deterministic and follows what the user wrote.
/// </summary>
/// <typeparam name="TValue">The value type.</typeparam>
public sealed class OrderedMap<TValue> : IDictionary<string, TValue>, IReadOnlyDictionary<string, TValue>
{
    private readonly List<KeyValuePair<string, TValue>> _items = [];
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);

    /// <inheritdoc cref="IDictionary{TKey, TValue}.this" />
    public TValue this[string key]
    {
        get => _index.TryGetValue(key, out var i) ? _items[i].Value : throw new KeyNotFoundException("No entry '" + key + "'.");
        set
        {
            if (_index.TryGetValue(key, out var i))
            {
                _items[i] = new KeyValuePair<string, TValue>(key, value);
            }
            else
            {
                _index[key] = _items.Count;
                _items.Add(new KeyValuePair<string, TValue>(key, value));
            }
        }
    }

    /// <inheritdoc />
    public ICollection<string> Keys => _items.ConvertAll(static p => p.Key);

    /// <inheritdoc />
    public ICollection<TValue> Values => _items.ConvertAll(static p => p.Value);

    IEnumerable<string> IReadOnlyDictionary<string, TValue>.Keys => Keys;

    IEnumerable<TValue> IReadOnlyDictionary<string, TValue>.Values => Values;

    /// <inheritdoc cref="ICollection{T}.Count" />
    public int Count => _items.Count;

    /// <inheritdoc />
    public bool IsReadOnly => false;

    /// <inheritdoc />
    public void Add(string key, TValue value)
    {
        if (_index.ContainsKey(key))
        {
            throw new ArgumentException("An entry '" + key + "' already exists.", nameof(key));
        }

        this[key] = value;
    }

    /// <inheritdoc />
    public void Add(KeyValuePair<string, TValue> item) => Add(item.Key, item.Value);

    /// <inheritdoc />
    public void Clear()
    {
        _items.Clear();
        _index.Clear();
    }

    /// <inheritdoc />
    public bool Contains(KeyValuePair<string, TValue> item) =>
        _index.TryGetValue(item.Key, out var i) && EqualityComparer<TValue>.Default.Equals(_items[i].Value, item.Value);

    /// <inheritdoc cref="IDictionary{TKey, TValue}.ContainsKey" />
    public bool ContainsKey(string key) => _index.ContainsKey(key);

    /// <inheritdoc />
    public void CopyTo(KeyValuePair<string, TValue>[] array, int arrayIndex) => _items.CopyTo(array, arrayIndex);

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, TValue>> GetEnumerator() => _items.GetEnumerator();

    /// <inheritdoc />
    public bool Remove(string key)
    {
        if (!_index.TryGetValue(key, out var i))
        {
            return false;
        }

        _items.RemoveAt(i);
        _index.Remove(key);
        for (var j = i; j < _items.Count; j++)
        {
            _index[_items[j].Key] = j;
        }

        return true;
    }

    /// <inheritdoc />
    public bool Remove(KeyValuePair<string, TValue> item) => Contains(item) && Remove(item.Key);

    /// <inheritdoc cref="IDictionary{TKey, TValue}.TryGetValue" />
    public bool TryGetValue(string key, out TValue value)
    {
        if (_index.TryGetValue(key, out var i))
        {
            value = _items[i].Value;
            return true;
        }

        value = default!;
        return false;
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
