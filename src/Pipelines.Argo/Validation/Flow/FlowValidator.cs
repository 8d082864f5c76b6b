using System;
using System.Collections.Generic;
using System.Linq;
using Pipelines.Argo.Model;

namespace Pipelines.Argo.Validation.Flow;

/// <summary>Runs the flow rules (ARGO-RULES sections 5 to 8) over every template of one object.</summary>
internal sealed class FlowValidator
{
    private readonly ValidationContext _ctx;
    private readonly WorkflowVariables _wf;
    private readonly GlobalOrder? _order;

    public FlowValidator(ValidationContext ctx)
    {
        _ctx = ctx;
        _wf = new WorkflowVariables(ctx);
        _order = GlobalOrder.Of(ctx);
    }

    public void Run()
    {
        var templates = _ctx.Spec?.Templates;
        if (templates is null)
        {
            return;
        }

        for (var i = 0; i < templates.Count; i++)
        {
            if (templates[i] is { } t)
            {
                ValidateTemplate(t, _ctx.TemplatePath(i), topLevel: true);
            }
        }
    }

    private void ValidateTemplate(Template t, FieldPath path, bool topLevel = false)
    {
        var outerTopLevel = _topLevel;
        _topLevel = topLevel;
        var scope = new TemplateScope(t);
        var outer = _names;
        _names = DynamicNames.For(t, _wf);
        if (t.Steps is not null)
        {
            ValidateSteps(t, t.Steps, path, scope);
        }
        else if (t.Dag is not null)
        {
            ValidateDag(t, t.Dag, path, scope);
        }
        else
        {
            Scan(new VariableChecker(_ctx, _wf, scope) { Globals = _order?.At(t) }, ModelSerializer.WriteTemplate(t), path);
        }

        _names = outer;
        _topLevel = outerTopLevel;
    }

    private bool _topLevel;

    /// <summary>How the current steps template's step names read once Argo has substituted its parameters.</summary>
    private DynamicNames _names = DynamicNames.None;

    private static readonly string[] SkipInline = ["inline"];

    private static readonly List<(string Text, FieldPath Path)> NoStrings = [];

    /// <summary>
    /// The fields of <see cref="DAGTask"/> that <see cref="CannotHoldTags"/> knows (a test keeps this list equal to the
    /// model's properties, so a new field is not missed).
    /// </summary>
    internal static readonly string[] DagTaskFields =
    [
        "Name", "Template", "Inline", "Arguments", "TemplateRef", "Dependencies", "WithItems", "WithParam", "WithSequence",
        "When", "ContinueOn", "OnExit", "Depends", "Hooks",
    ];

    /// <summary>
    /// True when a task has no '{{' or '}}' in any of its strings, found without writing it as YAML: a task with only
    /// string fields (most tasks of a large DAG) is checked field by field; one with any other field is not decided here
    /// (false), and is written and scanned whole.
    /// </summary>
    internal static bool CannotHoldTags(DAGTask task)
    {
        if (task.Inline is not null || task.Arguments is not null || task.TemplateRef is not null || task.WithItems is not null ||
            task.WithSequence is not null || task.ContinueOn is not null || task.Hooks is not null)
        {
            return false;
        }

        if (HasBraces(task.Name) || HasBraces(task.Template) || HasBraces(task.WithParam) || HasBraces(task.When) || HasBraces(task.OnExit) || HasBraces(task.Depends))
        {
            return false;
        }

        foreach (var dependency in task.Dependencies ?? [])
        {
            if (dependency is null || HasBraces(dependency))
            {
                return false;
            }
        }

        return true;
    }

    private static bool HasBraces(string? text) =>
        text is not null && (text.IndexOf("{{", StringComparison.Ordinal) >= 0 || text.IndexOf("}}", StringComparison.Ordinal) >= 0);

    private readonly Stack<TagScanner.Frame> _scanStack = new();

    private void Scan(VariableChecker checker, Yaml.YamlValue node, FieldPath path) =>
        Check(checker, TagScanner.Strings(node, path, [], _scanStack));

    // Checks the tags of one unit's strings; a unit without '{{' or '}}' has nothing to check.
    private static void Check(VariableChecker checker, List<(string Text, FieldPath Path)> strings)
    {
        if (strings.Count == 0)
        {
            return;
        }

        var unclosed = new List<FieldPath>();
        var tags = TagScanner.Tags(strings, unclosed);
        checker.CheckAll(tags, unclosed);
    }

    private void CheckLoops(List<Yaml.YamlValue>? withItems, string? withParam, Sequence? withSequence, FieldPath path)
    {
        if (withItems is not { Count: > 0 } && string.IsNullOrEmpty(withParam) && withSequence is null)
        {
            return;
        }

        var kinds = new List<string>();
        if (withItems is { Count: > 0 })
        {
            kinds.Add("withItems");
        }

        if (!string.IsNullOrEmpty(withParam))
        {
            kinds.Add("withParam");
        }

        if (withSequence is not null)
        {
            kinds.Add("withSequence");
        }

        if (kinds.Count > 1)
        {
            _ctx.Report(FindingCodes.MultipleLoops, $"only one of withItems, withParam, withSequence can be specified (found {string.Join(" and ", kinds)}); keep one", path.Field(kinds[1]));
        }

        if (withSequence is { Count: not null, End: not null })
        {
            _ctx.Report(FindingCodes.SequenceCountAndEnd, "only one of count or end can be defined in withSequence; use count for a number of items, or start and end for a range", path.Field("withSequence").Field("end"));
        }
    }

    private void ValidateSteps(Template t, List<List<WorkflowStep>> groups, FieldPath path, TemplateScope scope)
    {
        var nodes = new Dictionary<string, FlowNode>(StringComparer.Ordinal);
        for (var g = 0; g < groups.Count; g++)
        {
            var group = groups[g] ?? [];
            for (var j = 0; j < group.Count; j++)
            {
                if (group[j] is { Name: { } rawName } step && _names.Apply(rawName) is var name && !nodes.ContainsKey(name))
                {
                    nodes[name] = new FlowNode(
                        name,
                        j,
                        g,
                        FlowTemplates.Resolve(_ctx, step.Template, step.TemplateRef, step.Inline),
                        step.WithItems is { Count: > 0 } || !string.IsNullOrEmpty(step.WithParam),
                        step.WithItems is { Count: > 0 } || !string.IsNullOrEmpty(step.WithParam) || step.WithSequence is not null,
                        step.Hooks is { Count: > 0 });
                }
            }
        }

        var leaked = new LoopScope();
        var anyLeaked = false;
        for (var g = 0; g < groups.Count; g++)
        {
            var group = groups[g] ?? [];
            foreach (var step in group)
            {
                if (step is not null)
                {
                    anyLeaked |= leaked.Add(step.WithItems, step.WithParam, step.WithSequence);
                }
            }

            for (var j = 0; j < group.Count; j++)
            {
                if (group[j] is not { } step)
                {
                    continue;
                }

                var stepPath = path.Field("steps").Item(g).Item(j);
                CheckLoops(step.WithItems, step.WithParam, step.WithSequence, stepPath);
                var strings = TagScanner.Strings(_names.Apply(ModelSerializer.WriteWorkflowStep(step)), stepPath, SkipInline, _scanStack);
                var checker = strings.Count == 0 ? null : new VariableChecker(_ctx, _wf, scope)
                {
                    Steps = nodes,
                    CurrentStep = step.Name is { } n && nodes.TryGetValue(_names.Apply(n), out var node) && node.Group == g && node.Index == j
                        ? node
                        : new FlowNode(step.Name ?? string.Empty, j, g, null, false, false, step.Hooks is { Count: > 0 }),
                    Loop = LoopScope.Of(step.WithItems, step.WithParam, step.WithSequence),
                    LeakedLoop = anyLeaked ? leaked : null,
                    Globals = _order?.At(step),
                };
                if (checker is not null)
                {
                    AddInlineInputs(checker, step.Inline);
                    Check(checker, strings);
                }

                if (step.Inline is { } inline)
                {
                    ValidateTemplate(inline, stepPath.Field("inline"));
                }
            }
        }

        if (t.Outputs is { } outputs)
        {
            Scan(new VariableChecker(_ctx, _wf, scope) { Steps = nodes, Globals = _order?.AtOutputs(t) }, ModelSerializer.WriteOutputs(outputs), path.Field("outputs"));
        }
    }

    private static void AddInlineInputs(VariableChecker checker, Template? inline)
    {
        foreach (var p in inline?.Inputs?.Parameters ?? [])
        {
            if (p?.Name is { } n)
            {
                checker.ExtraInputs.Add(n);
            }
        }
    }

    private void ValidateDag(Template t, DAGTemplate dag, FieldPath path, TemplateScope scope)
    {
        var dagPath = path.Field("dag");
        var tasks = dag.Tasks ?? [];
        if (tasks.Count == 0)
        {
            _ctx.Report(FindingCodes.DagWithoutTasks, $"templates.{t.Name} must have at least one task; add tasks under dag.tasks", dag.Tasks is null ? dagPath : dagPath.Field("tasks"));
        }

        var nodes = new Dictionary<string, FlowNode>(StringComparer.Ordinal);
        var indexOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var dagNames = DagNames.For(_ctx, t, _topLevel);
        string Resolved(string text) => dagNames is null ? text : dagNames.Resolve(text, out _, out _);
        if (dagNames is not null)
        {
            CheckDynamicTaskNames(dagNames, tasks, dagPath);
        }

        for (var i = 0; i < tasks.Count; i++)
        {
            if (tasks[i] is { Name: { } rawName } task && Resolved(rawName) is var name && !nodes.ContainsKey(name))
            {
                indexOf[name] = i;
                nodes[name] = new FlowNode(
                    name,
                    i,
                    0,
                    FlowTemplates.Resolve(_ctx, task.Template, task.TemplateRef, task.Inline),
                    task.WithItems is { Count: > 0 } || !string.IsNullOrEmpty(task.WithParam),
                    task.WithItems is { Count: > 0 } || !string.IsNullOrEmpty(task.WithParam) || task.WithSequence is not null,
                    task.Hooks is { Count: > 0 });
            }
        }

        var usingDepends = tasks.Exists(x => !string.IsNullOrEmpty(x?.Depends));
        var edges = new List<int>[tasks.Count];
        for (var i = 0; i < tasks.Count; i++)
        {
            edges[i] = [];
            if (tasks[i] is not { } task)
            {
                continue;
            }

            var taskPath = dagPath.Field("tasks").Item(i);
            if (usingDepends && task.Dependencies is { Count: > 0 })
            {
                _ctx.Report(FindingCodes.DependsAndDependencies, $"task '{task.Name}': cannot use both 'depends' and 'dependencies' in the same DAG template; write this task's dependencies as a depends expression (\"A && B\")", taskPath.Field("dependencies"));
            }

            if (usingDepends && task.ContinueOn is not null)
            {
                _ctx.Report(FindingCodes.ContinueOnWithDepends, $"task '{task.Name}': cannot use 'continueOn' when using 'depends'; instead let dependent tasks depend on '{task.Name}.Failed' or '{task.Name}.Errored'", taskPath.Field("continueOn"));
            }

            if (!string.IsNullOrEmpty(task.Depends))
            {
                foreach (var token in DagGraph.ParseDepends(Resolved(task.Depends!)))
                {
                    AddDependency(task, token.Name, token.Result, taskPath.Field("depends"), nodes, indexOf, edges[i]);
                }
            }

            var deps = task.Dependencies ?? [];
            for (var k = 0; k < deps.Count; k++)
            {
                if (deps[k] is { } dep)
                {
                    AddDependency(task, Resolved(dep), null, taskPath.Field("dependencies").Item(k), nodes, indexOf, edges[i]);
                }
            }
        }

        if (DagGraph.FindCycle(tasks.Count, edges) is { } cycle)
        {
            var first = tasks[cycle[0]];
            var names = string.Join(" -> ", cycle.Select(c => tasks[c]?.Name ?? "?"));
            var field = !string.IsNullOrEmpty(first?.Depends) ? "depends" : "dependencies";
            _ctx.Report(FindingCodes.DependencyCycle, $"dependency cycle detected: {names}; remove one of these dependencies", dagPath.Field("tasks").Item(cycle[0]).Field(field));
        }

        var ancestorCache = new Dictionary<int, HashSet<string>>();
        HashSet<string> AncestorsOf(int i)
        {
            if (!ancestorCache.TryGetValue(i, out var set))
            {
                set = new HashSet<string>(DagGraph.Ancestors(i, edges).Select(a => tasks[a]?.Name ?? string.Empty), StringComparer.Ordinal);
                ancestorCache[i] = set;
            }

            return set;
        }

        // (Made per task only when a task needs them, so a large DAG of plain tasks allocates no closures.)
        Func<HashSet<string>> Ancestors(int index) => () => AncestorsOf(index);
        Func<string, bool> IsAncestor(int index) => name => AncestorsOf(index).Contains(name);

        var tasksPath = dagPath.Field("tasks");
        for (var i = 0; i < tasks.Count; i++)
        {
            if (tasks[i] is not { } task)
            {
                continue;
            }

            var taskPath = tasksPath.Item(i);
            CheckLoops(task.WithItems, task.WithParam, task.WithSequence, taskPath);
            var reported = task.Arguments is { } arguments && (arguments.Parameters is { Count: > 0 } || arguments.Artifacts is { Count: > 0 })
                ? CheckArgumentDependencies(task, taskPath, nodes, Ancestors(i))
                : null;
            var strings = CannotHoldTags(task) ? NoStrings : TagScanner.Strings(ModelSerializer.WriteDAGTask(task), taskPath, SkipInline, _scanStack);
            var checker = strings.Count == 0 ? null : new VariableChecker(_ctx, _wf, scope)
            {
                Tasks = nodes,
                CurrentTask = task.Name is { } n && nodes.TryGetValue(Resolved(n), out var node) && node.Index == i
                    ? node
                    : new FlowNode(task.Name ?? string.Empty, i, 0, null, false, false, task.Hooks is { Count: > 0 }),
                IsAncestor = IsAncestor(i),
                ReportedPaths = reported,
                Loop = LoopScope.Of(task.WithItems, task.WithParam, task.WithSequence),
                Globals = _order?.At(task),
            };
            if (checker is not null)
            {
                AddInlineInputs(checker, task.Inline);
                Check(checker, strings);
            }

            if (task.Inline is { } inline)
            {
                ValidateTemplate(inline, taskPath.Field("inline"));
            }
        }

        if (dag.Target is { } target)
        {
            CheckTargets(target, dagPath.Field("target"), nodes, scope);
        }

        if (t.Outputs is { } outputs)
        {
            Scan(new VariableChecker(_ctx, _wf, scope) { Tasks = nodes, Globals = _order?.AtOutputs(t) }, ModelSerializer.WriteOutputs(outputs), path.Field("outputs"));
        }
    }

    /// <summary>
    /// validateDAG: validateWorkflowFieldNames over the substituted tasks (see <see cref="DagNames"/>): "templates.X.tasks[i].name:
    /// '...' is invalid: name must consist of alpha-numeric characters or '-', and must start with an alpha-numeric
    /// character (e.g. My-name1-2, 123-NAME)".
    /// </summary>
    private void CheckDynamicTaskNames(DagNames names, List<DAGTask> tasks, FieldPath dagPath)
    {
        for (var i = 0; i < tasks.Count; i++)
        {
            if (tasks[i]?.Name is not { } raw || raw.IndexOf("{{", StringComparison.Ordinal) < 0)
            {
                continue;
            }

            var resolved = names.Resolve(raw, out var unresolved, out var judged);
            if (!judged)
            {
                continue;
            }

            var path = dagPath.Field("tasks").Item(i).Field("name");
            if (unresolved is not null)
            {
                _ctx.Report(
                    FindingCodes.NodeNameInvalid,
                    $"task name '{raw}' is invalid once Argo substitutes it: {unresolved} has no value when this template is validated (Argo puts a placeholder with '_' there, or leaves the braces), and DAG task names are checked after substitution (name must consist of alpha-numeric characters or '-'); only step names may be built from such values, or give the value in spec.arguments of the entrypoint",
                    path);
            }
            else if (!DagNames.IsValidName(resolved))
            {
                _ctx.Report(
                    FindingCodes.NodeNameInvalid,
                    $"task name '{raw}' is invalid: it becomes '{resolved}', and name must consist of alpha-numeric characters or '-', and must start with an alpha-numeric character (at most 128)",
                    path);
            }
        }
    }

    private void AddDependency(DAGTask task, string name, string? result, FieldPath path, Dictionary<string, FlowNode> nodes, Dictionary<string, int> indexOf, List<int> edges)
    {
        if (result is not null && Array.IndexOf(DagGraph.Results, result) < 0)
        {
            _ctx.Report(FindingCodes.InvalidTaskResult, $"task result '{result}' for task '{name}' is invalid; use one of {string.Join(", ", DagGraph.Results)}", path);
            return;
        }

        if (!nodes.TryGetValue(name, out var dep))
        {
            var suggestion = ModelReader.Suggest(name, nodes.Keys);
            _ctx.Report(
                FindingCodes.UndefinedDependency,
                $"task '{task.Name}': invalid dependency '{name}': the DAG has no such task" +
                    (suggestion is null ? string.Empty : $"; did you mean '{suggestion}'?") +
                    " (in 'depends', results are written Task.Succeeded with a capital letter, and operators are &&, || and !)",
                path);
            return;
        }

        edges.Add(indexOf[name]);
        if (result is "AnySucceeded" or "AllFailed" && !dep.Loops)
        {
            _ctx.Report(FindingCodes.ItemsConditionWithoutLoop, $"task '{task.Name}' uses an items-based condition such as .AnySucceeded or .AllFailed on '{name}', but '{name}' does not contain any items; use .Succeeded/.Failed, or give '{name}' a withItems, withParam or withSequence", path);
        }
    }

    private HashSet<string> CheckArgumentDependencies(DAGTask task, FieldPath taskPath, Dictionary<string, FlowNode> nodes, Func<HashSet<string>> ancestors)
    {
        var reported = new HashSet<string>(StringComparer.Ordinal);
        void Check(string? text, FieldPath path, string kind, string? argName)
        {
            if (text is null || !text.StartsWith("{{tasks.", StringComparison.Ordinal))
            {
                return;
            }

            var parts = text.Split('.');
            var refName = parts.Length > 1 ? parts[1] : string.Empty;
            if (!nodes.ContainsKey(refName) || refName == task.Name || ancestors().Contains(refName))
            {
                return;
            }

            reported.Add(path.ToString());
            _ctx.Report(FindingCodes.MissingArgumentDependency, $"task '{task.Name}': missing dependency '{refName}' for {kind} '{argName}'; add '{refName}' to the task's depends", path);
        }

        var parameters = task.Arguments?.Parameters ?? [];
        for (var k = 0; k < parameters.Count; k++)
        {
            Check(parameters[k]?.Value?.Text, taskPath.Field("arguments").Field("parameters").Item(k).Field("value"), "parameter", parameters[k]?.Name);
        }

        var artifacts = task.Arguments?.Artifacts ?? [];
        for (var k = 0; k < artifacts.Count; k++)
        {
            Check(artifacts[k]?.From, taskPath.Field("arguments").Field("artifacts").Item(k).Field("from"), "artifact", artifacts[k]?.Name);
        }

        return reported;
    }

    private void CheckTargets(string target, FieldPath path, Dictionary<string, FlowNode> nodes, TemplateScope scope)
    {
        var unclosed = new List<FieldPath>();
        new VariableChecker(_ctx, _wf, scope) { Tasks = nodes }.CheckAll(TagScanner.Tags(target, path, unclosed), unclosed);
        if (FlowTemplates.IsDynamic(target))
        {
            return;
        }

        foreach (var name in target.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries))
        {
            if (!nodes.ContainsKey(name))
            {
                var suggestion = ModelReader.Suggest(name, nodes.Keys);
                _ctx.Report(FindingCodes.UndefinedTarget, $"target '{name}' is not defined: it names no task of the DAG" + (suggestion is null ? string.Empty : $"; did you mean '{suggestion}'?"), path);
            }
        }
    }
}
