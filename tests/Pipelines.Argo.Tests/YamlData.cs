using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Pipelines.Argo.Model;
using Pipelines.Argo.Yaml;

namespace Pipelines.Argo.Tests;

/// <summary>
/// Turns a YAML tree into a canonical text of its data (types resolved, mapping keys sorted), so that two documents
/// can be compared by value rather than by text.
/// </summary>
public static class YamlData
{
    public static string Canonical(YamlValue node)
    {
        var sb = new StringBuilder();
        Append(sb, node);
        return sb.ToString();
    }

    private static void Append(StringBuilder sb, YamlValue node)
    {
        switch (node)
        {
            case YamlScalar s:
                switch (s.Type)
                {
                    case YamlScalarType.Null:
                        sb.Append("null");
                        break;
                    case YamlScalarType.Bool:
                        sb.Append(s.Value is "y" or "Y" or "yes" or "Yes" or "YES" or "on" or "On" or "ON" or "true" or "True" or "TRUE" ? "true" : "false");
                        break;
                    case YamlScalarType.Int:
                        sb.Append(ModelReader.TryParseInt(s.Value, out var n) ? n.ToString(CultureInfo.InvariantCulture) : "int:" + s.Value);
                        break;
                    case YamlScalarType.Float:
                        sb.Append("float:").Append(double.Parse(s.Value.Replace("_", string.Empty), CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture));
                        break;
                    default:
                        sb.Append('"').Append(s.Value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n")).Append('"');
                        break;
                }

                break;
            case YamlSequence seq:
                sb.Append('[');
                foreach (var item in seq.Items)
                {
                    Append(sb, item);
                    sb.Append(',');
                }

                sb.Append(']');
                break;
            case YamlMapping map:
                sb.Append('{');
                foreach (var entry in map.Entries.OrderBy(e => e.Key.Value, System.StringComparer.Ordinal))
                {
                    sb.Append('"').Append(entry.Key.Value).Append("\":");
                    Append(sb, entry.Value);
                    sb.Append(',');
                }

                sb.Append('}');
                break;
        }
    }

    public static List<ManifestDocument> Argo(ManifestFile file) => file.Documents.Where(d => d.ArgoKind is not null).ToList();
}
