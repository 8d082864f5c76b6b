using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Pipelines.Argo.Model;
using Pipelines.Argo.Yaml;

namespace Pipelines.Import;

/// <summary>An input of a typed template as its C# method declares it.</summary>
/// <param name="ArgoName">The Argo input name.</param>
/// <param name="CsName">The C# parameter name (possibly <c>@</c>-escaped).</param>
/// <param name="Required">True when the C# parameter has no default (a call must pass it).</param>
/// <param name="Fixed">True for a <c>[Value]</c> input (a call cannot set it).</param>
internal sealed record CalleeParameter(string ArgoName, string CsName, bool Required, bool Fixed);

/// <summary>A typed template a DAG or steps body can call: its method and parameters.</summary>
internal sealed class Callee(string method, IReadOnlyList<CalleeParameter> parameters, IReadOnlyList<string>? artifacts = null)
{
    public string Method { get; } = method;

    /// <summary>The names of the template's input artifacts (the analyzers want each passed, PIPE4203).</summary>
    public IReadOnlyList<string> Artifacts { get; } = artifacts ?? [];

    public IReadOnlyList<CalleeParameter> Parameters { get; } = parameters;
}

/// <summary>
/// Writes a DAG or steps template as a typed body: each task or step a call of a typed template method, with
/// <c>Named</c>, <c>After</c>/<c>Depends</c>, <c>When</c> and loops (<c>foreach</c>, <c>Loop.ForEach</c>,
/// <c>Loop.Over</c>), so that the generator reads back exactly the YAML. <see cref="Plan"/> returns null for anything
/// it cannot write exactly; that template then stays a <c>[Spec]</c> initializer.
/// </summary>
internal static class BodyEmitter
{
    private static readonly Regex NodeResult = new(
        "^\\{\\{(steps|tasks)\\.([A-Za-z0-9_-]+)\\.(outputs\\.result|exitCode|status)\\}\\} (==|!=) ([A-Za-z0-9_.-]+)$",
        RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    private static readonly Regex DependsToken = new("\\s*(\\(|\\)|&&|\\|\\||!|[A-Za-z0-9_.-]+)", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    /// <summary>
    /// A reference to a node's output parameter: the analyzers check it against the callee's typed outputs, which an
    /// import keeps in the callee's [Spec] (PIPE4101), so such a template stays a [Spec].
    /// </summary>
    private static readonly Regex OutputParameterReference = new("\\{\\{=?[^}]*(steps|tasks)\\.[A-Za-z0-9_-]+\\.outputs\\.parameters", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    private static readonly Regex Integer = new("^(0|-?[1-9][0-9]{0,17})$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    private static readonly HashSet<string> States = new(StringComparer.Ordinal) { "Succeeded", "Failed", "Errored", "Skipped", "Omitted", "Daemoned", "AnySucceeded", "AllFailed" };

    /// <summary>Whether a template is a DAG or steps template whose shape a typed body could hold (checked before callees are known).</summary>
    public static bool IsCandidate(Template t) =>
        t.Name is { Length: > 0 }
        && (t.Steps is not null ^ t.Dag is not null)
        && t.Container is null && t.Script is null && t.Resource is null && t.Suspend is null && t.Http is null && t.Plugin is null && t.Data is null && t.ContainerSet is null
        && (t.Dag is null || (t.Dag.FailFast is null && t.Dag.Target is null && t.Dag.Tasks is { Count: > 0 }))
        && (t.Steps is null || (t.Steps.Count > 0 && t.Steps.All(g => g is { Count: > 0 })))
        && (t.Inputs is null || (t.Inputs.Artifacts is null && (t.Inputs.Parameters ?? []).All(p =>
            p.Name is { Length: > 0 } && p.Value is null && p.ValueFrom is null && p.GlobalName is null && p.Enum is null && p.Description is null)));

    /// <summary>The templates (by name) a candidate's nodes call.</summary>
    public static IEnumerable<string?> CalledTemplates(Template t) =>
        t.Dag is { } dag ? dag.Tasks!.Select(x => x.Template) : t.Steps!.SelectMany(g => g).Select(s => s.Template);

    /// <summary>One task or step, whichever it is.</summary>
    private sealed record NodeData(
        string Name, string Template, List<Parameter> Arguments, List<Artifact> Artifacts, List<YamlValue>? WithItems, string? WithParam, Sequence? WithSequence,
        string? When, string? Depends, ContinueOn? ContinueOn, string? OnExit, OrderedMap<LifecycleHook>? Hooks);

    private static NodeData? Read(DAGTask x) =>
        x is { Name.Length: > 0, Template.Length: > 0, Inline: null, TemplateRef: null, Dependencies: null }
        && Arguments(x.Arguments) is var (parameters, artifacts) && parameters is not null
            ? new NodeData(x.Name, x.Template, parameters, artifacts!, x.WithItems, x.WithParam, x.WithSequence, x.When, x.Depends, x.ContinueOn, x.OnExit, x.Hooks)
            : null;

    private static NodeData? Read(WorkflowStep x) =>
        x is { Name.Length: > 0, Template.Length: > 0, Inline: null, TemplateRef: null }
        && Arguments(x.Arguments) is var (parameters, artifacts) && parameters is not null
            ? new NodeData(x.Name, x.Template, parameters, artifacts!, x.WithItems, x.WithParam, x.WithSequence, x.When, null, x.ContinueOn, x.OnExit, x.Hooks)
            : null;

    /// <summary>Parameters with a value, and artifacts with a <c>from</c> or <c>fromExpression</c> only; (null, null) for anything else.</summary>
    private static (List<Parameter>? Parameters, List<Artifact>? Artifacts) Arguments(Arguments? arguments)
    {
        if (arguments is null)
        {
            return ([], []);
        }

        if (InitializerWriter.SetProperties(arguments).Any(p => p.Property.Name is not ("Parameters" or "Artifacts")))
        {
            return (null, null);
        }

        var parameters = arguments.Parameters ?? [];
        var artifacts = arguments.Artifacts ?? [];
        var simple = parameters.All(p => p is { Name.Length: > 0, Value: not null } && InitializerWriter.SetProperties(p).Count() == 2)
            && artifacts.All(a => a is { Name.Length: > 0 } && (a.From is not null ^ a.FromExpression is not null) && InitializerWriter.SetProperties(a).Count() == 2);
        return simple ? (parameters, artifacts) : (null, null);
    }

    /// <summary>
    /// The statements of the body (one string per line, relative indentation in spaces), or null when the template
    /// cannot be written exactly as a typed body.
    /// </summary>
    /// <param name="t">The DAG or steps template.</param>
    /// <param name="callees">Typed templates by Argo name.</param>
    /// <param name="own">The template's own inputs: Argo name to C# parameter name.</param>
    /// <param name="comments">The YAML comments of a node (by name), written above its statement; null for none.</param>
    public static List<string>? Plan(Template t, IReadOnlyDictionary<string, Callee> callees, IReadOnlyDictionary<string, string> own, Func<string, IReadOnlyList<string>>? comments = null)
    {
        IEnumerable<string> CommentsOf(NodeData node, string indent) => (comments?.Invoke(node.Name) ?? []).Select(c => indent + "//" + c);

        if (OutputParameterReference.IsMatch(new InitializerWriter().Write(t, 0, string.Empty)))
        {
            return null;
        }

        var isDag = t.Dag is not null;
        List<List<NodeData>> groups;
        if (isDag)
        {
            var tasks = t.Dag!.Tasks!.Select(Read).ToList();
            if (tasks.Any(x => x is null))
            {
                return null;
            }

            groups = tasks.Select(x => new List<NodeData> { x! }).ToList();
        }
        else
        {
            groups = [];
            foreach (var group in t.Steps!)
            {
                var steps = group.Select(Read).ToList();
                if (steps.Any(x => x is null))
                {
                    return null;
                }

                groups.Add(steps!);
            }
        }

        var all = groups.SelectMany(g => g).ToList();
        if (all.Select(n => n.Name).Distinct(StringComparer.Ordinal).Count() != all.Count || all.Any(n => !callees.ContainsKey(n.Template))
            || all.Any(n => (n.OnExit is { } exit && !callees.ContainsKey(exit)) || (n.Hooks is { } hooks && !hooks.All(h => h.Value is { Template: { } ht, Arguments: null, TemplateRef: null } && callees.ContainsKey(ht))))
            || all.Any(n => n.ContinueOn is { } c && (c.Failed == false || c.Error == false || (c.Failed is null && c.Error is null))))
        {
            return null;
        }

        // Which nodes other nodes refer to (depends, or a when on their result): those get a variable. In a steps
        // template only a step that is a group of its own can (a Parallel(...) call declares no variables).
        var scope = isDag ? "tasks" : "steps";
        var canHaveVariable = new HashSet<string>(groups.Where(g => isDag || g.Count == 1).SelectMany(g => g).Select(n => n.Name), StringComparer.Ordinal);
        var needsVariable = new HashSet<string>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in groups)
        {
            foreach (var node in group)
            {
                if (node.Depends is { } depends)
                {
                    var names = DependsNames(depends);
                    if (names is null || names.Any(n => !seen.Contains(n)))
                    {
                        return null;
                    }

                    needsVariable.UnionWith(names);
                }

                if (node.When is { } when && NodeResult.Match(when) is { Success: true } m && m.Groups[1].Value == scope
                    && seen.Contains(m.Groups[2].Value) && canHaveVariable.Contains(m.Groups[2].Value)
                    && (!isDag || (node.Depends is { } d && (DependsNames(d) ?? []).Contains(m.Groups[2].Value))))
                {
                    needsVariable.Add(m.Groups[2].Value);
                }
            }

            seen.UnionWith(group.Select(n => n.Name));
        }

        // Variable names: the node name when it is a C# identifier, else camelCase; unique in the method.
        var taken = new HashSet<string>(own.Values.Select(v => v.TrimStart('@')), StringComparer.Ordinal) { "item" };
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in all.Select(n => n.Name).Where(needsVariable.Contains))
        {
            variables[name] = TemplateEmitter.Identifier(name, taken);
        }

        var lines = new List<string>();
        var declared = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var group in groups)
        {
            if (group.Count == 1)
            {
                var node = group[0];
                var variable = variables.GetValueOrDefault(node.Name);
                var loop = Loop(node);
                if (node.WithItems is not null || node.WithParam is not null || node.WithSequence is not null)
                {
                    if (loop is null)
                    {
                        return null;
                    }

                    if (variable is null)
                    {
                        // A foreach over the items: the body is the call, the loop variable is {{item}}.
                        if (Call(node, callees, own, declared, variable: null, loop.Value.ItemType, scope, isDag) is not { } inner)
                        {
                            return null;
                        }

                        lines.AddRange(CommentsOf(node, string.Empty));
                        lines.Add("foreach (var item in " + loop.Value.Source + ")");
                        lines.Add("{");
                        lines.Add("    " + inner + ";");
                        lines.Add("}");
                        continue;
                    }
                }

                if (Expression(node, callees, own, declared, variable, loop, scope, isDag) is not { } expression)
                {
                    return null;
                }

                lines.AddRange(CommentsOf(node, string.Empty));
                lines.Add((variable is null ? string.Empty : "var " + variable + " = ") + expression + ";");
                if (variable is not null)
                {
                    declared[node.Name] = variable;
                }
            }
            else
            {
                var items = new List<string>();
                foreach (var node in group)
                {
                    var loop = Loop(node);
                    if ((node.WithItems is not null || node.WithParam is not null || node.WithSequence is not null) && loop is null)
                    {
                        return null;
                    }

                    if (Expression(node, callees, own, declared, variable: null, loop, scope, isDag) is not { } expression)
                    {
                        return null;
                    }

                    items.Add(expression);
                }

                lines.Add("Parallel(");
                for (var i = 0; i < items.Count; i++)
                {
                    lines.AddRange(CommentsOf(group[i], "    "));
                    lines.Add("    " + items[i] + (i == items.Count - 1 ? ");" : ","));
                }
            }
        }

        return lines;
    }

    /// <summary>A node as one expression: the call (inside <c>Loop.ForEach</c> for a loop) and its modifiers.</summary>
    private static string? Expression(NodeData node, IReadOnlyDictionary<string, Callee> callees, IReadOnlyDictionary<string, string> own, Dictionary<string, string> declared, string? variable, (string Source, string ItemType)? loop, string scope, bool isDag)
    {
        if (loop is { } l)
        {
            // The modifiers go inside the lambda, where the loop item is in scope (a when may read it).
            return Call(node, callees, own, declared, variable, l.ItemType, scope, isDag) is { } call
                ? "Loop.ForEach(" + l.Source + ", item => " + call + ")"
                : null;
        }

        return Call(node, callees, own, declared, variable, itemType: null, scope, isDag);
    }

    /// <summary>The call of the node's template with its arguments (and, unless told otherwise, its modifiers).</summary>
    private static string? Call(NodeData node, IReadOnlyDictionary<string, Callee> callees, IReadOnlyDictionary<string, string> own, Dictionary<string, string> declared, string? variable, string? itemType, string scope, bool isDag, bool modifiers = true)
    {
        var callee = callees[node.Template];
        if (callee.Parameters.Any(p => p.Fixed)
            || node.Arguments.Any(a => !callee.Parameters.Any(p => p.ArgoName == a.Name))
            || node.Arguments.Select(a => a.Name).Distinct(StringComparer.Ordinal).Count() != node.Arguments.Count
            || callee.Parameters.Any(p => p.Required && !node.Arguments.Any(a => a.Name == p.ArgoName))
            || callee.Artifacts.Any(name => !node.Artifacts.Any(a => a.Name == name)))
        {
            return null;
        }

        // Positional while the arguments follow the method's parameters from the first; named otherwise.
        var positional = node.Arguments.Select(a => a.Name).SequenceEqual(callee.Parameters.Take(node.Arguments.Count).Select(p => p.ArgoName), StringComparer.Ordinal);
        var arguments = new List<string>();
        foreach (var a in node.Arguments)
        {
            var text = a.Value!.Text;
            string value;
            if (text == "{{item}}" && itemType == "string")
            {
                value = "item";
            }
            else if (text.StartsWith("{{inputs.parameters.", StringComparison.Ordinal) && text.EndsWith("}}", StringComparison.Ordinal)
                && own.TryGetValue(text.Substring(20, text.Length - 22), out var parameter))
            {
                value = parameter;
            }
            else
            {
                value = CSharpLiteral.Quoted(text);
            }

            var name = callee.Parameters.First(p => p.ArgoName == a.Name).CsName;
            arguments.Add(positional ? value : name + ": " + value);
        }

        var call = callee.Method + "(" + string.Join(", ", arguments) + ")";
        foreach (var a in node.Artifacts)
        {
            call += a.From is { } from
                ? ".WithArtifact(" + CSharpLiteral.Quoted(a.Name!) + ", " + CSharpLiteral.Quoted(from) + ")"
                : ".WithArtifactFromExpression(" + CSharpLiteral.Quoted(a.Name!) + ", " + CSharpLiteral.Quoted(a.FromExpression!) + ")";
        }

        if (!modifiers)
        {
            // Inside a loop lambda the node name comes from the Named on the loop.
            return call;
        }

        return Modifiers(node, callees, declared, variable, scope, isDag) is { } chain ? call + chain : null;
    }

    /// <summary><c>.Named</c>, <c>.After</c>/<c>.Depends</c> and <c>.When</c> as the node needs them.</summary>
    private static string? Modifiers(NodeData node, IReadOnlyDictionary<string, Callee> callees, Dictionary<string, string> declared, string? variable, string scope, bool isDag)
    {
        var chain = new System.Text.StringBuilder();
        if (node.Name != (variable ?? node.Template))
        {
            chain.Append(".Named(").Append(CSharpLiteral.Quoted(node.Name)).Append(')');
        }

        if (isDag && node.Depends is { } depends)
        {
            if (DependsExpression(depends, declared) is not { } expression)
            {
                return null;
            }

            chain.Append(expression);
        }

        if (node.When is { } when)
        {
            if (NodeResult.Match(when) is { Success: true } m && m.Groups[1].Value == scope && declared.TryGetValue(m.Groups[2].Value, out var target)
                && (!isDag || (node.Depends is { } d && (DependsNames(d) ?? []).Contains(m.Groups[2].Value))))
            {
                var property = m.Groups[3].Value switch { "outputs.result" => "Result", "exitCode" => "ExitCode", _ => "Status" };
                var operand = m.Groups[5].Value;
                var literal = property == "ExitCode" && Integer.IsMatch(operand) ? operand : CSharpLiteral.Quoted(operand);
                chain.Append(".When(").Append(target).Append('.').Append(property).Append(' ').Append(m.Groups[4].Value).Append(' ').Append(literal).Append(')');
            }
            else
            {
                chain.Append(".When(").Append(CSharpLiteral.Quoted(when)).Append(')');
            }
        }

        if (node.OnExit is { } onExit)
        {
            chain.Append(".OnExit(nameof(").Append(callees[onExit].Method).Append("))");
        }

        if (node.ContinueOn is { } continueOn)
        {
            chain.Append(".ContinueOn(").Append(string.Join(", ", new[] { continueOn.Failed == true ? "failed: true" : null, continueOn.Error == true ? "error: true" : null }.Where(x => x is not null))).Append(')');
        }

        foreach (var (name, hook) in node.Hooks ?? [])
        {
            chain.Append(".Hook(").Append(CSharpLiteral.Quoted(name)).Append(", nameof(").Append(callees[hook.Template!].Method).Append(')');
            if (hook.Expression is { } expression)
            {
                chain.Append(", ").Append(CSharpLiteral.Quoted(expression));
            }

            chain.Append(')');
        }

        return chain.ToString();
    }

    /// <summary>The loop source of a node (<c>withItems</c> of plain scalars, <c>withParam</c>) and the item's C# type.</summary>
    private static (string Source, string ItemType)? Loop(NodeData node)
    {
        if (node.WithParam is { } json)
        {
            return node.WithItems is null ? ("Loop.Over<string>(" + CSharpLiteral.Quoted(json) + ")", "string") : null;
        }

        if (node.WithSequence is { } sequence)
        {
            if (node.WithItems is not null || InitializerWriter.SetProperties(sequence).Any(p => p.Property.Name is not ("Count" or "Start" or "End" or "Format")))
            {
                return null;
            }

            static string Value(IntOrString? v) => v is null ? "null" : v.IsInteger && Integer.IsMatch(v.Text) && v.Text.Length < 10 ? v.Text : CSharpLiteral.Quoted(v.Text);
            var format = sequence.Format is { } f ? ", " + CSharpLiteral.Quoted(f) : string.Empty;
            if (sequence.Count is not null && sequence.End is null)
            {
                return ("Loop.Count(" + Value(sequence.Count) + (sequence.Start is not null || format.Length > 0 ? ", " + Value(sequence.Start) : string.Empty) + format + ")", "string");
            }

            if (sequence.Count is null && sequence.Start is not null && sequence.End is not null)
            {
                return ("Loop.Range(" + Value(sequence.Start) + ", " + Value(sequence.End) + format + ")", "string");
            }

            return null;
        }

        if (node.WithItems is not { Count: > 0 } items)
        {
            return null;
        }

        var texts = new List<string>();
        var types = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (item is not YamlScalar scalar)
            {
                return null;
            }

            switch (scalar.Type)
            {
                case YamlScalarType.String:
                    texts.Add(CSharpLiteral.Quoted(scalar.Value));
                    types.Add("string");
                    break;
                case YamlScalarType.Int when Integer.IsMatch(scalar.Value):
                    texts.Add(scalar.Value);
                    types.Add(scalar.Value.Length > 9 ? "long" : "int");
                    break;
                case YamlScalarType.Bool when scalar.Value is "true" or "false":
                    texts.Add(scalar.Value);
                    types.Add("bool");
                    break;
                default:
                    return null;
            }
        }

        var type = types.Count == 1 ? types.First() : "object";
        return ((type == "object" ? "new object[] { " : "new[] { ") + string.Join(", ", texts) + " }", type);
    }

    /// <summary>The node names a <c>depends</c> expression mentions, or null when it is not one the generator can write back.</summary>
    private static List<string>? DependsNames(string depends) =>
        Tokens(depends) is { } tokens ? tokens.Where(t => t.Name is not null).Select(t => t.Name!).Distinct(StringComparer.Ordinal).ToList() : null;

    private static List<(string Text, string? Name, string? State)>? Tokens(string depends)
    {
        var tokens = new List<(string Text, string? Name, string? State)>();
        var at = 0;
        var canonical = new System.Text.StringBuilder();
        while (at < depends.Length)
        {
            var m = DependsToken.Match(depends, at);
            if (!m.Success || m.Index != at)
            {
                return null;
            }

            var text = m.Groups[1].Value;
            at = m.Index + m.Length;
            switch (text)
            {
                case "(" or ")" or "!":
                    tokens.Add((text, null, null));
                    canonical.Append(text);
                    break;
                case "&&" or "||":
                    tokens.Add((text, null, null));
                    canonical.Append(' ').Append(text).Append(' ');
                    break;
                default:
                    var dot = text.LastIndexOf('.');
                    var (name, state) = dot > 0 && States.Contains(text.Substring(dot + 1)) ? (text.Substring(0, dot), text.Substring(dot + 1)) : (text, null);
                    if (name.Contains('.'))
                    {
                        return null;
                    }

                    tokens.Add((text, name, state));
                    canonical.Append(text);
                    break;
            }
        }

        // The generator writes one space around && and ||, none elsewhere: only that spelling reads back exactly.
        return tokens.Count > 0 && canonical.ToString() == depends ? tokens : null;
    }

    /// <summary><c>.After(a, b)</c> for names joined by <c>&amp;&amp;</c>, else <c>.Depends(C# expression)</c>.</summary>
    private static string? DependsExpression(string depends, Dictionary<string, string> declared)
    {
        if (Tokens(depends) is not { } tokens || tokens.Any(t => t.Name is not null && !declared.ContainsKey(t.Name)))
        {
            return null;
        }

        if (tokens.All(t => (t.Name is not null && t.State is null) || t.Text == "&&"))
        {
            var names = tokens.Where(t => t.Name is not null).Select(t => declared[t.Name!]).ToList();
            return names.Distinct(StringComparer.Ordinal).Count() == names.Count ? ".After(" + string.Join(", ", names) + ")" : null;
        }

        var text = new System.Text.StringBuilder();
        foreach (var (token, name, state) in tokens)
        {
            text.Append(token switch
            {
                "&&" or "||" => " " + token + " ",
                _ when name is not null => declared[name] + (state is null ? string.Empty : "." + state),
                _ => token,
            });
        }

        return ".Depends(" + text + ")";
    }
}
