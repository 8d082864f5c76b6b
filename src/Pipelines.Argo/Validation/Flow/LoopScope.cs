using System;
using System.Collections.Generic;
using Pipelines.Argo.Model;
using Pipelines.Argo.Yaml;

namespace Pipelines.Argo.Validation.Flow;

/// <summary>The <c>{{item...}}</c> references a loop provides (LOOP-03, VAR-16).</summary>
internal sealed class LoopScope
{
    private readonly HashSet<string> _keys = new(StringComparer.Ordinal);

    /// <summary>withParam: any <c>item.*</c> may exist at run time.</summary>
    public bool Any { get; private set; }

    /// <summary>The <c>item.K</c> / <c>item.[i]</c> tags withItems provides.</summary>
    public IEnumerable<string> Keys => _keys;

    /// <summary>The loop of a step or task, or null when it has none. Like Argo, withItems wins over withParam, which wins over withSequence.</summary>
    public static LoopScope? Of(List<YamlValue>? withItems, string? withParam, Sequence? withSequence)
    {
        var scope = new LoopScope();
        if (!scope.Add(withItems, withParam, withSequence))
        {
            return null;
        }

        return scope;
    }

    /// <summary>Adds what a loop provides; false when there is no loop.</summary>
    public bool Add(List<YamlValue>? withItems, string? withParam, Sequence? withSequence)
    {
        if (withItems is { Count: > 0 })
        {
            foreach (var item in withItems)
            {
                switch (item)
                {
                    case YamlSequence seq:
                        for (var i = 0; i < seq.Items.Count; i++)
                        {
                            _keys.Add("item.[" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]");
                        }

                        break;
                    case YamlMapping map:
                        foreach (var e in map.Entries)
                        {
                            _keys.Add("item." + e.Key.Value);
                        }

                        break;
                }
            }

            return true;
        }

        if (!string.IsNullOrEmpty(withParam))
        {
            Any = true;
            return true;
        }

        return withSequence is not null;
    }

    /// <summary>True when <paramref name="tag"/> (<c>item.K</c>) is provided.</summary>
    public bool Accepts(string tag) => Any || _keys.Contains(tag);
}
