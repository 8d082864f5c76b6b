using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Pipelines.Argo.Model;

namespace Pipelines.Import;

/// <summary>
/// Writes container and script templates as typed methods (<c>[Container]</c>/<c>[Script]</c> with the inputs as
/// parameters, <c>[InputArtifact]</c>, <c>[Entrypoint]</c>), and what the attributes cannot hold as a
/// <c>[Spec(nameof(Method))] Template</c> that the generator merges into the template field by field (lists by name).
/// </summary>
internal sealed class TemplateEmitter(CSharpWriter w, InitializerWriter initializers, HashSet<string> memberNames)
{
    private static readonly Regex SafeKebab = new("^[a-z]{2,}[0-9]*(-[a-z]{2,}[0-9]*)*$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    /// <summary>The YAML comments to carry over, or null.</summary>
    public YamlCommentIndex? Comments { get; init; }

    /// <summary>How many <c>[Spec]</c> members were written.</summary>
    public int SpecCount { get; private set; }

    /// <summary>Whether a template can be written as a typed method.</summary>
    public static bool IsTyped(Template t) =>
        t.Name is { Length: > 0 }
        && (t.Container is { Image.Length: > 0 } ^ t.Script is { Image.Length: > 0 })
        && t.Steps is null && t.Dag is null && t.Resource is null && t.Suspend is null && t.Http is null && t.Plugin is null && t.Data is null && t.ContainerSet is null
        && (t.Inputs?.Parameters ?? []).All(p => p.Name is { Length: > 0 })
        && (t.Inputs?.Artifacts ?? []).All(a => a.Name is { Length: > 0 })
        && !MentionsNodes(t);

    /// <summary>
    /// A leaf template that reads <c>{{steps.*}}</c> or <c>{{tasks.*}}</c> (Argo resolves a node's own name there) stays a
    /// [Spec]: as a typed method, the analyzers would report the reference (PIPE4102).
    /// </summary>
    private static bool MentionsNodes(Template t)
    {
        var text = new InitializerWriter().Write(t, 0, string.Empty);
        return text.Contains("{{steps.", StringComparison.Ordinal) || text.Contains("{{tasks.", StringComparison.Ordinal);
    }

    /// <summary>The method names of the typed templates, given before any is written (bodies call them).</summary>
    public Dictionary<Template, string> MethodNames { get; } = new(ReferenceEqualityComparer.Instance);

    /// <summary>Gives a typed template its method name (in template order, so names are stable).</summary>
    public string Name(Template t)
    {
        if (!MethodNames.TryGetValue(t, out var name))
        {
            name = Unique(Pascal(t.Name!));
            MethodNames[t] = name;
        }

        return name;
    }

    /// <summary>The parameters of a typed container or script template's method, as <see cref="Write"/> declares them.</summary>
    public static List<CalleeParameter> Signature(Template t)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        return (t.Inputs?.Parameters ?? [])
            .Select(p => new CalleeParameter(p.Name!, Identifier(p.Name!, names), p.Value is null && p.Default is null, p.Value is not null))
            .ToList();
    }

    /// <summary>The parameters of a typed DAG or steps template's method, as <see cref="WriteBody"/> declares them.</summary>
    public static List<CalleeParameter> CompositionSignature(Template t)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        return (t.Inputs?.Parameters ?? [])
            .Select(p => new CalleeParameter(p.Name!, Identifier(p.Name!, names), p.Default is null, false))
            .ToList();
    }

    /// <summary>
    /// Writes a DAG or steps template as a <c>[Dag]</c>/<c>[Steps]</c> method with the body <see cref="BodyEmitter"/>
    /// planned, and what else the template has (outputs, parallelism, ...) as its <c>[Spec]</c>.
    /// </summary>
    public void WriteBody(Template t, bool entrypoint, bool returnsNode, List<string> body, string path)
    {
        var method = Name(t);
        DocumentEmitter.Comments(w, Comments?.Template(t.Name!) ?? []);
        w.Line(t.Dag is not null ? "[Dag]" : "[Steps]");
        if (!SafeKebab.IsMatch(t.Name!) || Pascal(t.Name!) != method)
        {
            w.Line("[Name(" + CSharpLiteral.Quoted(t.Name!) + ")]");
        }

        var parameters = new List<string>();
        var signature = CompositionSignature(t);
        foreach (var (p, declared) in (t.Inputs?.Parameters ?? []).Zip(signature))
        {
            var text = declared.CsName.TrimStart('@') != p.Name ? "[Name(" + CSharpLiteral.Quoted(p.Name!) + ")] string " : "string ";
            text += declared.CsName;
            if (p.Default is { } d)
            {
                text += " = " + CSharpLiteral.Quoted(d.Text);
            }

            parameters.Add(text);
        }

        if (entrypoint)
        {
            w.Line(parameters.Count > 0 ? "[Entrypoint(Arguments = false)]" : "[Entrypoint]");
        }

        w.Line("public static " + (returnsNode ? "Node " : "void ") + method + "(" + string.Join(", ", parameters) + ")");
        w.Open();
        foreach (var line in body)
        {
            w.Line(line);
        }

        if (returnsNode)
        {
            w.Line("return Node.NoOutputs;");
        }

        w.Close();
        var rest = Copy(t);
        rest.Name = null;
        rest.Inputs = null;
        rest.Dag = null;
        rest.Steps = null;
        if (InitializerWriter.SetProperties(rest).Any())
        {
            var name = Unique(method + "Template");
            w.Line();
            w.Line("[Spec(nameof(" + method + "))]");
            w.Write("private static Template " + name + " => ");
            w.Write(initializers.Write(rest, w.Indent, path));
            w.Line(";");
            SpecCount++;
        }
    }

    /// <summary>Writes the method (and its <c>[Spec]</c>) of a typed template.</summary>
    public void Write(Template t, bool entrypoint, string path)
    {
        var method = Name(t);
        DocumentEmitter.Comments(w, Comments?.Template(t.Name!) ?? []);
        var rest = Copy(t);
        rest.Name = null;

        // The kind attribute.
        var attribute = new StringBuilder();
        if (t.Container is { } c)
        {
            attribute.Append("[Container(").Append(CSharpLiteral.Quoted(c.Image!));
            List(attribute, "Command", c.Command, w.Indent + 1);
            List(attribute, "Args", c.Args, w.Indent + 1);
            Named(attribute, "WorkingDir", c.WorkingDir);
            Named(attribute, "ImagePullPolicy", c.ImagePullPolicy);
            var container = Copy(c);
            container.Image = null;
            container.Command = null;
            container.Args = null;
            container.WorkingDir = null;
            container.ImagePullPolicy = null;
            rest.Container = InitializerWriter.SetProperties(container).Any() ? container : null;
        }
        else
        {
            var s = t.Script!;
            attribute.Append("[Script(").Append(CSharpLiteral.Quoted(s.Image!));
            List(attribute, "Command", s.Command, w.Indent + 1);
            if (s.Source is { } source)
            {
                attribute.Append(", Source = ").Append(CSharpLiteral.String(source, w.Indent + 1));
            }

            var script = Copy(s);
            script.Image = null;
            script.Command = null;
            script.Source = null;
            rest.Script = InitializerWriter.SetProperties(script).Any() ? script : null;
        }

        w.Line(attribute.Append(")]").ToString());
        if (!SafeKebab.IsMatch(t.Name!) || Pascal(t.Name!) != method)
        {
            w.Line("[Name(" + CSharpLiteral.Quoted(t.Name!) + ")]");
        }

        // Inputs: parameters become the method's parameters, artifacts [InputArtifact]s; the rest of each stays in the [Spec].
        var parameters = new List<string>();
        var parameterNames = new HashSet<string>(StringComparer.Ordinal);
        var restInputs = rest.Inputs is null ? null : Copy(rest.Inputs);
        if (restInputs is not null)
        {
            restInputs.Parameters = null;
            restInputs.Artifacts = null;
        }

        foreach (var p in t.Inputs?.Parameters ?? [])
        {
            var name = Identifier(p.Name!, parameterNames);
            var text = new StringBuilder();
            if (name.TrimStart('@') != p.Name)
            {
                text.Append("[Name(").Append(CSharpLiteral.Quoted(p.Name!)).Append(")] ");
            }

            var left = Copy(p);
            if (p.Value is { } value)
            {
                text.Append("[Value(").Append(CSharpLiteral.Quoted(value.Text)).Append(")] ");
                left.Value = null;
            }

            text.Append("string ").Append(name);
            if (p.Value is null && p.Default is { } d)
            {
                text.Append(" = ").Append(CSharpLiteral.Quoted(d.Text));
                left.Default = null;
            }

            parameters.Add(text.ToString());
            left.Name = null;
            if (InitializerWriter.SetProperties(left).Any())
            {
                left.Name = p.Name;
                restInputs ??= new Inputs();
                (restInputs.Parameters ??= []).Add(left);
            }
        }

        foreach (var a in t.Inputs?.Artifacts ?? [])
        {
            w.Line("[InputArtifact(" + CSharpLiteral.Quoted(a.Name!) + (a.Path is { } p ? ", Path = " + CSharpLiteral.Quoted(p) : string.Empty) + ")]");
            var left = Copy(a);
            left.Name = null;
            left.Path = null;
            if (InitializerWriter.SetProperties(left).Any())
            {
                left.Name = a.Name;
                restInputs ??= new Inputs();
                (restInputs.Artifacts ??= []).Add(left);
            }
        }

        rest.Inputs = restInputs is not null && InitializerWriter.SetProperties(restInputs).Any() ? restInputs : null;
        if (entrypoint)
        {
            // The entrypoint's parameters would otherwise become the workflow's arguments; those are written as they are.
            w.Line(parameters.Count > 0 ? "[Entrypoint(Arguments = false)]" : "[Entrypoint]");
        }

        w.Line("public static partial Node " + method + "(" + string.Join(", ", parameters) + ");");
        if (InitializerWriter.SetProperties(rest).Any())
        {
            var name = Unique(method + "Template");
            w.Line();
            w.Line("[Spec(nameof(" + method + "))]");
            w.Write("private static Template " + name + " => ");
            w.Write(initializers.Write(rest, w.Indent, path));
            w.Line(";");
            SpecCount++;
        }
    }

    /// <summary>A PascalCase C# name for an Argo name (letters and digits kept).</summary>
    public static string Pascal(string name)
    {
        var sb = new StringBuilder();
        var upper = true;
        foreach (var c in name)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                sb.Append(upper ? char.ToUpperInvariant(c) : c);
                upper = false;
            }
            else
            {
                upper = true;
            }
        }

        if (sb.Length == 0 || char.IsDigit(sb[0]))
        {
            sb.Insert(0, "Template");
        }

        return sb.ToString();
    }

    private string Unique(string name)
    {
        var candidate = name;
        for (var i = 2; !memberNames.Add(candidate); i++)
        {
            candidate = name + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return candidate;
    }

    internal static string Identifier(string argoName, HashSet<string> taken)
    {
        var pascal = Pascal(argoName);
        var name = argoName.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') && !char.IsDigit(argoName[0])
            ? argoName
            : char.ToLowerInvariant(pascal[0]) + pascal.Substring(1);
        var candidate = name;
        for (var i = 2; !taken.Add(candidate); i++)
        {
            candidate = name + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return CSharpNames.IsKeyword(candidate) ? "@" + candidate : candidate;
    }

    private static void List(StringBuilder sb, string name, List<string>? values, int indent)
    {
        if (values is not null)
        {
            sb.Append(", ").Append(name).Append(" = [").Append(string.Join(", ", values.Select(v => CSharpLiteral.String(v, indent)))).Append(']');
        }
    }

    private static void Named(StringBuilder sb, string name, string? value)
    {
        if (value is not null)
        {
            sb.Append(", ").Append(name).Append(" = ").Append(CSharpLiteral.Quoted(value));
        }
    }

    /// <summary>A shallow copy of a model object (its properties set to the same values).</summary>
    private static T Copy<T>(T value)
        where T : class, new()
    {
        var copy = new T();
        foreach (var (property, v) in InitializerWriter.SetProperties(value))
        {
            property.SetValue(copy, v);
        }

        return copy;
    }
}
