using System;
using System.Collections.Generic;
using System.Linq;
using Pipelines.Argo.Model;

namespace Pipelines.Runner.Engine;

internal sealed partial class WorkflowRun
{
    // ---- DAG (DAG-01..13) -------------------------------------------------------------------------


    private void ExecuteDag(RunNode node)
    {
        if (node.Fulfilled)
        {
            return;
        }

        var state = (DagState)node.State!;
        var dag = node.Resolved!.Dag!;
        if (state.Tasks.Count == 0)
        {
            foreach (var t in dag.Tasks ?? [])
            {
                if (t.Name is not null)
                {
                    state.Tasks[t.Name] = t;
                }
            }

            // A DAG template in which SubstituteTemplate found no tags has none in its tasks either (their fields are
            // part of it): their sites substitute to themselves, so each need not be serialised to find that out.
            if (_hasTags.TryGetValue(node.Resolved!, out var hasTags) && !hasTags)
            {
                foreach (var t in state.Tasks.Values)
                {
                    _sitesWithoutTags.Add(AsSite(t));
                }
            }
        }

        // Nothing that could let a task start or finish has happened since the last full evaluation: skip it, but
        // keep the timers that evaluation armed (retry backoff, suspend durations, nested ones too). dag.go executeDAG
        // walks every task on each reconciliation and the controller requeues at the earliest deadline; without this
        // a skipped pass would leave nothing scheduled and the run would stall.
        if (state.LastSeen == _doneVersion)
        {
            if (state.WakeAt is { } armed)
            {
                Wake(armed);
            }

            return;
        }

        var seen = _doneVersion;
        var outerWake = _nextWake;
        _nextWake = null;
        state.Evaluation++;
        var targets = state.Targets ??= Targets(node, dag, state);
        if (state.Order is null && !state.FullWalk)
        {
            PlanWalk(node, state, targets);
        }

        try
        {
            if (state.Order is not null)
            {
                WalkDue(node, state);
            }
            else
            {
                foreach (var target in targets)
                {
                    ExecuteDagTask(node, state, state.Info(node, target));
                }
            }
        }
        finally
        {
            state.WakeAt = _nextWake;
            _nextWake = outerWake;
            if (state.WakeAt is { } armed)
            {
                Wake(armed);
            }
        }

        var phase = AssessDag(node, state, targets, dag.FailFast != false);
        state.LastSeen = seen;
        if (phase == NodePhase.Running)
        {
            return;
        }

        KillDaemons(node);
        if (phase == NodePhase.Succeeded)
        {
            try
            {
                // Every task's variables are in scope for the DAG's outputs.
                foreach (var t in state.Tasks.Keys)
                {
                    RegisterTask(node, state, t);
                }

                node.Outputs = TemplateOutputs(node.Resolved!, state.Scope);
            }
            catch (SubstitutionException e)
            {
                SetPhase(node, NodePhase.Failed, e.Message);
                return;
            }

            SetPhase(node, NodePhase.Succeeded, string.Empty);
            if (node.Call?.TasksName is not null)
            {
                ExportGlobals(node, node.Resolved!);
            }
        }
        else
        {
            SetPhase(node, phase, string.Empty);
        }
    }

    private static List<string> Targets(RunNode dagNode, DAGTemplate dag, DagState state)
    {
        if (!string.IsNullOrWhiteSpace(dag.Target))
        {
            return dag.Target.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        }

        var dependedOn = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in state.Tasks.Keys)
        {
            foreach (var d in state.Info(dagNode, name).Deps)
            {
                dependedOn.Add(d);
            }
        }

        return state.Tasks.Keys.Where(k => !dependedOn.Contains(k)).OrderBy(k => k, StringComparer.Ordinal).ToList();
    }

    /// <summary>DAG task node name to its task, for the DAGs walked by <see cref="WalkDue"/>.</summary>
    private readonly Dictionary<string, DagTaskInfo> _taskByNode = new(StringComparer.Ordinal);

    /// <summary>
    /// Plans the DAG's walk: the order in which dag.go executeDAG's walk (targets in order, each task after its
    /// dependencies in order, each task once) reaches the tasks, and each task's dependents. A DAG with a dependency
    /// cycle (or a run with <see cref="RunOptions.FullDagWalk"/>) is walked in full instead.
    /// </summary>
    private void PlanWalk(RunNode dagNode, DagState state, List<string> targets)
    {
        if (_options.FullDagWalk)
        {
            state.FullWalk = true;
            return;
        }

        var order = new List<DagTaskInfo>();
        var cycle = false;
        foreach (var target in targets)
        {
            cycle |= Plan(state.Info(dagNode, target));
        }

        if (cycle)
        {
            state.FullWalk = true;
            return;
        }

        foreach (var info in order)
        {
            foreach (var dep in info.DepInfos(state, dagNode))
            {
                info.HookDeps |= dep.Task is { } t && (t.Hooks is not null || t.OnExit is not null);
                if (dep.Position >= 0)
                {
                    (dep.Dependents ??= []).Add(info);
                }
            }

            _taskByNode[info.NodeName] = info;
        }

        state.Plan([.. order]);

        // AssessDag's check (1) in task order: plain planned tasks are tracked by whether their node is unfulfilled.
        var names = state.Tasks.Keys.ToArray();
        var alwaysChecked = new List<int>();
        var blocking = new SortedSet<int>();
        for (var i = 0; i < names.Length; i++)
        {
            var info = state.Info(dagNode, names[i]);
            info.TaskIndex = i;
            var t = info.Task;
            info.PlainCheck = info.Position >= 0 && t is { Hooks: null, OnExit: null, WithItems: null, WithParam: null, WithSequence: null };
            if (!info.PlainCheck)
            {
                alwaysChecked.Add(i);
            }
            else if (_nodes.TryGetValue(info.NodeName, out var n) && !n.Fulfilled)
            {
                blocking.Add(i);
            }
        }

        state.TrackAssessment(names, alwaysChecked, blocking);

        // Returns whether a cycle was found (a task reached again while its dependencies are being planned).
        bool Plan(DagTaskInfo info)
        {
            if (info.Position != -1)
            {
                return info.Position == -2;
            }

            if (info.Task is null)
            {
                info.Position = -3;
                return false;
            }

            info.Position = -2;
            var found = false;
            foreach (var dep in info.DepInfos(state, dagNode))
            {
                found |= Plan(dep);
            }

            info.Position = order.Count;
            order.Add(info);
            return found;
        }
    }

    /// <summary>
    /// One evaluation of a planned DAG: visits the due tasks in walk order, the way a full walk would visit them. A
    /// task a full walk would visit without effect is not due: one whose node is fulfilled and registered (and not a
    /// TaskGroup), one whose node is its own running pod, or one without a node that waits on a dependency without a
    /// fulfilled node (and no dependency has hooks). A task becomes due again when its node changes, and its dependents when its node is fulfilled
    /// (<see cref="TaskNodeChanged"/>).
    /// </summary>
    private void WalkDue(RunNode dagNode, DagState state)
    {
        try
        {
            while (state.TryNext(out var info))
            {
                ExecuteDagTask(dagNode, state, info);
                var node = NodeOf(info);
                if (node is { Fulfilled: true } && info.Dependents is { } dependents)
                {
                    foreach (var d in dependents)
                    {
                        state.Queue(d);
                    }
                }

                if (!Settled(dagNode, state, info, node))
                {
                    state.Queue(info);
                }
            }
        }
        finally
        {
            state.EndWalk();
        }
    }

    /// <summary>Whether visiting the task would do nothing until its node or a dependency's node changes.</summary>
    private bool Settled(RunNode dagNode, DagState state, DagTaskInfo info, RunNode? node)
    {
        if (info.Task is null)
        {
            return true;
        }

        if (node is not null)
        {
            if (node.Fulfilled)
            {
                return info.Registered && node.Type != NodeType.TaskGroup;
            }

            // A task whose node is its own running pod (no loop, no retries, not waiting for a lock, no hooks): the visit
            // would only find the pod still running (AdvanceLeaf does nothing; deadlines are checked elsewhere) until the
            // node changes.
            return node.Type == NodeType.Pod && node.Phase == NodePhase.Running && node.State is not LockWait && info.Task.Hooks is null
                && _taskGroups.TryGetValue(info.NodeName, out var gs) && gs.Expanded && gs.Copies.Count == 1 && gs.Copies[0].Name == info.NodeName;
        }

        if (info.HookDeps)
        {
            return false;
        }

        foreach (var dep in info.DepInfos(state, dagNode))
        {
            if (NodeOf(dep) is not { Fulfilled: true })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A node changed: when it is a planned DAG task's, the task is due, and its dependents too once it is fulfilled.</summary>
    private void TaskNodeChanged(RunNode node)
    {
        if (!_taskByNode.TryGetValue(node.Name, out var info))
        {
            return;
        }

        var state = info.Owner;
        state.Queue(info);
        if (info.PlainCheck)
        {
            state.SetBlocking(info.TaskIndex, _nodes.TryGetValue(info.NodeName, out var current) && !current.Fulfilled);
        }

        if (node.Fulfilled && info.Dependents is { } dependents)
        {
            foreach (var d in dependents)
            {
                state.Queue(d);
            }
        }
    }

    /// <summary>The task's dependencies (its depends operands, or its dependencies list), in order; callers keep the result.</summary>
    internal static List<string> Dependencies(DAGTask task)
    {
        if (!string.IsNullOrWhiteSpace(task.Depends))
        {
            return DependsLogic.Operands(task.Depends).Select(o => o.Task).Distinct(StringComparer.Ordinal).ToList();
        }

        return (task.Dependencies ?? []).ToList();
    }

    private void ExecuteDagTask(RunNode dagNode, DagState state, DagTaskInfo info)
    {
        if (info.Visited == state.Evaluation)
        {
            return;
        }

        info.Visited = state.Evaluation;
        if (info.Task is not { } task)
        {
            return;
        }

        var taskName = info.Name;
        var nodeName = info.NodeName;
        var existing = NodeOf(info);
        if (existing is not null && existing.Fulfilled && existing.Type != NodeType.TaskGroup && info.Registered)
        {
            return;
        }

        var site = info.Site ??= AsSite(task);
        if (existing is null || !existing.Fulfilled || existing.Type == NodeType.TaskGroup)
        {
            var deps = info.DepInfos(state, dagNode);
            foreach (var dep in deps)
            {
                ExecuteDagTask(dagNode, state, dep);
            }

            if (existing is null)
            {
                foreach (var dep in deps)
                {
                    if (NodeOf(dep) is not { } depNode || !TaskDone(dagNode, state, dep.Name, depNode))
                    {
                        return;
                    }
                }

                // DAG-02..05: depends.
                if (deps.Length > 0)
                {
                    bool satisfied;
                    try
                    {
                        satisfied = DependsSatisfied(dagNode, state, task);
                    }
                    catch (Expressions.ExprException e)
                    {
                        // executeDAGTask: an evaluateDependsLogic error is the node's message as is (no "task ... errored").
                        ErrorNode(nodeName, dagNode.Name, dagNode.Name, e.Message);
                        return;
                    }

                    if (!satisfied)
                    {
                        CreateNode(nodeName, NodeType.Skipped, NodePhase.Omitted, task.Template, dagNode.Name, dagNode.Name, "omitted: depends condition not met");
                        RegisterTask(dagNode, state, taskName);
                        return;
                    }
                }
            }

            if (!info.HasGroupState)
            {
                info.HasGroupState = true;
                _taskGroups[nodeName] = new GroupState();
            }

            var taskScope = new Scope(state.Scope);
            var errorNode = ScheduleSite(site, taskName, nodeName, dagNode.Name, dagNode, taskScope, isDag: true, _taskGroups[nodeName], out var children);
            if (errorNode is not null)
            {
                // Errors before executeTemplate (when, substitution, withParam: resolveDependencyReferences and
                // expandTask) are put on the node as they are; executeTemplate's own errors carry "task '...' errored".
                if (errorNode.Name != nodeName && _nodes.TryGetValue(nodeName, out var tg) && tg.Type == NodeType.TaskGroup)
                {
                    SetPhase(tg, NodePhase.Error, errorNode.Message);
                }

                return;
            }

            if (_nodes.TryGetValue(nodeName, out var group) && group.Type == NodeType.TaskGroup && !group.Fulfilled)
            {
                // DAG-11: TaskGroup phase.
                if (children.Count > 0 && children.All(c => c is not null && c.Fulfilled) && group.Children.All(c => _nodes[c].Fulfilled))
                {
                    var failed = children.LastOrDefault(c => c!.FailedOrError);
                    SetPhase(group, failed?.Phase ?? NodePhase.Succeeded, string.Empty);
                }
            }
        }

        if (_nodes.TryGetValue(nodeName, out var taskNode) && taskNode.Fulfilled)
        {
            RegisterTask(dagNode, state, taskName);
        }
        else if (taskNode is { Phase: NodePhase.Running } && task.Hooks is not null)
        {
            // dag.go executeDAGTask: a Running task's lifecycle hooks are evaluated too (tasks.X.status == "Running").
            SiteHooksFor(site, taskNode, taskName, new Scope(state.Scope), dagNode);
        }
    }

    /// <summary>DAG-02..05 (in its own method: the lookup's closure is allocated only when a depends is evaluated).</summary>
    private bool DependsSatisfied(RunNode dagNode, DagState state, DAGTask task) =>
        DependsLogic.Evaluate(task.Depends, task.Dependencies, name => TaskResultOf(dagNode, state, name));

    /// <summary>The task's node, or null while it has none (remembered once found, unless a node was replaced since).</summary>
    private RunNode? NodeOf(DagTaskInfo info)
    {
        if (info.Node is { } known && info.NodeReplacements == _nodeReplacements)
        {
            return known;
        }

        if (_nodes.TryGetValue(info.NodeName, out var node))
        {
            info.Node = node;
            info.NodeReplacements = _nodeReplacements;
            return node;
        }

        info.Node = null;
        return null;
    }

    private readonly Dictionary<string, GroupState> _taskGroups = new(StringComparer.Ordinal);

    /// <summary>Each DAG task as a step, one object per task (per-site caches key on it), per run.</summary>
    private readonly Dictionary<DAGTask, WorkflowStep> _sites = new(ReferenceEqualityComparer.Instance);

    private WorkflowStep AsSite(DAGTask t)
    {
        if (!_sites.TryGetValue(t, out var site))
        {
            site = NewSite(t);
            _sites[t] = site;
        }

        return site;
    }

    private static WorkflowStep NewSite(DAGTask t) => new()
    {
        Name = t.Name,
        Template = t.Template,
        Inline = t.Inline,
        Arguments = t.Arguments,
        TemplateRef = t.TemplateRef,
        WithItems = t.WithItems,
        WithParam = t.WithParam,
        WithSequence = t.WithSequence,
        When = t.When,
        ContinueOn = t.ContinueOn,
        OnExit = t.OnExit,
        Hooks = t.Hooks,
    };

    /// <summary>DAG-04: a dependency is done when its node and its fired hooks/exit handler are fulfilled.</summary>
    private bool TaskDone(RunNode dagNode, DagState state, string taskName, RunNode node)
    {
        if (!node.Fulfilled)
        {
            return false;
        }

        var task = state.Tasks[taskName];
        if (task.Hooks is null && task.OnExit is null)
        {
            return true;
        }

        var site = AsSite(task);
        var scope = new Scope(state.Scope);
        return SiteHooksFor(site, node, taskName, scope, dagNode);
    }

    private bool SiteHooksFor(WorkflowStep site, RunNode node, string taskName, Scope scope, RunNode dagNode)
    {
        var done = SiteHooks(site, node, "tasks." + taskName, scope, dagNode);
        if (node.Type == NodeType.TaskGroup)
        {
            foreach (var c in node.Children.Select(c => _nodes[c]).Where(c => !c.Hooked))
            {
                done &= SiteHooks(site, c, "tasks." + taskName, scope, dagNode);
            }
        }

        return done;
    }

    private void RegisterTask(RunNode dagNode, DagState state, string taskName)
    {
        if (!state.Registered.Add(taskName))
        {
            return;
        }

        var info = state.Info(dagNode, taskName);
        if (NodeOf(info) is not { } node)
        {
            state.Registered.Remove(taskName);
            return;
        }

        info.Registered = true;

        var task = state.Tasks[taskName];
        var tmpl = task.Template is not null && _templates.TryGetValue(task.Template, out var t) ? t : task.Inline;
        if (node.Type == NodeType.TaskGroup)
        {
            RegisterSite(state.Scope, "tasks." + taskName, node, node.Children.Select(c => _nodes[c]).Where(c => !c.Hooked).ToList(), looped: true, tmpl);
        }
        else
        {
            RegisterSite(state.Scope, "tasks." + taskName, node, [], looped: false, tmpl);
            if (node.Message == "Skipped, empty params")
            {
                Aggregate(state.Scope, "tasks." + taskName, []);
            }
        }
    }

    private DependsLogic.TaskResult? TaskResultOf(RunNode dagNode, DagState state, string taskName)
    {
        if (!state.Tasks.TryGetValue(taskName, out var task) || !_nodes.TryGetValue(state.NodeName(dagNode, taskName), out var node))
        {
            return null;
        }

        var copies = node.Type == NodeType.TaskGroup ? node.Children.Select(c => _nodes[c]).Where(c => !c.Hooked).ToList() : [];
        return new DependsLogic.TaskResult(node.Phase, node.Daemoned, task.ContinueOn, copies.Select(c => c.Phase).ToList(), node.Type == NodeType.TaskGroup);
    }

    /// <summary>DAG-07/DAG-08.</summary>
    private NodePhase AssessDag(RunNode dagNode, DagState state, List<string> targets, bool failFast)
    {
        // (1) every created node in the DAG must be fulfilled (hooks and exit handlers included), checked in task order.
        if (state.Blocking is { } blocking)
        {
            // A planned DAG knows which plain tasks (no hooks, exit handler or loop: for them the check only reads
            // whether the node is fulfilled) have an unfulfilled node; the others are checked as they come before it.
            var first = blocking.Count > 0 ? blocking.Min : int.MaxValue;
            foreach (var i in state.AlwaysChecked)
            {
                if (i >= first)
                {
                    break;
                }

                if (Unfinished(state.TaskNames[i]))
                {
                    return NodePhase.Running;
                }
            }

            if (first != int.MaxValue)
            {
                return NodePhase.Running;
            }
        }
        else
        {
            foreach (var taskName in state.Tasks.Keys)
            {
                if (Unfinished(taskName))
                {
                    return NodePhase.Running;
                }
            }
        }

        bool Unfinished(string taskName) =>
            _nodes.TryGetValue(state.NodeName(dagNode, taskName), out var n)
            && (!n.Fulfilled || !TaskDone(dagNode, state, taskName, n) || (n.Type == NodeType.TaskGroup && n.Children.Any(c => !_nodes[c].Fulfilled)));

        // (2) branch phases.
        var memo = new Dictionary<string, HashSet<NodePhase>>(StringComparer.Ordinal);
        HashSet<NodePhase> Branch(string taskName)
        {
            if (memo.TryGetValue(taskName, out var known))
            {
                return known;
            }

            var set = new HashSet<NodePhase>();
            memo[taskName] = set;
            if (!_nodes.TryGetValue(state.NodeName(dagNode, taskName), out var n))
            {
                return set;
            }

            if (n.Completed)
            {
                set.Add(n.Phase);
                return set;
            }

            var deps = state.Info(dagNode, taskName).Deps.Where(d => _nodes.ContainsKey(state.NodeName(dagNode, d))).ToList();
            if (deps.Count == 0)
            {
                set.Add(NodePhase.Succeeded);
            }

            foreach (var d in deps)
            {
                set.UnionWith(Branch(d));
            }

            return set;
        }

        var missing = false;
        foreach (var target in targets)
        {
            if (!state.Tasks.TryGetValue(target, out var task))
            {
                continue;
            }

            if (!_nodes.ContainsKey(state.NodeName(dagNode, target)))
            {
                if (!failFast)
                {
                    return NodePhase.Running;
                }

                missing = true;
                continue;
            }

            var phases = Branch(target);
            var node = _nodes[state.NodeName(dagNode, target)];
            foreach (var p in new[] { NodePhase.Error, NodePhase.Failed })
            {
                if (!phases.Contains(p))
                {
                    continue;
                }

                // dag.go assessDAGPhase: task.ContinuesOn(branchPhase), also when the target inherited the phase (omitted).
                var covered = (p == NodePhase.Failed && task.ContinueOn?.Failed == true) || (p == NodePhase.Error && task.ContinueOn?.Error == true);
                if (!covered)
                {
                    return p;
                }
            }
        }

        if (missing)
        {
            // Held back by parallelism: once nothing is active any more, fail fast if something failed.
            return NodePhase.Running;
        }

        return NodePhase.Succeeded;
    }
}
