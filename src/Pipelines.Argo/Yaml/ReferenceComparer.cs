using System.Collections.Generic;

namespace Pipelines.Argo.Yaml;

/// <summary>Compares YAML nodes by identity (a node reached through an alias is the same object).</summary>
internal sealed class ReferenceComparer : IEqualityComparer<YamlValue>
{
    public static readonly ReferenceComparer Instance = new();

    public bool Equals(YamlValue? x, YamlValue? y) => ReferenceEquals(x, y);

    public int GetHashCode(YamlValue obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
}
