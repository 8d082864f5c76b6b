using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace Pipelines.Argo.SchemaGen;

/// <summary>
/// Turns Argo's JSON schema into C# model classes and their strict YAML binding code. Pure: the same schema and
/// field-order text always give the same files, byte for byte.
/// </summary>
public static class ModelGenerator
{
    /// <summary>The four Argo kinds whose reachable definitions make up the model.</summary>
    public static readonly string[] RootKinds = ["Workflow", "WorkflowTemplate", "ClusterWorkflowTemplate", "CronWorkflow"];

    private const string ArgoPrefix = "io.argoproj.workflow.v1alpha1.";

    // Definitions with a hand-written C# type, or none at all.
    private static readonly Dictionary<string, Shape> SpecialDefinitions = new(StringComparer.Ordinal)
    {
        ["io.k8s.apimachinery.pkg.util.intstr.IntOrString"] = Shape.Prim("IntOrString"),
        ["io.k8s.apimachinery.pkg.api.resource.Quantity"] = Shape.Prim("Quantity"),
        ["io.argoproj.workflow.v1alpha1.Amount"] = Shape.Prim("Amount"),
        ["io.argoproj.workflow.v1alpha1.Item"] = Shape.Prim("Any"),
        ["io.argoproj.workflow.v1alpha1.Plugin"] = Shape.Prim("Any"),
        ["io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1"] = Shape.Prim("Any"),
    };

    // Argo's AnyString fields: typed string in the schema, but Argo also accepts numbers and booleans there.
    private static readonly HashSet<string> AnyStringFields = new(StringComparer.Ordinal)
    {
        ArgoPrefix + "Parameter.default",
        ArgoPrefix + "Parameter.value",
        ArgoPrefix + "Parameter.enum",
        ArgoPrefix + "ValueFrom.default",
    };

    // schema.json marks these required, but Argo's CRD does not: spec.templateDefaults can supply them, and the
    // validator's TPL-02 rule checks that one of the two does.
    private static readonly HashSet<string> NotRequired = new(StringComparer.Ordinal)
    {
        "io.k8s.api.core.v1.Container.image",
        ArgoPrefix + "ScriptTemplate.image",
    };

    private static readonly string[] KindFieldsFirst = ["apiVersion", "kind", "metadata", "spec", "status"];

    /// <summary>Generates the Argo Workflows model. Returns file name → content.</summary>
    public static SortedDictionary<string, string> Generate(string schemaJson, string? fieldOrderText) =>
        Generate(ModelProfile.Argo, schemaJson, fieldOrderText);

    /// <summary>Generates the model described by <paramref name="profile"/>. Returns file name → content.</summary>
    public static SortedDictionary<string, string> Generate(ModelProfile profile, string schemaJson, string? fieldOrderText)
    {
        using var doc = JsonDocument.Parse(schemaJson);
        var definitions = doc.RootElement.GetProperty("definitions");
        var order = ParseFieldOrder(fieldOrderText);

        var reachable = Reachable(definitions, profile.Roots);
        var names = AssignNames(reachable, profile.OwnPrefix);
        var classes = new List<ClassModel>();
        foreach (var def in reachable)
        {
            if (Special(profile, def) is not null)
            {
                continue;
            }

            var element = definitions.GetProperty(def);
            var type = element.TryGetProperty("type", out var t) ? t.GetString() : null;
            if (type != "object")
            {
                continue;
            }

            var props = new List<PropertyModel>();
            if (element.TryGetProperty("properties", out var properties))
            {
                foreach (var p in properties.EnumerateObject())
                {
                    var shape = ShapeOf(profile, p.Value, definitions, names, def + "." + p.Name);
                    props.Add(new PropertyModel(p.Name, PropertyName(p.Name, names[def]), shape));
                }
            }

            var required = element.TryGetProperty("required", out var req)
                ? req.EnumerateArray().Select(x => x.GetString()!).Where(r => !NotRequired.Contains(def + "." + r)).ToArray()
                : [];
            classes.Add(new ClassModel(def, names[def], Order(def, props, order), required));
        }

        classes.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["Types.g.cs"] = EmitTypes(profile, classes),
            [profile.SerializerClass + ".g.cs"] = EmitSerializer(profile, classes),
        };
    }

    private static Dictionary<string, string[]> ParseFieldOrder(string? text)
    {
        var result = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (text is null)
        {
            return result;
        }

        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var colon = line.IndexOf(':');
            if (colon < 0)
            {
                continue;
            }

            result[line[..colon].Trim()] = line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        }

        return result;
    }

    private static List<PropertyModel> Order(string def, List<PropertyModel> props, Dictionary<string, string[]> order)
    {
        var rank = new Dictionary<string, int>(StringComparer.Ordinal);
        if (order.TryGetValue(def, out var listed))
        {
            for (var i = 0; i < listed.Length; i++)
            {
                rank[listed[i]] = i;
            }
        }

        int Key(PropertyModel p)
        {
            var first = Array.IndexOf(KindFieldsFirst, p.JsonName);
            if (first >= 0 && props.Any(x => x.JsonName == "kind") && props.Any(x => x.JsonName == "metadata"))
            {
                return first - 100;
            }

            if (rank.TryGetValue(p.JsonName, out var r))
            {
                return r;
            }

            return p.JsonName == "name" ? -50 : 10_000;
        }

        return props
            .OrderBy(Key)
            .ThenBy(p => p.JsonName, StringComparer.Ordinal)
            .ToList();
    }

    private static Shape? Special(ModelProfile profile, string def) =>
        SpecialDefinitions.TryGetValue(def, out var shape) ? shape
        : profile.Special.TryGetValue(def, out var name) ? Shape.Prim(name)
        : null;

    private static List<string> Reachable(JsonElement definitions, IReadOnlyList<string> roots)
    {
        var seen = new SortedSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>(roots);
        while (stack.Count > 0)
        {
            var name = stack.Pop();
            if (!seen.Add(name))
            {
                continue;
            }

            foreach (var r in Refs(definitions.GetProperty(name)))
            {
                stack.Push(r);
            }
        }

        return seen.ToList();
    }

    private static IEnumerable<string> Refs(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in element.EnumerateObject())
                {
                    if (p.Name == "$ref" && p.Value.ValueKind == JsonValueKind.String)
                    {
                        yield return RefName(p.Value.GetString()!);
                    }
                    else
                    {
                        foreach (var r in Refs(p.Value))
                        {
                            yield return r;
                        }
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    foreach (var r in Refs(item))
                    {
                        yield return r;
                    }
                }

                break;
        }
    }

    private static string RefName(string reference) => reference[(reference.LastIndexOf('/') + 1)..];

    private static Dictionary<string, string> AssignNames(List<string> definitions, string ownPrefix)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var shortCounts = definitions.GroupBy(d => d[(d.LastIndexOf('.') + 1)..]).ToDictionary(g => g.Key, g => g.Count());
        foreach (var d in definitions)
        {
            var shortName = d[(d.LastIndexOf('.') + 1)..];
            names[d] = shortCounts[shortName] > 1 && !d.StartsWith(ownPrefix, StringComparison.Ordinal) ? "K8s" + shortName : shortName;
        }

        return names;
    }

    private static string PropertyName(string json, string className)
    {
        var name = char.ToUpperInvariant(json[0]) + json[1..];
        return name == className ? name + "Value" : name;
    }

    private static Shape ShapeOf(ModelProfile profile, JsonElement prop, JsonElement definitions, Dictionary<string, string> names, string key)
    {
        if (prop.TryGetProperty("$ref", out var reference))
        {
            return DefinitionShape(profile, RefName(reference.GetString()!), definitions, names);
        }

        var type = prop.TryGetProperty("type", out var t) ? t.GetString() : null;
        switch (type)
        {
            case "string":
                return Shape.Prim(AnyStringFields.Contains(key) ? "AnyString" : "string");
            case "boolean":
                return Shape.Prim("bool");
            case "integer":
                return Shape.Prim("long");
            case "number":
                return Shape.Prim("Amount");
            case "array":
                return Shape.List(ShapeOf(profile, prop.GetProperty("items"), definitions, names, key));
            case "object" when prop.TryGetProperty("additionalProperties", out var additional):
                return Shape.Map(ShapeOf(profile, additional, definitions, names, key));
            case "object":
                return Shape.Prim("Any");
            default:
                return Shape.Prim("Any");
        }
    }

    private static Shape DefinitionShape(ModelProfile profile, string def, JsonElement definitions, Dictionary<string, string> names)
    {
        if (Special(profile, def) is { } special)
        {
            return special;
        }

        var element = definitions.GetProperty(def);
        var type = element.TryGetProperty("type", out var t) ? t.GetString() : null;
        return type switch
        {
            "object" => Shape.Class(names[def]),
            "string" => Shape.Prim("string"),
            "array" => Shape.List(ShapeOf(profile, element.GetProperty("items"), definitions, names, def)),
            "number" => Shape.Prim("Amount"),
            _ => Shape.Prim("Any"),
        };
    }

    private static string Header(ModelProfile profile) =>
        "// <auto-generated>\n" +
        "//   Generated by src/Pipelines.Argo.SchemaGen from " + profile.Source + "'s schema.json.\n" +
        "//   Do not edit: regenerate with `dotnet run --project src/Pipelines.Argo.SchemaGen`.\n" +
        "// </auto-generated>\n" +
        "#nullable enable\n\n";

    private static string EmitTypes(ModelProfile profile, List<ClassModel> classes)
    {
        var w = new StringBuilder(Header(profile));
        w.Append("using System.Collections.Generic;\n").Append(profile.ExtraUsings).Append("using Pipelines.Argo.Yaml;\n\nnamespace ").Append(profile.Namespace).Append(";\n");
        foreach (var c in classes)
        {
            w.Append('\n');
            w.Append("/// <summary>The ").Append(profile.SchemaName).Append(" schema type <c>").Append(c.Definition).Append("</c>.</summary>\n");
            w.Append("public sealed partial class ").Append(c.Name).Append('\n').Append("{\n");
            var first = true;
            foreach (var p in c.Properties)
            {
                if (!first)
                {
                    w.Append('\n');
                }

                first = false;
                w.Append("    /// <summary>The <c>").Append(p.JsonName).Append("</c> field");
                if (c.Required.Contains(p.JsonName))
                {
                    w.Append(" (required)");
                }

                w.Append(".</summary>\n");
                w.Append("    public ").Append(CsType(p.Shape)).Append("? ").Append(p.Name).Append(" { get; set; }\n");
            }

            w.Append("}\n");
        }

        return w.ToString();
    }

    private static string CsType(Shape s) => s.Kind switch
    {
        ShapeKind.Prim => s.Name switch
        {
            "string" => "string",
            "bool" => "bool",
            "long" => "long",
            "Any" => "YamlValue",
            _ => s.Name!,
        },
        ShapeKind.Class => s.Name!,
        ShapeKind.List => "List<" + CsType(s.Element!) + ">",
        ShapeKind.Map => "OrderedMap<" + CsType(s.Element!) + (s.Element!.IsValueType ? "?" : string.Empty) + ">",
        _ => throw new InvalidOperationException(),
    };

    private static string EmitSerializer(ModelProfile profile, List<ClassModel> classes)
    {
        var w = new StringBuilder(Header(profile));
        w.Append("using System.Collections.Generic;\n").Append(profile.ExtraUsings).Append("using Pipelines.Argo.Yaml;\n\nnamespace ").Append(profile.Namespace).Append(";\n\n");
        w.Append("/// <summary>Strict YAML binding for every model type: <c>ReadX</c> turns a node into the model (reporting\n");
        w.Append("/// unknown fields, wrong types and missing required fields), <c>WriteX</c> turns the model into a node with fields\n");
        w.Append("/// in the order of ").Append(profile.GoTypes).Append(".</summary>\n");
        w.Append("public static partial class ").Append(profile.SerializerClass).Append("\n{\n");
        var firstClass = true;
        foreach (var c in classes)
        {
            if (!firstClass)
            {
                w.Append('\n');
            }

            firstClass = false;
            var fields = c.Name + "Fields";
            w.Append("    private static readonly string[] ").Append(fields).Append(" = [")
                .Append(string.Join(", ", c.Properties.Select(p => "\"" + p.JsonName + "\""))).Append("];\n\n");

            w.Append("    /// <summary>Reads a <see cref=\"").Append(c.Name).Append("\"/>; null when the node is null or not a mapping.</summary>\n");
            w.Append("    public static ").Append(c.Name).Append("? Read").Append(c.Name).Append("(ModelReader reader, YamlValue node, FieldPath path)\n    {\n");
            w.Append("        if (!reader.Mapping(node, path, \"").Append(c.Name).Append("\", out var map))\n        {\n            return null;\n        }\n\n");
            w.Append("        var result = new ").Append(c.Name).Append("();\n");
            w.Append("        foreach (var entry in map.Entries)\n        {\n");
            w.Append("            switch (entry.Key.Value)\n            {\n");
            foreach (var p in c.Properties)
            {
                w.Append("                case \"").Append(p.JsonName).Append("\":\n");
                w.Append("                    result.").Append(p.Name).Append(" = ")
                    .Append(ReadExpr(p.Shape, "reader", "entry.Value", "path.Field(\"" + p.JsonName + "\")", 1)).Append(";\n");
                w.Append("                    break;\n");
            }

            w.Append("                default:\n");
            w.Append("                    reader.").Append(profile.UnknownCall).Append("(entry, path, \"").Append(c.Name).Append("\", ").Append(fields).Append(");\n");
            w.Append("                    break;\n");
            w.Append("            }\n        }\n");
            foreach (var r in c.Required)
            {
                w.Append("\n        if (map.Get(\"").Append(r).Append("\") is null)\n        {\n");
                w.Append("            reader.").Append(profile.RequiredCall).Append("(map, path, \"").Append(c.Name).Append("\", \"").Append(r).Append("\");\n        }\n");
            }

            w.Append("\n        return result;\n    }\n\n");

            w.Append("    /// <summary>Writes a <see cref=\"").Append(c.Name).Append("\"/> as a mapping; unset fields are left out.</summary>\n");
            w.Append("    public static YamlMapping Write").Append(c.Name).Append('(').Append(c.Name).Append(" value)\n    {\n");
            w.Append("        var map = new YamlMapping();\n");
            var i = 0;
            foreach (var p in c.Properties)
            {
                var v = "v" + (i++).ToString(CultureInfo.InvariantCulture);
                w.Append("        if (value.").Append(p.Name).Append(" is { } ").Append(v).Append(")\n        {\n");
                w.Append("            ModelWriter.Add(map, \"").Append(p.JsonName).Append("\", ").Append(WriteExpr(p.Shape, v, 1)).Append(");\n        }\n\n");
            }

            w.Append("        return map;\n    }\n");
        }

        w.Append("}\n");
        return w.ToString();
    }

    private static string ReadExpr(Shape s, string r, string n, string p, int depth)
    {
        var d = depth.ToString(CultureInfo.InvariantCulture);
        switch (s.Kind)
        {
            case ShapeKind.Prim:
                return s.Name switch
                {
                    "string" => $"{r}.String({n}, {p})",
                    "bool" => $"{r}.Bool({n}, {p})",
                    "long" => $"{r}.Int({n}, {p})",
                    "IntOrString" => $"{r}.IntOrString({n}, {p})",
                    "Quantity" => $"{r}.Quantity({n}, {p})",
                    "AnyString" => $"{r}.AnyString({n}, {p})",
                    "Amount" => $"{r}.Amount({n}, {p})",
                    "Any" => $"{r}.Any({n}, {p})",
                    _ => throw new InvalidOperationException(s.Name),
                };
            case ShapeKind.Class:
                return $"Read{s.Name}({r}, {n}, {p})";
            case ShapeKind.List when s.Element!.Kind == ShapeKind.Prim && s.Element.Name == "long":
                return $"{r}.Int64List({n}, {p})";
            case ShapeKind.List:
                return $"{r}.List({n}, {p}, static (r{d}, n{d}, p{d}) => {ReadExpr(s.Element!, "r" + d, "n" + d, "p" + d, depth + 1)})";
            case ShapeKind.Map when s.Element!.Kind == ShapeKind.Prim && s.Element.Name == "long":
                return $"{r}.Int64Map({n}, {p})";
            case ShapeKind.Map when s.Element!.Kind == ShapeKind.Prim && s.Element.Name == "bool":
                return $"{r}.BoolMap({n}, {p})";
            case ShapeKind.Map:
                return $"{r}.Map({n}, {p}, static (r{d}, n{d}, p{d}) => {ReadExpr(s.Element!, "r" + d, "n" + d, "p" + d, depth + 1)})";
            default:
                throw new InvalidOperationException();
        }
    }

    private static string WriteExpr(Shape s, string v, int depth)
    {
        var x = "x" + depth.ToString(CultureInfo.InvariantCulture);
        switch (s.Kind)
        {
            case ShapeKind.Prim:
                return s.Name switch
                {
                    "string" => $"ModelWriter.Str({v})",
                    "bool" => $"ModelWriter.Bool({v})",
                    "long" => $"ModelWriter.Int({v})",
                    "Any" => v,
                    _ => $"ModelWriter.{s.Name}({v})",
                };
            case ShapeKind.Class:
                return $"Write{s.Name}({v})";
            case ShapeKind.List when s.Element!.Kind == ShapeKind.Prim && s.Element.Name == "long":
                return $"ModelWriter.Int64List({v})";
            case ShapeKind.List:
                return $"ModelWriter.List({v}, static {x} => {WriteExpr(s.Element!, x, depth + 1)})";
            case ShapeKind.Map when s.Element!.Kind == ShapeKind.Prim && s.Element.Name == "long":
                return $"ModelWriter.Int64Map({v})";
            case ShapeKind.Map when s.Element!.Kind == ShapeKind.Prim && s.Element.Name == "bool":
                return $"ModelWriter.BoolMap({v})";
            case ShapeKind.Map:
                return $"ModelWriter.Map({v}, static {x} => {WriteExpr(s.Element!, x, depth + 1)})";
            default:
                throw new InvalidOperationException();
        }
    }

    private enum ShapeKind
    {
        Prim,
        Class,
        List,
        Map,
    }

    private sealed record Shape(ShapeKind Kind, string? Name, Shape? Element)
    {
        public bool IsValueType => Kind == ShapeKind.Prim && Name is "bool" or "long";

        public static Shape Prim(string name) => new(ShapeKind.Prim, name, null);

        public static Shape Class(string name) => new(ShapeKind.Class, name, null);

        public static Shape List(Shape element) => new(ShapeKind.List, null, element);

        public static Shape Map(Shape element) => new(ShapeKind.Map, null, element);
    }

    private sealed record PropertyModel(string JsonName, string Name, Shape Shape);

    private sealed record ClassModel(string Definition, string Name, List<PropertyModel> Properties, string[] Required);
}
