using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Text;
using Pipelines.Argo.Model;
using Pipelines.Argo.Yaml;

namespace Pipelines.Import;

/// <summary>
/// Writes a model object (<c>Pipelines.Argo.Model</c>) as the C# object initializer the generator reads back
/// (<c>[Spec]</c>): <c>new() { Prop = value }</c>, collection expressions for lists, <c>["key"] = value</c> for maps,
/// <c>new YamlMapping { { "key", value } }</c> for free-form values. Short values stay on one line.
/// </summary>
internal sealed class InitializerWriter
{
    private const int LineWidth = 120;
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> Properties = new();

    /// <summary>Values that have no C# form (a YAML null in a free-form value), with their JSON path.</summary>
    public List<string> Inexpressible { get; } = [];

    /// <summary>The initializer of <paramref name="value"/>, its first line starting at <paramref name="indent"/> levels.</summary>
    public string Write(object value, int indent, string path) => Format(Build(value, path), indent);

    /// <summary>Whether a value is worth writing (null, and nothing else, is left out).</summary>
    public static IEnumerable<(PropertyInfo Property, object Value)> SetProperties(object value) =>
        PropertiesOf(value.GetType()).Select(p => (p, p.GetValue(value))).Where(x => x.Item2 is not null).Select(x => (x.p, x.Item2!));

    private static PropertyInfo[] PropertiesOf(Type type) => Properties.GetOrAdd(type, static t => t
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.CanRead && p.CanWrite && p.GetIndexParameters().Length == 0)
        .OrderBy(p => p.MetadataToken)
        .ToArray());

    /// <summary>The JSON name of a model property (the generator's rule, see InitializerReader.JsonName).</summary>
    public static string JsonName(PropertyInfo property)
    {
        var name = property.Name;
        var type = property.DeclaringType!.Name;
        if (name.Length > 5 && name.EndsWith("Value", StringComparison.Ordinal) && name.Substring(0, name.Length - 5) == type)
        {
            name = type;
        }

        return char.ToLowerInvariant(name[0]) + name.Substring(1);
    }

    private Node Build(object value, string path)
    {
        switch (value)
        {
            case string s:
                return new Text(s);
            case bool b:
                return new Atom(b ? "true" : "false");
            case long or int:
                return new Atom(Convert.ToString(value, CultureInfo.InvariantCulture)!);
            case IntOrString ios:
                return ios.IsInteger ? new Atom(ios.Text) : new Text(ios.Text);
            case Quantity q:
                return new Text(q.Text);
            case AnyString a:
                return new Text(a.Text);
            case Amount amount:
                return new Atom(NumberLiteral(amount.Text) ?? amount.Text);
            case YamlValue yaml:
                return Yaml(yaml, path);
            case IEnumerable map when IsMap(value.GetType()):
                var entries = new List<(string, Node)>();
                foreach (var e in map)
                {
                    // KeyValuePair<string, T> of an OrderedMap<T>.
                    var key = (string)e.GetType().GetProperty("Key")!.GetValue(e)!;
                    var entry = e.GetType().GetProperty("Value")!.GetValue(e);
                    entries.Add((CSharpLiteral.Quoted(key), entry is null ? new Atom("null") : Build(entry, path + "." + key)));
                }

                return new Composite("new()", entries.Select(e => new Member("[" + e.Item1 + "] = ", e.Item2)).ToList(), Brace.Object);
            case IList list:
                var items = new List<Member>();
                var i = 0;
                foreach (var item in list)
                {
                    items.Add(new Member(string.Empty, Build(item!, path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]")));
                    i++;
                }

                return new Composite(string.Empty, items, Brace.List);
            default:
                var members = SetProperties(value).Select(p => new Member(p.Property.Name + " = ", Build(p.Value, path + "." + JsonName(p.Property)))).ToList();
                return new Composite("new()", members, Brace.Object);
        }
    }

    private Node Yaml(YamlValue value, string path)
    {
        switch (value)
        {
            case YamlMapping mapping:
                return new Composite("new YamlMapping", mapping.Entries.Select(e => new Member(string.Empty, new Pair(CSharpLiteral.Quoted(e.Key.Value), Yaml(e.Value, path + "." + e.Key.Value)))).ToList(), Brace.Object);
            case YamlSequence sequence:
                return new Composite("new YamlSequence", sequence.Items.Select((x, i) => new Member(string.Empty, Yaml(x, path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]"))).ToList(), Brace.Object);
            case YamlScalar scalar:
                switch (scalar.Type)
                {
                    case YamlScalarType.Bool:
                        return new Atom(IsTrue(scalar.Value) ? "true" : "false");
                    case YamlScalarType.Int when long.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l):
                        return new Atom(l.ToString(CultureInfo.InvariantCulture));
                    case YamlScalarType.Float when NumberLiteral(scalar.Value) is { } number:
                        return new Atom(number);
                    case YamlScalarType.Null:
                        Inexpressible.Add(path);
                        return new Atom("\"\"");
                    default:
                        return new Text(scalar.Value);
                }

            default:
                throw new ArgumentException("Unknown YAML node " + value.GetType().Name, nameof(value));
        }
    }

    private static bool IsMap(Type type) => type.IsGenericType && type.GetGenericTypeDefinition() == typeof(OrderedMap<>);

    private static bool IsTrue(string text) => text is "true" or "True" or "TRUE" or "yes" or "Yes" or "YES" or "on" or "On" or "ON" or "y" or "Y";

    /// <summary>A C# literal that the generator writes back as the same number text, or null.</summary>
    private static string? NumberLiteral(string text)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) || double.IsInfinity(d) || double.IsNaN(d))
        {
            return null;
        }

        var r = d.ToString("R", CultureInfo.InvariantCulture);
        if (r != text)
        {
            return null;
        }

        return r.Contains('.') || r.Contains('E') ? r : r + ".0";
    }

    private static string Format(Node node, int indent) => Inline(node) is { } inline && inline.Length + indent * 4 <= LineWidth ? inline : Block(node, indent);

    private static string? Inline(Node node)
    {
        switch (node)
        {
            case Atom a:
                return a.Value;
            case Text t:
                return t.Value.Contains('\n') ? null : CSharpLiteral.Quoted(t.Value);
            case Pair p:
                return Inline(p.Value) is { } pv ? "{ " + p.Key + ", " + pv + " }" : null;
            case Composite c:
                var parts = new List<string>();
                foreach (var m in c.Members)
                {
                    if (Inline(m.Value) is not { } v)
                    {
                        return null;
                    }

                    parts.Add(m.Prefix + v);
                }

                if (c.Brace == Brace.List)
                {
                    return "[" + string.Join(", ", parts) + "]";
                }

                return parts.Count == 0 ? (c.Head == "new()" ? c.Head : c.Head + "()") : c.Head + " { " + string.Join(", ", parts) + " }";
            default:
                return null;
        }
    }

    private static string Block(Node node, int indent)
    {
        switch (node)
        {
            case Text t:
                return CSharpLiteral.String(t.Value, indent);
            case Pair p:
                return "{ " + p.Key + ", " + Format(p.Value, indent) + " }";
            case Composite c:
                var pad = new string(' ', indent * 4);
                var inner = new string(' ', (indent + 1) * 4);
                var sb = new StringBuilder();
                sb.Append(c.Brace == Brace.List ? "[" : c.Head + "\n" + pad + "{").Append('\n');
                foreach (var m in c.Members)
                {
                    var value = Format(m.Value, indent + 1);
                    if (m.Prefix.Length > 0 && value.StartsWith('[') && value.Contains('\n'))
                    {
                        // A long list starts on its own line: "Templates =" then "[" below it.
                        sb.Append(inner).Append(m.Prefix.TrimEnd()).Append('\n').Append(inner).Append(value).Append(",\n");
                        continue;
                    }

                    sb.Append(inner).Append(m.Prefix).Append(value).Append(",\n");
                }

                return sb.Append(pad).Append(c.Brace == Brace.List ? "]" : "}").ToString();
            default:
                return Inline(node)!;
        }
    }

    private enum Brace
    {
        Object,
        List,
    }

    private abstract record Node;

    private sealed record Atom(string Value) : Node;

    private sealed record Text(string Value) : Node;

    private sealed record Pair(string Key, Node Value) : Node;

    private sealed record Member(string Prefix, Node Value);

    private sealed record Composite(string Head, List<Member> Members, Brace Brace) : Node;
}
