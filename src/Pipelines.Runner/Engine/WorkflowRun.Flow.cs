using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Pipelines.Argo;
using Pipelines.Argo.Model;
using Pipelines.Argo.Yaml;
using Pipelines.Runner.Expressions;

namespace Pipelines.Runner.Engine;

internal sealed partial class WorkflowRun
{
    private sealed class StepsState(Scope scope)
    {
        public Scope Scope { get; } = scope;

        public int GroupsRegistered { get; set; }
    }

    private sealed class DagState(Scope scope)
    {
        public Scope Scope { get; } = new Scope(scope);

        /// <summary>The number of the current full evaluation: a task whose <see cref="DagTaskInfo.Visited"/> equals it was visited in it.</summary>
        public int Evaluation { get; set; }

        public HashSet<string> Registered { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, DAGTask> Tasks { get; set; } = new(StringComparer.Ordinal);

        public List<string>? Targets { get; set; }

        public long LastSeen { get; set; } = -1;

        /// <summary>The earliest timer the last full evaluation armed (re-armed when a pass is skipped).</summary>
        public DateTimeOffset? WakeAt { get; set; }

        private readonly Dictionary<string, DagTaskInfo> _infos = new(StringComparer.Ordinal);

        /// <summary>Queued positions of <see cref="Order"/> (due now or later).</summary>
        private bool[] _queued = [];

        /// <summary>The positions to visit in the current (or next) evaluation, smallest first.</summary>
        private readonly PriorityQueue<int, int> _due = new();

        /// <summary>Positions queued during an evaluation at or before the one being visited: they wait for the next one.</summary>
        private readonly List<int> _later = [];

        /// <summary>The position being visited, -1 outside an evaluation.</summary>
        private int _cursor = -1;

        /// <summary>
        /// The order in which a full walk (dag.go executeDAG: every target, each task after its dependencies) reaches
        /// the tasks, by <see cref="DagTaskInfo.Position"/>; null until planned, and for a DAG walked in full.
        /// </summary>
        public DagTaskInfo[]? Order { get; private set; }

        /// <summary>The DAG is walked in full on every evaluation (a dependency cycle, or the option).</summary>
        public bool FullWalk { get; set; }

        public string NodeName(RunNode dag, string task) => Info(dag, task).NodeName;

        /// <summary>What does not change about a task during the run (node name, dependencies, site), computed once.</summary>
        public DagTaskInfo Info(RunNode dag, string task)
        {
            if (!_infos.TryGetValue(task, out var info))
            {
                info = new DagTaskInfo(this, task, dag.Name + "." + task, Tasks.TryGetValue(task, out var t) ? t : null);
                _infos[task] = info;
            }

            return info;
        }

        /// <summary>The task names in task order (AssessDag's order), once planned.</summary>
        public string[] TaskNames { get; private set; } = [];

        /// <summary>The task indices AssessDag always checks (hooks, exit handler, loop, or not planned), ascending.</summary>
        public List<int> AlwaysChecked { get; private set; } = [];

        /// <summary>The indices of the other tasks whose node exists and is not fulfilled; null until planned.</summary>
        public SortedSet<int>? Blocking { get; private set; }

        public void TrackAssessment(string[] names, List<int> alwaysChecked, SortedSet<int> blocking)
        {
            TaskNames = names;
            AlwaysChecked = alwaysChecked;
            Blocking = blocking;
        }

        public void SetBlocking(int index, bool blocking)
        {
            if (Blocking is null || index < 0)
            {
                return;
            }

            if (blocking)
            {
                Blocking.Add(index);
            }
            else
            {
                Blocking.Remove(index);
            }
        }

        /// <summary>Sets the walk order and makes every task due (the first evaluation visits them all).</summary>
        public void Plan(DagTaskInfo[] order)
        {
            Order = order;
            _queued = new bool[order.Length];
            foreach (var info in order)
            {
                Queue(info);
            }
        }

        /// <summary>
        /// Makes the task due: in this evaluation when the walk has not reached it yet, else in the next one (as a full
        /// walk, which visits each task once per evaluation in <see cref="Order"/>, would).
        /// </summary>
        public void Queue(DagTaskInfo info)
        {
            var p = info.Position;
            if (Order is null || p < 0 || _queued[p])
            {
                return;
            }

            _queued[p] = true;
            if (p <= _cursor)
            {
                _later.Add(p);
            }
            else
            {
                _due.Enqueue(p, p);
            }
        }

        /// <summary>The next due task of this evaluation, in walk order.</summary>
        public bool TryNext(out DagTaskInfo info)
        {
            if (_due.TryDequeue(out var p, out _))
            {
                _queued[p] = false;
                _cursor = p;
                info = Order![p];
                return true;
            }

            info = null!;
            return false;
        }

        /// <summary>Ends an evaluation: what was queued behind the walk is due in the next one.</summary>
        public void EndWalk()
        {
            _cursor = -1;
            foreach (var p in _later)
            {
                _due.Enqueue(p, p);
            }

            _later.Clear();
        }
    }

    /// <summary>Per-task data of a DAG node's evaluation.</summary>
    private sealed class DagTaskInfo(DagState owner, string name, string nodeName, DAGTask? task)
    {
        private List<string>? _deps;
        private DagTaskInfo[]? _depInfos;

        /// <summary>The DAG's state this task belongs to.</summary>
        public DagState Owner { get; } = owner;

        /// <summary>The index in <see cref="DagState.Order"/>; -1 while unplanned, -2 while being planned, -3 when the walk never reaches it.</summary>
        public int Position { get; set; } = -1;

        /// <summary>The index in <see cref="DagState.TaskNames"/>; -1 until planned.</summary>
        public int TaskIndex { get; set; } = -1;

        /// <summary>Planned, without hooks, exit handler or loop: AssessDag's check of it only reads whether its node is fulfilled.</summary>
        public bool PlainCheck { get; set; }

        /// <summary>The planned tasks that depend on this one (their readiness can change when this task's node does).</summary>
        public List<DagTaskInfo>? Dependents { get; set; }

        /// <summary>A dependency has hooks or an exit handler: checking it may run them, so the task is visited on every evaluation.</summary>
        public bool HookDeps { get; set; }

        public string Name { get; } = name;

        public string NodeName { get; } = nodeName;

        public DAGTask? Task { get; } = task;

        /// <summary>The dependencies (<see cref="Dependencies(DAGTask)"/>), computed once.</summary>
        public List<string> Deps => _deps ??= Task is null ? [] : Dependencies(Task);

        /// <summary>The infos of <see cref="Deps"/>, in their order.</summary>
        /// <remarks>The lambda that builds them is in its own method: its closure would otherwise be allocated on every call.</remarks>
        public DagTaskInfo[] DepInfos(DagState state, RunNode dag) => _depInfos ?? BuildDepInfos(state, dag);

        private DagTaskInfo[] BuildDepInfos(DagState state, RunNode dag) => _depInfos = Deps.Select(d => state.Info(dag, d)).ToArray();

        /// <summary>The task's node once it exists (see <see cref="NodeOf"/>).</summary>
        public RunNode? Node { get; set; }

        /// <summary>The node replacements counted when <see cref="Node"/> was found.</summary>
        public int NodeReplacements { get; set; }

        /// <summary>Mirrors membership in <see cref="DagState.Registered"/> (set by RegisterTask, the only writer).</summary>
        public bool Registered { get; set; }

        /// <summary>The evaluation that last visited this task.</summary>
        public int Visited { get; set; }

        /// <summary>The task as a step (<see cref="AsSite(DAGTask)"/>), once asked for.</summary>
        public WorkflowStep? Site { get; set; }

        /// <summary>The task's group state exists.</summary>
        public bool HasGroupState { get; set; }
    }

    private sealed class GroupState
    {
        public List<(string Name, Invocation? Call, WorkflowStep Site)> Copies { get; } = [];

        public bool Expanded { get; set; }

        /// <summary>The error node came from a <c>when</c> that could not be evaluated (steps.go: the group gets that error as it is).</summary>
        public bool WhenError { get; set; }

        /// <summary>A steps loop that could not expand: steps.go expandStepGroup errors the group itself, creating no node.</summary>
        public string? ExpansionError { get; set; }
    }

    // ---- Steps (STEP-01..07) ----------------------------------------------------------------------

    private void ExecuteSteps(RunNode node)
    {
        if (node.Fulfilled)
        {
            return;
        }

        var state = (StepsState)node.State!;
        var groups = node.Resolved!.Steps!;
        for (var i = 0; i < groups.Count; i++)
        {
            var groupName = node.Name + "[" + i.ToString(CultureInfo.InvariantCulture) + "]";
            var group = _nodes.GetValueOrDefault(groupName) ?? CreateNode(groupName, NodeType.StepGroup, NodePhase.Running, null, node.Name, node.Name);
            if (!group.Fulfilled || HooksPending(group, state.Scope))
            {
                ExecuteStepGroup(node, group, groups[i], state.Scope);
            }

            if (!group.Fulfilled)
            {
                return;
            }

            if (group.FailedOrError)
            {
                KillDaemons(node);
                SetPhase(node, NodePhase.Failed, group.Message);
                return;
            }

            if (state.GroupsRegistered <= i)
            {
                foreach (var step in groups[i])
                {
                    RegisterStep(state.Scope, node, group, step);
                }

                state.GroupsRegistered = i + 1;
            }
        }

        // All groups succeeded: outputs (OUT-04).
        try
        {
            node.Outputs = TemplateOutputs(node.Resolved!, state.Scope);
        }
        catch (SubstitutionException e)
        {
            KillDaemons(node);
            SetPhase(node, NodePhase.Failed, e.Message);
            return;
        }

        KillDaemons(node);
        SetPhase(node, NodePhase.Succeeded, string.Empty);
        ExportGlobals(node, node.Resolved!);
    }

    private bool HooksPending(RunNode group, Scope scope) => group.State is GroupState && false;

    private void ExecuteStepGroup(RunNode stepsNode, RunNode group, List<WorkflowStep> steps, Scope scope)
    {
        group.State ??= new Dictionary<string, GroupState>(StringComparer.Ordinal);
        var perStep = (Dictionary<string, GroupState>)group.State;
        var allDone = true;
        foreach (var step in steps)
        {
            if (step.Name is null)
            {
                continue;
            }

            var baseName = group.Name + "." + step.Name;
            if (!perStep.TryGetValue(step.Name, out var gs))
            {
                gs = new GroupState();
                perStep[step.Name] = gs;
            }

            var errorNode = ScheduleSite(step, step.Name, baseName, group.Name, stepsNode, scope, isDag: false, gs, out var children);
            if (gs.ExpansionError is { } expansionError)
            {
                SetPhase(group, NodePhase.Error, expansionError);
                return;
            }

            if (errorNode is not null)
            {
                // steps.go executeStepGroup: a `when` error marks the group with that error as it is; an error from
                // executing the child wraps it with the child's full node name.
                SetPhase(group, NodePhase.Error, gs.WhenError ? errorNode.Message : $"step group deemed errored due to child {errorNode.Name} error: {errorNode.Message}");
                return;
            }

            foreach (var child in children)
            {
                if (child is null)
                {
                    allDone = false;
                    continue;
                }

                if (!child.Fulfilled)
                {
                    allDone = false;
                }

                if (!SiteHooks(step, child, "steps." + step.Name, scope, stepsNode))
                {
                    allDone = false;
                }
            }
        }

        var tmpl = stepsNode.Resolved!;
        if (tmpl.FailFast == true && HasFailedChild(stepsNode.Name) && !_order.Any(n => n.Boundary == stepsNode.Name && n.Type == NodeType.Pod && IsActive(n)))
        {
            SetPhase(group, NodePhase.Failed, "template has failed or errored children and failFast enabled");
            return;
        }

        if (!allDone)
        {
            return;
        }

        foreach (var childName in group.Children)
        {
            var child = _nodes[childName];
            if (!child.FailedOrError || child.Hooked)
            {
                continue;
            }

            if (child.Type == NodeType.Skipped && child.Phase == NodePhase.Error)
            {
                // steps.go executeStepGroup: executeTemplate failed for this child (it never started), so the group
                // is Error, naming the child's full node name.
                SetPhase(group, NodePhase.Error, $"step group deemed errored due to child {child.Name} error: {child.Message}");
                return;
            }

            var step = steps.FirstOrDefault(s => childName == group.Name + "." + s.Name || childName.StartsWith(group.Name + "." + s.Name + "(", StringComparison.Ordinal));
            if (step?.ContinueOn is { } co && ((child.Phase == NodePhase.Failed && co.Failed == true) || (child.Phase == NodePhase.Error && co.Error == true)))
            {
                continue;
            }

            SetPhase(group, NodePhase.Failed, $"child '{child.Id}' failed");
            return;
        }

        SetPhase(group, NodePhase.Succeeded, string.Empty);
    }

    /// <summary>
    /// Schedules one step or DAG task: when, expansion, creation (SUB-05, WHEN-*, LOOP-*). Returns an Error node when the
    /// site errored; <paramref name="children"/> gets the nodes that exist (null entries for copies held back).
    /// </summary>
    private RunNode? ScheduleSite(WorkflowStep site, string siteName, string baseName, string parentName, RunNode boundary, Scope scope, bool isDag, GroupState gs, out List<RunNode?> children)
    {
        children = [];
        if (!gs.Expanded)
        {
            if (_nodes.TryGetValue(baseName, out var already) && already.Fulfilled && already.Type == NodeType.Skipped)
            {
                children.Add(already);
                return null;
            }

            var looped = (site.WithItems is { Count: > 0 }) || !string.IsNullOrEmpty(site.WithParam) || site.WithSequence is not null;
            string? whenText = null;
            if (!string.IsNullOrEmpty(site.When))
            {
                try
                {
                    whenText = Substitution.Apply(site.When, scope, strict: false, k => k == "item" || k.StartsWith("item.", StringComparison.Ordinal));
                }
                catch (SubstitutionException e)
                {
                    return ErrorNode(baseName, parentName, boundary.Name, e.Message);
                }

                if (!(looped && whenText.Contains("{{item", StringComparison.Ordinal)))
                {
                    var decision = EvaluateWhen(whenText, out var whenError);
                    if (whenError is not null)
                    {
                        gs.WhenError = true;
                        return ErrorNode(baseName, parentName, boundary.Name, whenError);
                    }

                    if (decision == false)
                    {
                        var skipped = CreateNode(baseName, NodeType.Skipped, NodePhase.Skipped, site.Template, parentName, boundary.Name, $"when '{whenText}' evaluated false");
                        children.Add(skipped);
                        return null;
                    }

                    whenText = null;
                }
            }

            // Substitute the site's body (hooks and onExit excluded).
            WorkflowStep resolved;
            var absent = new HashSet<string>(StringComparer.Ordinal);
            try
            {
                resolved = SubstituteSite(site, scope, absent, strict: false);
            }
            catch (SubstitutionException e)
            {
                return ErrorNode(baseName, parentName, boundary.Name, e.Message);
            }

            List<object?>? items = null;
            if (looped)
            {
                try
                {
                    items = Expand(resolved);
                }
                catch (SubstitutionException e)
                {
                    if (!isDag)
                    {
                        // steps.go executeStepGroup: markNodeError(sgNodeName, expandErr); no child node.
                        gs.ExpansionError = e.Message;
                        return null;
                    }

                    return ErrorNode(baseName, parentName, boundary.Name, e.Message);
                }

                if (items is null)
                {
                    looped = false;
                }
            }

            if (looped && items!.Count == 0)
            {
                children.Add(CreateNode(baseName, NodeType.Skipped, NodePhase.Skipped, site.Template, parentName, boundary.Name, "Skipped, empty params"));
                return null;
            }

            var tmpl = ResolveTemplate(resolved.Template, resolved.TemplateRef, resolved.Inline, out var notFound, boundary.Call?.Template);
            if (tmpl is null)
            {
                // executeTemplate fails to resolve the template: in a DAG, "task '<node>' errored: ..." (executeDAGTask).
                return ErrorNode(baseName, parentName, boundary.Name, isDag ? $"task '{baseName}' errored: {notFound}" : notFound);
            }

            var capture = CapturesResult(boundary, siteName);
            if (!looped)
            {
                gs.Copies.Add((baseName, Call(resolved, tmpl, absent, siteName, parentName, boundary, capture, isDag), resolved));
            }
            else
            {
                // dag.go expandTask / steps.go expandStep: every item is substituted first (processItem, strictly
                // unless the when is false as written); one failure fails the whole expansion, before any copy or
                // TaskGroup node exists: the task's own node is Error (DAG), the step group is Error (steps).
                var copies = new List<(string Name, string StepsName, Scope Scope, WorkflowStep Copy, HashSet<string> Absent, object? Item)>();
                for (var i = 0; i < items!.Count; i++)
                {
                    var item = items[i];
                    var copyName = baseName + "(" + i.ToString(CultureInfo.InvariantCulture) + ":" + ItemDescription(item) + ")";
                    var copyStepsName = siteName + "(" + i.ToString(CultureInfo.InvariantCulture) + ":" + ItemDescription(item) + ")";
                    var itemScope = new Scope(scope);
                    SetItem(itemScope, item);
                    var copyAbsent = new HashSet<string>(absent, StringComparer.Ordinal);
                    try
                    {
                        copies.Add((copyName, copyStepsName, itemScope, SubstituteSite(resolved, itemScope, copyAbsent, strict: true), copyAbsent, item));
                    }
                    catch (SubstitutionException e)
                    {
                        if (!isDag)
                        {
                            gs.ExpansionError = e.Message;
                            return null;
                        }

                        return ErrorNode(baseName, parentName, boundary.Name, e.Message);
                    }
                }

                var copyParent = parentName;
                if (isDag)
                {
                    var tg = _nodes.GetValueOrDefault(baseName) ?? CreateNode(baseName, NodeType.TaskGroup, NodePhase.Running, site.Template, parentName, boundary.Name);
                    copyParent = tg.Name;
                }

                foreach (var (copyName, copyStepsName, itemScope, copy, copyAbsent, _) in copies)
                {
                    var copyWhen = whenText is null ? null : Substitution.Apply(whenText, itemScope, strict: false);
                    if (copyWhen is not null)
                    {
                        var decision = EvaluateWhen(copyWhen, out var whenError);
                        if (whenError is not null)
                        {
                            if (!isDag)
                            {
                                // executeStepGroup: the copy is Error and the group errors at once; later copies never start.
                                gs.WhenError = true;
                                return ErrorNode(copyName, copyParent, boundary.Name, whenError);
                            }

                            // executeDAGTask: the copy's node is Error and the other copies go on; the TaskGroup takes
                            // its phase from the copies once all are fulfilled, with no message.
                            if (!_nodes.ContainsKey(copyName))
                            {
                                CreateNode(copyName, NodeType.Skipped, NodePhase.Error, site.Template, copyParent, boundary.Name, whenError);
                            }

                            gs.Copies.Add((copyName, null, copy));
                            continue;
                        }

                        if (decision == false)
                        {
                            CreateNode(copyName, NodeType.Skipped, NodePhase.Skipped, site.Template, copyParent, boundary.Name, $"when '{copyWhen}' evaluated false");
                            gs.Copies.Add((copyName, null, copy));
                            continue;
                        }
                    }

                    var copyTemplate = ResolveTemplate(copy.Template, copy.TemplateRef, copy.Inline, out var copyNotFound, boundary.Call?.Template);
                    if (copyTemplate is null)
                    {
                        return ErrorNode(copyName, copyParent, boundary.Name, isDag ? $"task '{copyName}' errored: {copyNotFound}" : copyNotFound);
                    }

                    gs.Copies.Add((copyName, Call(copy, copyTemplate, copyAbsent, copyStepsName, copyParent, boundary, capture, isDag), copy));
                }
            }

            gs.Expanded = true;
        }

        foreach (var (name, call, _) in gs.Copies)
        {
            if (call is null)
            {
                children.Add(_nodes.GetValueOrDefault(name));
                continue;
            }

            var child = ExecuteTemplate(name, call);
            children.Add(child);
        }

        return null;
    }

    private Invocation Call(WorkflowStep site, Template tmpl, HashSet<string> absent, string siteName, string parentName, RunNode boundary, bool capture, bool isDag) => new()
    {
        Template = tmpl,
        Arguments = site.Arguments,
        AbsentArguments = absent,
        StepsName = isDag ? null : siteName,
        TasksName = isDag ? siteName : null,
        CaptureResult = capture,
        Boundary = boundary.Name,
        Parent = parentName,
        InExitHandler = boundary.InExitHandler,
        Depth = boundary.Depth + 1,
    };

    /// <summary>OUT-01: whether the enclosing template's text references this step's/task's outputs.result.</summary>
    private bool CapturesResult(RunNode boundary, string siteName)
    {
        var template = boundary.Call?.Template ?? boundary.Resolved!;
        if (!_resultNames.TryGetValue(template, out var names))
        {
            var text = new StringBuilder();
            Substitution.CollectText(ModelSerializer.WriteTemplate(template), text);
            names = new HashSet<string>(StringComparer.Ordinal);
            foreach (System.Text.RegularExpressions.Match m in ResultReference.Matches(text.ToString()))
            {
                names.Add(m.Groups["a"].Success ? m.Groups["a"].Value : m.Groups["b"].Value);
            }

            _resultNames[template] = names;
        }

        return names.Contains(siteName);
    }

    private static readonly System.Text.RegularExpressions.Regex ResultReference = new(
        @"(?:steps|tasks)\.(?<a>[A-Za-z0-9_-]+)\.outputs\.result|\[['""](?<b>[^'""]+)['""]\]\.outputs\.result",
        System.Text.RegularExpressions.RegexOptions.CultureInvariant,
        TimeSpan.FromSeconds(10));

    private readonly Dictionary<Template, HashSet<string>> _resultNames = new(ReferenceEqualityComparer.Instance);

    /// <summary>The sites whose body has no tags (substituting them gives them back as they are), per run.</summary>
    private readonly HashSet<WorkflowStep> _sitesWithoutTags = new(ReferenceEqualityComparer.Instance);

    private WorkflowStep SubstituteSite(WorkflowStep site, Scope scope, HashSet<string> absent, bool strict)
    {
        if (_sitesWithoutTags.Contains(site))
        {
            return site;
        }

        // SUB-10: an argument that is exactly a reference to an absent optional counts as not supplied.
        foreach (var p in site.Arguments?.Parameters ?? [])
        {
            if (p.Name is not null && p.Value is not null && Substitution.IsAbsentReference(p.Value.Text, scope))
            {
                absent.Add(p.Name);
            }
        }

        var yaml = ModelSerializer.WriteWorkflowStep(site);
        if (!Substitution.TreeHasTags(yaml))
        {
            _sitesWithoutTags.Add(site);
            return site;
        }

        yaml.Entries.RemoveAll(e => e.Key.Value is "hooks" or "onExit" or "when");
        if (yaml.Get("arguments") is YamlMapping args && args.Get("parameters") is YamlSequence ps)
        {
            foreach (var item in ps.Items.OfType<YamlMapping>())
            {
                if ((item.Get("name") as YamlScalar)?.Value is { } n && absent.Contains(n))
                {
                    item.Entries.RemoveAll(e => e.Key.Value == "value");
                }
            }
        }

        var substituted = (YamlMapping)Substitution.ApplyTree(yaml, scope, strict, strict ? null : k => k == "item" || k.StartsWith("item.", StringComparison.Ordinal));
        var findings = new List<Finding>();
        var read = ModelSerializer.ReadWorkflowStep(new ModelReader(findings), substituted, FieldPath.Root);
        if (read is null || findings.Any(f => f.Severity == Severity.Error))
        {
            throw new SubstitutionException("the step does not read back after substitution: " + string.Join("; ", findings.Select(f => f.Message)));
        }

        read.Hooks = site.Hooks;
        read.OnExit = site.OnExit;
        read.When = site.When;
        return read;
    }

    /// <summary>LOOP-01..03: the items, or null when the site is not a loop after substitution.</summary>
    private static List<object?>? Expand(WorkflowStep site)
    {
        if (site.WithItems is { Count: > 0 } withItems)
        {
            return withItems.Select(YamlToValue).ToList();
        }

        if (site.WithParam is not null)
        {
            if (site.WithParam.Length == 0)
            {
                return null;
            }

            // steps.go expandStep / dag.go expandTask: json.Unmarshal into []wfv1.Item (raw JSON items, Go's errors).
            return GoJson.ParseItems(site.WithParam, out var jsonError)
                ?? throw new SubstitutionException($"withParam value could not be parsed as a JSON list: {site.WithParam.Trim()}: {jsonError}");
        }

        if (site.WithSequence is { } seq)
        {
            static long Num(IntOrString? v, long fallback, string field)
            {
                if (v is null || v.Text.Length == 0)
                {
                    return fallback;
                }

                return long.TryParse(v.Text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : throw new SubstitutionException($"withSequence.{field} '{v.Text}' is not an integer");
            }

            var start = Num(seq.Start, 0, "start");
            long end;
            if (seq.End is not null && seq.End.Text.Length > 0)
            {
                end = Num(seq.End, 0, "end");
            }
            else
            {
                var count = Num(seq.Count, 0, "count");
                if (count == 0)
                {
                    return [];
                }

                end = start + count - 1;
            }

            var format = seq.Format ?? "%d";
            var result = new List<object?>();
            var step = start <= end ? 1 : -1;
            for (var i = start; ; i += step)
            {
                result.Add(GoFormat.Sprintf(format, i));
                if (i == end)
                {
                    break;
                }
            }

            return result;
        }

        return null;
    }

    internal static object? YamlToValue(YamlValue v) => v switch
    {
        YamlScalar s => s.Type switch
        {
            YamlScalarType.Null => null,
            YamlScalarType.Bool => s.Value is "true" or "True" or "TRUE" or "yes" or "on",
            YamlScalarType.Int => long.TryParse(s.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? l : s.Value,
            YamlScalarType.Float => double.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : s.Value,
            _ => s.Value,
        },
        YamlSequence seq => seq.Items.Select(YamlToValue).ToList(),
        YamlMapping map => map.Entries.Aggregate(new Dictionary<string, object?>(StringComparer.Ordinal), (m, e) => { m[e.Key.Value] = YamlToValue(e.Value); return m; }),
        _ => null,
    };

    /// <summary>NM-02: the item's part of a loop copy's name.</summary>
    internal static string ItemDescription(object? item)
    {
        var text = item switch
        {
            string s => s,
            Dictionary<string, object?> m => string.Join(",", m.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + ":" + ItemValueText(p.Value))),
            List<object?> l => "[" + string.Join(" ", l.Select(x => x is string s ? s : Expr.ToGoText(x))) + "]",
            _ => Expr.ToJson(item),
        };
        return text.Replace("(", string.Empty, StringComparison.Ordinal).Replace(")", string.Empty, StringComparison.Ordinal);
    }

    private static string ItemValueText(object? v) => v is string s ? s : Expr.ToJson(v);

    /// <summary>LOOP-04: item variables.</summary>
    private static void SetItem(Scope scope, object? item)
    {
        scope.Set("item", item is string s ? s : Expr.ToJson(item));
        if (item is Dictionary<string, object?> map)
        {
            var strings = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var p in map)
            {
                var text = ItemValueText(p.Value);
                scope.Set("item." + p.Key, text);
                strings[p.Key] = p.Value is Dictionary<string, object?> or List<object?> ? p.Value : text;
            }

            scope.SetObject("item", Plain(strings));
        }
        else if (item is List<object?> list)
        {
            scope.SetObject("item", Plain(list));
        }
    }

    /// <summary>Raw JSON numbers of loop items as expression numbers (lists and maps copied).</summary>
    private static object? Plain(object? value) => value switch
    {
        RawNumber r => r.Value,
        List<object?> l => l.Select(Plain).ToList(),
        Dictionary<string, object?> m => m.ToDictionary(p => p.Key, p => Plain(p.Value), StringComparer.Ordinal),
        _ => value,
    };

    /// <summary>WHEN-01..04: true/false, or an error message.</summary>
    private static bool? EvaluateWhen(string text, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        try
        {
            var value = Expr.Evaluate(text, new Dictionary<string, object?>(), ExprDialect.Govaluate);
            if (value is bool b)
            {
                return b;
            }

            error = $"Expected boolean evaluation for '{text}'. Got {Expr.ToGoText(value)}";
            return null;
        }
        catch (ExprException e) when (e.IsParseError)
        {
            var hint = e.Message.StartsWith("Invalid token", StringComparison.Ordinal) ? ". You may want to try wrapping the affected expression in quotes (\"\")" : string.Empty;
            error = $"Invalid 'when' expression '{text}': {e.Message}{hint}";
            return null;
        }
        catch (ExprException e)
        {
            error = $"Failed to evaluate 'when' expresion '{text}': {e.Message}";
            return null;
        }
    }

    /// <summary>STEP-05/DAG-10: the variables a completed step/task exposes.</summary>
    private void RegisterSite(Scope scope, string prefix, RunNode? node, List<RunNode> copies, bool looped, Template? tmpl)
    {
        if (node is null)
        {
            return;
        }

        var source = node.Type == NodeType.Retry ? node.Children.Select(c => _nodes[c]).LastOrDefault(c => c.Retried) ?? node : node;
        scope.Set(prefix + ".id", source.Id);
        scope.Set(prefix + ".status", node.Phase.ToString());
        scope.Set(prefix + ".startedAt", node.StartedAt.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
        if (node.FinishedAt is { } f)
        {
            scope.Set(prefix + ".finishedAt", f.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
        }

        if (looped)
        {
            Aggregate(scope, prefix, copies);
            return;
        }

        var outputs = source.Outputs ?? node.Outputs;
        if (node.Type == NodeType.Pod || source.Type == NodeType.Pod)
        {
            scope.Set(prefix + ".hostNodeName", "localhost");
        }

        if (node.Daemoned)
        {
            scope.Set(prefix + ".ip", "127.0.0.1");
        }

        if (outputs?.ExitCode is { } code)
        {
            scope.Set(prefix + ".exitCode", code);
        }

        if (node.Phase is NodePhase.Skipped or NodePhase.Omitted)
        {
            foreach (var p in tmpl?.Outputs?.Parameters ?? [])
            {
                if (p.Name is not null)
                {
                    scope.Set(prefix + ".outputs.parameters." + p.Name, p.ValueFrom?.Default?.Text);
                }
            }

            if (tmpl?.Outputs?.Result is not null)
            {
                scope.Set(prefix + ".outputs.result", null);
            }

            return;
        }

        if (outputs is null)
        {
            return;
        }

        if (outputs.Result is not null)
        {
            scope.Set(prefix + ".outputs.result", outputs.Result);
        }

        foreach (var p in outputs.Parameters)
        {
            scope.Set(prefix + ".outputs.parameters." + p.Key, p.Value);
        }

        foreach (var a in outputs.Artifacts)
        {
            scope.Set(prefix + ".outputs.artifacts." + a.Key, a.Value);
        }
    }

    /// <summary>LOOP-07.</summary>
    private static void Aggregate(Scope scope, string prefix, List<RunNode> copies)
    {
        var ok = copies.Where(c => c.Phase == NodePhase.Succeeded).ToList();
        var results = new List<object?>();
        var anyResult = false;
        foreach (var c in ok)
        {
            var outputs = c.Outputs;
            if (outputs?.Result is { } r)
            {
                anyResult = true;
                try
                {
                    results.Add(Expr.FromJson(r));
                }
                catch (System.Text.Json.JsonException)
                {
                    scope.Set(prefix + ".outputs.result", null);
                    results = null;
                    break;
                }
            }
        }

        if (results is not null)
        {
            var sb = new StringBuilder();
            Expr.WriteJson(sb, results, sortKeys: false);
            scope.Set(prefix + ".outputs.result", sb.ToString());
            if (anyResult)
            {
                scope.SetObject(prefix + ".outputs.result", results);
            }
        }

        var maps = new List<object?>();
        var byName = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var c in ok)
        {
            var m = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var p in c.Outputs?.Parameters ?? [])
            {
                m[p.Key] = p.Value;
                if (!byName.TryGetValue(p.Key, out var list))
                {
                    byName[p.Key] = list = [];
                }

                list.Add(p.Value);
            }

            if (m.Count > 0)
            {
                maps.Add(m);
            }
        }

        scope.Set(prefix + ".outputs.parameters", Expr.ToJson(maps));
        foreach (var (name, values) in byName)
        {
            var parsed = values.Select(v =>
            {
                var t = v.TrimStart();
                if (t.StartsWith('{') || t.StartsWith('['))
                {
                    try
                    {
                        return Expr.FromJson(v);
                    }
                    catch (System.Text.Json.JsonException)
                    {
                        return (object?)null;
                    }
                }

                return null;
            }).ToList();
            var json = parsed.All(p => p is Dictionary<string, object?> or List<object?>) ? Expr.ToJson(parsed) : Expr.ToJson(values.Cast<object?>().ToList());
            scope.Set(prefix + ".outputs.parameters." + name, json);
        }
    }

    private void RegisterStep(Scope scope, RunNode stepsNode, RunNode group, WorkflowStep step)
    {
        var baseName = group.Name + "." + step.Name;
        var looped = (step.WithItems is { Count: > 0 }) || !string.IsNullOrEmpty(step.WithParam) || step.WithSequence is not null;
        var single = _nodes.GetValueOrDefault(baseName);
        var copies = group.Children.Where(c => c.StartsWith(baseName + "(", StringComparison.Ordinal)).Select(c => _nodes[c]).Where(n => !n.Hooked).ToList();
        var tmpl = step.Template is not null && _templates.TryGetValue(step.Template, out var t) ? t : step.Inline;
        if (single is not null)
        {
            RegisterSite(scope, "steps." + step.Name, single, copies, looped: false, tmpl);
            if (single.Type == NodeType.Skipped && looped && single.Message == "Skipped, empty params")
            {
                Aggregate(scope, "steps." + step.Name, []);
            }
        }
        else if (copies.Count > 0)
        {
            // A loop: id/status/times are the step group's (STEP-05).
            RegisterSite(scope, "steps." + step.Name, group, copies, looped: true, tmpl);
        }
    }

    /// <summary>OUT-04: outputs of a steps/DAG template.</summary>
    private NodeOutputs TemplateOutputs(Template tmpl, Scope scope)
    {
        var outputs = new NodeOutputs();
        foreach (var p in tmpl.Outputs?.Parameters ?? [])
        {
            if (p.Name is null)
            {
                continue;
            }

            string? value = null;
            if (p.ValueFrom?.Parameter is { } reference)
            {
                var key = reference.Trim();
                if (key.StartsWith("{{", StringComparison.Ordinal) && key.EndsWith("}}", StringComparison.Ordinal))
                {
                    key = key[2..^2].Trim();
                }

                value = scope.TryGet(key, out var v) ? v : null;
                if (value is null && !scope.Contains(key) && !reference.Contains("{{", StringComparison.Ordinal))
                {
                    value = reference;
                }
            }
            else if (p.ValueFrom?.Expression is { } expression)
            {
                try
                {
                    var result = Expr.Evaluate(expression, scope.Env());
                    value = result is null ? null : Expr.ToGoText(result);
                }
                catch (ExprException)
                {
                    value = null;
                }
            }
            else if (p.ValueFrom?.Supplied is null && p.ValueFrom is null && p.Value is null)
            {
                throw new SubstitutionException($"output parameter '{p.Name}' has no valueFrom");
            }
            else
            {
                value = p.Value?.Text;
            }

            value ??= p.ValueFrom?.Default?.Text ?? throw new SubstitutionException($"unable to resolve outputs from scope: output parameter '{p.Name}' ({p.ValueFrom?.Parameter ?? p.ValueFrom?.Expression}) has no value and no default");
            outputs.Parameters.Add(new KeyValuePair<string, string>(p.Name, value));
        }

        foreach (var a in tmpl.Outputs?.Artifacts ?? [])
        {
            if (a.Name is null || a.From is null)
            {
                continue;
            }

            var key = Substitution.Apply(a.From, scope, strict: false);
            if (!key.Contains("{{", StringComparison.Ordinal))
            {
                outputs.Artifacts.Add(new KeyValuePair<string, string>(a.Name, key));
            }
        }

        return outputs;
    }

    // ---- Hooks and exit handlers (EXIT-03, HOOK-02) ------------------------------------------------

    /// <summary>
    /// Runs a step's/task's exit handler and lifecycle hooks for <paramref name="node"/>; true when everything that fired
    /// is fulfilled.
    /// </summary>
    private bool SiteHooks(WorkflowStep site, RunNode node, string selfPrefix, Scope scope, RunNode boundary)
    {
        if (node.Type == NodeType.Skipped && node.Phase != NodePhase.Error && selfPrefix.StartsWith("steps.", StringComparison.Ordinal))
        {
            return true;
        }

        if (site.Hooks is null && site.OnExit is null)
        {
            return true;
        }

        var done = true;
        var hookScope = new Scope(scope);
        hookScope.Set(selfPrefix + ".status", node.Phase.ToString());
        RegisterSelfOutputs(hookScope, selfPrefix, node);
        foreach (var hook in site.Hooks ?? new OrderedMap<LifecycleHook>())
        {
            if (hook.Key == "exit")
            {
                continue;
            }

            var hookName = node.Name + ".hooks." + hook.Key;
            if (!_nodes.ContainsKey(hookName))
            {
                if (node.Phase == NodePhase.Pending || string.IsNullOrEmpty(hook.Value.Expression) || Blocked(boundary.InExitHandler))
                {
                    continue;
                }

                var expr = Substitution.Apply(hook.Value.Expression, hookScope, strict: false);
                if (!EvalHookExpression(expr, hookScope))
                {
                    continue;
                }
            }

            var hn = RunHook(hookName, hook.Value, node.Name, boundary.Name, hookScope, hook.Value.Arguments ?? _arguments, boundary.InExitHandler, boundary.Depth + 1);
            if (hn is null || !hn.Fulfilled)
            {
                done = false;
            }
        }

        LifecycleHook? exit = site.OnExit is not null ? new LifecycleHook { Template = site.OnExit } : site.Hooks is { } hs && hs.TryGetValue("exit", out var eh) ? eh : null;
        if (exit is not null && node.Completed)
        {
            var exitName = node.Name + ".onExit";
            if (!_nodes.ContainsKey(exitName) && !string.IsNullOrEmpty(exit.Expression))
            {
                var expr = Substitution.Apply(exit.Expression, hookScope, strict: false);
                if (!EvalHookExpression(expr, hookScope))
                {
                    return done;
                }
            }

            var en = RunHook(exitName, exit, node.Name, boundary.Name, hookScope, exit.Arguments ?? _arguments, inExit: true, boundary.Depth + 1);
            if (en is null || !en.Fulfilled)
            {
                done = false;
            }
        }

        return done;
    }

    private void RegisterSelfOutputs(Scope scope, string prefix, RunNode node)
    {
        var source = node.Type == NodeType.Retry ? node.Children.Select(c => _nodes[c]).LastOrDefault(c => c.Retried) ?? node : node;
        foreach (var p in source.Outputs?.Parameters ?? [])
        {
            scope.Set(prefix + ".outputs.parameters." + p.Key, p.Value);
        }

        foreach (var a in source.Outputs?.Artifacts ?? [])
        {
            scope.Set(prefix + ".outputs.artifacts." + a.Key, a.Value);
        }
    }

    private static bool EvalHookExpression(string expression, Scope scope)
    {
        try
        {
            return Expr.Evaluate(expression, scope.Env()) is true;
        }
        catch (ExprException)
        {
            return false;
        }
    }

    private RunNode? RunHook(string name, LifecycleHook hook, string parent, string? boundary, Scope scope, Arguments? args, bool inExit, int depth)
    {
        if (_nodes.TryGetValue(name, out var existing))
        {
            if (!existing.Fulfilled)
            {
                Advance(existing);
            }

            return existing;
        }

        var tmpl = ResolveTemplate(hook.Template, hook.TemplateRef, null, out var error, boundary is not null && _nodes.TryGetValue(boundary, out var b) ? b.Call?.Template : null);
        if (tmpl is null)
        {
            var en = ErrorNode(name, parent, boundary, error);
            en.Hooked = true;
            return en;
        }

        Arguments? resolvedArgs = args;
        var absent = new HashSet<string>(StringComparer.Ordinal);
        if (args is not null)
        {
            var step = new WorkflowStep { Name = "hook", Template = hook.Template, Arguments = args };
            resolvedArgs = SubstituteSite(step, scope, absent, strict: false).Arguments;
        }

        var node = ExecuteTemplate(name, new Invocation
        {
            Template = tmpl,
            Arguments = resolvedArgs,
            AbsentArguments = absent,
            Parent = parent,
            Boundary = boundary,
            InExitHandler = inExit,
            Depth = depth,
        });
        if (node is not null)
        {
            node.Hooked = true;
        }

        return node;
    }
}
