using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Pipelines.Argo;
using Pipelines.Argo.Model;
using Pipelines.Argo.Yaml;
using Pipelines.Runner.Expressions;

namespace Pipelines.Runner.Engine;

internal sealed partial class WorkflowRun
{
    private readonly Dictionary<Template, string> _owners = new(ReferenceEqualityComparer.Instance);

    private static readonly Regex MemoKey = new("^[a-zA-Z0-9][-a-zA-Z0-9]*$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    /// <summary>Finds a template by name, templateRef or inline, with templateDefaults merged (EXE-01, EXE-04).</summary>
    internal Template? ResolveTemplate(string? name, TemplateRef? templateRef, Template? inline, out string error, Template? context = null)
    {
        error = string.Empty;
        if (inline is not null)
        {
            return MergeDefaults(inline, null);
        }

        // Template scope: a name used inside a WorkflowTemplate's template resolves in that WorkflowTemplate.
        if (templateRef is null && name is not null && context is not null && _owners.TryGetValue(context, out var owner) && _workflowTemplates.TryGetValue(owner, out var ownerTemplate))
        {
            var local = ownerTemplate.Spec?.Templates?.FirstOrDefault(x => x.Name == name);
            if (local is null)
            {
                error = $"template '{name}' not found in '{owner}'";
                return null;
            }

            var mergedLocal = MergeDefaults(local, "ref:" + owner + "/" + name);
            _owners[mergedLocal] = owner;
            return mergedLocal;
        }

        if (templateRef is not null)
        {
            if (templateRef.Name is null || !_workflowTemplates.TryGetValue(templateRef.Name, out var wt))
            {
                error = $"{(templateRef.ClusterScope == true ? "ClusterWorkflowTemplate" : "WorkflowTemplate")} '{templateRef.Name}' not found (pass its file to the run as well)";
                return null;
            }

            var t = wt.Spec?.Templates?.FirstOrDefault(x => x.Name == templateRef.Template);
            if (t is null)
            {
                error = $"template '{templateRef.Template}' not found in '{templateRef.Name}'";
                return null;
            }

            var merged = MergeDefaults(t, "ref:" + templateRef.Name + "/" + templateRef.Template);
            _owners[merged] = templateRef.Name;
            return merged;
        }

        if (name is null || !_templates.TryGetValue(name, out var found))
        {
            error = $"template '{name}' not found";
            return null;
        }

        return MergeDefaults(found, name);
    }

    private Template MergeDefaults(Template t, string? cacheKey)
    {
        if (_spec.TemplateDefaults is null)
        {
            return t;
        }

        if (cacheKey is not null && _merged.TryGetValue(cacheKey, out var cached))
        {
            return cached;
        }

        var defaults = ModelSerializer.WriteTemplate(_spec.TemplateDefaults);
        var own = ModelSerializer.WriteTemplate(t);
        var kinds = new[] { "container", "script", "resource", "dag", "steps", "suspend", "data", "http", "plugin", "containerSet" };
        var ownKind = kinds.FirstOrDefault(k => own.Get(k) is not null);
        var merged = new YamlMapping();
        foreach (var e in defaults.Entries)
        {
            if (kinds.Contains(e.Key.Value) && e.Key.Value != ownKind)
            {
                continue;
            }

            merged.Entries.Add(e);
        }

        var result = (YamlMapping)Merge(merged, own);
        var read = ModelSerializer.ReadTemplate(new ModelReader([]), result, FieldPath.Root) ?? t;
        if (cacheKey is not null)
        {
            _merged[cacheKey] = read;
        }

        return read;
    }

    private static YamlValue Merge(YamlValue baseValue, YamlValue over)
    {
        if (baseValue is YamlMapping b && over is YamlMapping o)
        {
            var result = new YamlMapping();
            foreach (var e in b.Entries)
            {
                var ov = o.Get(e.Key.Value);
                result.Entries.Add(new YamlEntry(e.Key, ov is null ? e.Value : Merge(e.Value, ov)));
            }

            foreach (var e in o.Entries.Where(e => b.Get(e.Key.Value) is null))
            {
                result.Entries.Add(e);
            }

            return result;
        }

        return over;
    }

    private static bool IsLeaf(Template t) => t.Steps is null && t.Dag is null && t.Suspend is null;

    private RetryStrategy? RetryOf(Template t) => t.RetryStrategy ?? _spec.RetryStrategy;

    /// <summary>
    /// Evaluates a template invocation at node <paramref name="nodeName"/> (EXE-01). Returns null when parallelism or
    /// failFast holds the node back (it does not exist yet, PAR-03).
    /// </summary>
    internal RunNode? ExecuteTemplate(string nodeName, Invocation call)
    {
        if (_nodes.TryGetValue(nodeName, out var existing))
        {
            if (!existing.Fulfilled || (existing.Daemoned && existing.Phase == NodePhase.Running))
            {
                Advance(existing);
            }

            return existing;
        }

        var tmpl = call.Template;
        if (call.Depth > MaxDepth)
        {
            return ErrorNode(nodeName, call.Parent, call.Boundary, "Maximum recursion depth exceeded. See https://argo-workflows.readthedocs.io/en/latest/scaling/#maximum-recursion-depth", tmpl.Name);
        }

        // Inputs (EXE-02) are checked before anything else so that a missing input is an Error node.
        if (!ProcessInputs(tmpl, call, out var inputs, out var inputError))
        {
            return ErrorNode(nodeName, call.Parent, call.Boundary, TaskErrored(call, nodeName, inputError), tmpl.Name);
        }

        // Parallelism and template failFast (PAR-01, PAR-02, STEP-06): when blocked, no node is created.
        if (!CanCreate(call))
        {
            return null;
        }

        // Synchronization (SYN-02).
        if (tmpl.Synchronization is { } sync)
        {
            if (!_locks.TryAcquire(nodeName, sync, _wf.Metadata?.Namespace ?? "default", _options.ConfigMaps, out var lockError, out var waiting))
            {
                if (!waiting)
                {
                    return ErrorNode(nodeName, call.Parent, call.Boundary, TaskErrored(call, nodeName, lockError), tmpl.Name);
                }

                var pending = CreateNode(nodeName, IsLeaf(tmpl) ? NodeType.Pod : tmpl.Steps is not null ? NodeType.Steps : NodeType.DAG, NodePhase.Pending, tmpl.Name, call.Parent, call.Boundary, lockError);
                pending.Call = call;
                pending.State = new LockWait();
                return pending;
            }
        }

        return Start(nodeName, call, inputs, null);
    }

    private sealed class LockWait;

    private RunNode Start(string nodeName, Invocation call, List<KeyValuePair<string, string>> inputs, RunNode? lockNode)
    {
        var tmpl = call.Template;

        // Memoization (MEM-01): a hit creates the node Succeeded with the cached outputs.
        string? memoKey = null;
        if (tmpl.Memoize is { } memo)
        {
            var scope = NodeScope(nodeName, call, inputs, null);
            memoKey = Substitution.Apply(memo.Key ?? string.Empty, scope, strict: false);
            if (!MemoKey.IsMatch(memoKey))
            {
                return ErrorOrUpdate(lockNode, nodeName, call, "invalid cache key: " + memoKey);
            }

            TimeSpan? maxAge = null;
            if (!string.IsNullOrEmpty(memo.MaxAge))
            {
                if (!Durations.TryParseGo(memo.MaxAge, out var age))
                {
                    return ErrorOrUpdate(lockNode, nodeName, call, "invalid maxAge: " + memo.MaxAge);
                }

                maxAge = age;
            }

            var cacheName = memo.Cache?.ConfigMap?.Name ?? "cache";
            if (_memo.TryGet(cacheName, memoKey, maxAge, Now, out var cachedOutputs))
            {
                var hit = lockNode ?? CreateNode(nodeName, NodeTypeOf(tmpl), NodePhase.Succeeded, tmpl.Name, call.Parent, call.Boundary);
                hit.Type = NodeTypeOf(tmpl);
                hit.Inputs.AddRange(inputs);
                hit.Outputs = cachedOutputs;
                hit.MemoizationHit = true;
                hit.Call = call;
                SetPhase(hit, NodePhase.Succeeded, string.Empty);
                ExportGlobals(hit, tmpl);
                ReleaseLock(hit);
                return hit;
            }
        }

        var retry = RetryOf(tmpl);
        RunNode node;
        if (retry is not null && tmpl.Suspend is null)
        {
            node = lockNode ?? CreateNode(nodeName, NodeType.Retry, NodePhase.Running, tmpl.Name, call.Parent, call.Boundary);
            node.Type = NodeType.Retry;
            if (lockNode is not null)
            {
                SetPhase(node, NodePhase.Running, string.Empty);
            }

            node.Call = call;
            node.InExitHandler = call.InExitHandler;
            node.Inputs.AddRange(inputs);
            node.State = new RetryState { MemoKey = memoKey, Inputs = inputs };
            if (memoKey is not null)
            {
                node.MemoizationHit = false;
                _pendingMemo[node.Name] = (tmpl.Memoize!.Cache?.ConfigMap?.Name ?? "cache", memoKey);
            }

            Advance(node);
            return node;
        }

        node = StartTyped(nodeName, call, inputs, lockNode, extra: null);
        if (memoKey is not null)
        {
            node.MemoizationHit = false;
            node.State ??= new object();
            _pendingMemo[node.Name] = (tmpl.Memoize!.Cache?.ConfigMap?.Name ?? "cache", memoKey);
            SaveMemoIfDone(node);
        }

        return node;
    }

    private readonly Dictionary<string, (string Cache, string Key)> _pendingMemo = new(StringComparer.Ordinal);

    private void SaveMemoIfDone(RunNode node)
    {
        if (node.Phase == NodePhase.Succeeded && _pendingMemo.Remove(node.Name, out var m))
        {
            _memo.Save(m.Cache, m.Key, node.Outputs ?? new NodeOutputs(), Now);
        }
    }

    /// <summary>
    /// dag.go executeDAGTask: an error executeTemplate returns for a task (inputs, locks, memoization, template
    /// resolution; not the maximum depth) is put on the task's node as "task '&lt;node name&gt;' errored: ...". Steps
    /// keep the message as is (executeStepGroup puts it on the group).
    /// </summary>
    private static string TaskErrored(Invocation call, string nodeName, string message) =>
        call.TasksName is not null && !message.StartsWith("task '", StringComparison.Ordinal) ? $"task '{nodeName}' errored: {message}" : message;

    private RunNode ErrorOrUpdate(RunNode? lockNode, string nodeName, Invocation call, string message)
    {
        message = TaskErrored(call, nodeName, message);
        if (lockNode is not null)
        {
            SetPhase(lockNode, NodePhase.Error, message);
            ReleaseLock(lockNode);
            return lockNode;
        }

        return ErrorNode(nodeName, call.Parent, call.Boundary, message, call.Template.Name);
    }

    private static NodeType NodeTypeOf(Template t) =>
        t.Steps is not null ? NodeType.Steps :
        t.Dag is not null ? NodeType.DAG :
        t.Suspend is not null ? NodeType.Suspend :
        t.Http is not null ? NodeType.HTTP :
        t.Plugin is not null ? NodeType.Plugin : NodeType.Pod;

    private bool CanCreate(Invocation call)
    {
        if (call.InExitHandler is false && Blocked(false))
        {
            // Stop/deadline: leaves created now fail at once (handled by the leaf), other nodes still get created.
            return true;
        }

        var limit = _options.Parallelism ?? (_spec.Parallelism is { } p ? (int)p : 0);
        if (limit > 0 && _activePods >= limit)
        {
            return false;
        }

        if (call.Boundary is not null && _nodes.TryGetValue(call.Boundary, out var boundary) && boundary.Resolved is { } bt)
        {
            if (bt.Parallelism is { } tp && tp > 0 && (_activeChildren.TryGetValue(boundary.Name, out var active) ? active : 0) >= tp)
            {
                return false;
            }

            if (bt.FailFast == true && HasFailedChild(boundary.Name))
            {
                return false;
            }
        }

        return true;
    }

    private bool HasFailedChild(string boundary) =>
        _order.Any(n => n.Boundary == boundary && n.Type is NodeType.Pod or NodeType.Steps or NodeType.DAG && n.FailedOrError);

    /// <summary>Creates the type-specific node (attempt or plain) and starts it.</summary>
    private RunNode StartTyped(string nodeName, Invocation call, List<KeyValuePair<string, string>> inputs, RunNode? lockNode, Dictionary<string, string>? extra)
    {
        var tmpl = call.Template;
        // The node's scope is built when something reads it: a leaf without tags and inputs is used as written.
        Scope? nodeScope = null;
        Scope ScopeOf() => nodeScope ??= NodeScope(nodeName, call, inputs, extra);
        Template resolved;
        try
        {
            resolved = SubstituteTemplate(tmpl, ScopeOf, inputs);
        }
        catch (SubstitutionException e)
        {
            return ErrorOrUpdate(lockNode, nodeName, call, e.Message);
        }

        if (_owners.TryGetValue(tmpl, out var tmplOwner))
        {
            _owners[resolved] = tmplOwner;
        }

        var type = NodeTypeOf(tmpl);
        var phase = type is NodeType.Steps or NodeType.DAG ? NodePhase.Running : NodePhase.Pending;
        var node = lockNode ?? CreateNode(nodeName, type, phase, tmpl.Name, call.Parent, call.Boundary);
        if (lockNode is not null)
        {
            lockNode.Type = type;
            lockNode.State = null;
            SetPhase(lockNode, phase, string.Empty);
        }

        node.Call = call;
        node.Resolved = resolved;
        node.InExitHandler = call.InExitHandler;
        node.Depth = call.Depth;
        if (node.Inputs.Count == 0)
        {
            node.Inputs.AddRange(ResolvedInputs(resolved, inputs));
        }

        if (extra is not null)
        {
            node.Retried = true;
        }

        if (resolved.Annotations is { } ann && ann.TryGetValue("workflows.argoproj.io/display-name", out var dn))
        {
            if (!Regex.IsMatch(dn, "^[a-zA-Z0-9][a-zA-Z0-9-.]{0,61}[a-zA-Z0-9]$", RegexOptions.None, TimeSpan.FromSeconds(1)))
            {
                SetPhase(node, NodePhase.Error, "invalid display name: " + dn);
                return node;
            }
        }

        switch (type)
        {
            case NodeType.Steps:
                node.State = new StepsState(ScopeOf().Clone());
                ExecuteSteps(node);
                break;
            case NodeType.DAG:
                node.State = new DagState(ScopeOf().Clone());
                ExecuteDag(node);
                break;
            case NodeType.Suspend:
                SetPhase(node, NodePhase.Running);
                AdvanceSuspend(node);
                break;
            default:
                StartLeaf(node, call);
                break;
        }

        return node;
    }

    private static IEnumerable<KeyValuePair<string, string>> ResolvedInputs(Template resolved, List<KeyValuePair<string, string>> inputs) =>
        (resolved.Inputs?.Parameters ?? []).Where(p => p.Name is not null).Select(p => new KeyValuePair<string, string>(p.Name!, inputs.FirstOrDefault(i => i.Key == p.Name).Value ?? string.Empty));

    /// <summary>
    /// Input parameters (EXE-02), in the order of common/util.go ProcessArgs: the input's default, then the argument
    /// (a value replaces valueFrom, a valueFrom replaces the value), then substituteAndGetConfigMapValue.
    /// </summary>
    private bool ProcessInputs(Template tmpl, Invocation call, out List<KeyValuePair<string, string>> inputs, out string error)
    {
        inputs = [];
        error = string.Empty;
        foreach (var p in tmpl.Inputs?.Parameters ?? [])
        {
            if (p.Name is null)
            {
                continue;
            }

            // overwriteWithDefaultParams.
            var value = p.Value?.Text ?? p.Default?.Text;
            var valueFrom = p.ValueFrom;
            var arg = call.Arguments?.Parameters?.FirstOrDefault(a => a.Name == p.Name);
            if (arg is not null && call.AbsentArguments.Contains(p.Name))
            {
                // The argument is a pure reference to a skipped/omitted node's output without a producer default
                // (scope.go markAbsentOptionalArgs): unsupplied, and an error when the input has nothing of its own.
                if (value is null && valueFrom is null)
                {
                    error = $"inputs.parameters.{p.Name}: argument references an absent optional (skipped/omitted node output with no default)";
                    return false;
                }
            }
            else if (arg is not null)
            {
                // overwriteWithArguments.
                if (arg.Value is not null)
                {
                    value = arg.Value.Text;
                    valueFrom = null;
                }
                else
                {
                    value = null;
                    valueFrom = arg.ValueFrom;
                }
            }

            // substituteAndGetConfigMapValue.
            if (valueFrom?.ConfigMapKeyRef is { } cm)
            {
                var cmName = cm.Name is null ? null : Substitution.Apply(cm.Name, Globals, strict: false);
                var cmKey = cm.Key is null ? null : Substitution.Apply(cm.Key, Globals, strict: false);
                var found = ConfigMapValue(cmName, cmKey);
                if (found is not null)
                {
                    value = found;
                }
                else if (valueFrom.Default is { } fallback)
                {
                    value = fallback.Text;
                }
                else
                {
                    var why = cmName is not null && _options.ConfigMaps.ContainsKey(cmName)
                        ? $"ConfigMap '{cmName}' does not have the key '{cmKey}'"
                        : $"ConfigMap '{cmName}' does not exist (put the ConfigMap in the workflow's file or pass its file with --with FILE)";
                    error = $"unable to retrieve inputs.parameters.{p.Name} from ConfigMap: {why}";
                    if (cmName is null || !_options.ConfigMaps.ContainsKey(cmName))
                    {
                        CannotRun.Add($"template '{tmpl.Name}': ConfigMap '{cmName}' is not available locally");
                    }

                    return false;
                }
            }
            else if (value is null)
            {
                error = $"inputs.parameters.{p.Name} was not supplied";
                return false;
            }

            inputs.Add(new KeyValuePair<string, string>(p.Name, value));
        }

        return true;
    }

    /// <summary>The scope a template is substituted with (SUB-03 pass 1 and 2 keys).</summary>
    private Scope NodeScope(string nodeName, Invocation call, List<KeyValuePair<string, string>> inputs, Dictionary<string, string>? extra)
    {
        var scope = new Scope(Globals);
        scope.Set("node.name", nodeName);
        if (IsLeaf(call.Template))
        {
            scope.Set("pod.name", PodName(nodeName, call.Template.Name));
        }

        if (call.StepsName is not null)
        {
            scope.Set("steps.name", call.StepsName);
        }

        if (call.TasksName is not null)
        {
            scope.Set("tasks.name", call.TasksName);
        }

        foreach (var p in extra ?? [])
        {
            scope.Set(p.Key, p.Value);
        }

        foreach (var i in inputs)
        {
            scope.Set("inputs.parameters." + i.Key, i.Value);
        }

        var list = inputs.Select(i => (object?)new Dictionary<string, object?>(StringComparer.Ordinal) { ["name"] = i.Key, ["value"] = i.Value }).ToList();
        scope.Set("inputs.parameters", Expr.ToJson(list));
        foreach (var a in call.Template.Inputs?.Artifacts ?? [])
        {
            if (a.Name is not null && a.Path is not null)
            {
                scope.Set("inputs.artifacts." + a.Name + ".path", a.Path);
            }
        }

        foreach (var a in call.Template.Outputs?.Artifacts ?? [])
        {
            if (a.Name is not null && a.Path is not null)
            {
                scope.Set("outputs.artifacts." + a.Name + ".path", a.Path);
            }
        }

        foreach (var p in call.Template.Outputs?.Parameters ?? [])
        {
            if (p.Name is not null && p.ValueFrom?.Path is not null)
            {
                scope.Set("outputs.parameters." + p.Name + ".path", p.ValueFrom.Path);
            }
        }

        return scope;
    }

    private readonly Dictionary<Template, bool> _hasTags = new(ReferenceEqualityComparer.Instance);

    /// <summary>Substitutes a template (SUB-02, SUB-03). steps./tasks./item references survive for later.</summary>
    private Template SubstituteTemplate(Template tmpl, Func<Scope> scopeOf, List<KeyValuePair<string, string>> inputs)
    {
        if (!_hasTags.TryGetValue(tmpl, out var hasTags))
        {
            hasTags = Substitution.TreeHasTags(ModelSerializer.WriteTemplate(tmpl));
            _hasTags[tmpl] = hasTags;
        }

        if (!hasTags && inputs.Count == 0)
        {
            return tmpl;
        }

        var yaml = ModelSerializer.WriteTemplate(tmpl);

        // The input values land in the template text, then both passes run over it.
        if (yaml.Get("inputs") is YamlMapping inMap && inMap.Get("parameters") is YamlSequence ps)
        {
            foreach (var item in ps.Items.OfType<YamlMapping>())
            {
                var name = (item.Get("name") as YamlScalar)?.Value;
                var value = inputs.FirstOrDefault(i => i.Key == name).Value;
                if (value is not null)
                {
                    item.Entries.RemoveAll(e => e.Key.Value is "value" or "default" or "valueFrom");
                    item.Entries.Add(new YamlEntry(new YamlScalar("value"), YamlScalar.String(value)));
                }
            }
        }

        // Keep steps./tasks. references for scheduling time (SUB-05), except the node's own steps.name/tasks.name.
        static bool Keep(string key) => (key.StartsWith("steps.", StringComparison.Ordinal) && key != "steps.name") || (key.StartsWith("tasks.", StringComparison.Ordinal) && key != "tasks.name") || key == "item" || key.StartsWith("item.", StringComparison.Ordinal);
        var substituted = Substitution.ApplyTree(yaml, scopeOf(), strict: false, Keep);
        var findings = new List<Finding>();
        var read = ModelSerializer.ReadTemplate(new ModelReader(findings), substituted, FieldPath.Root);
        if (read is null || findings.Any(f => f.Severity == Severity.Error))
        {
            throw new SubstitutionException("the template does not read back after substitution: " + string.Join("; ", findings.Select(f => f.Message)));
        }

        return read;
    }

    // ---- Advancing existing nodes -----------------------------------------------------------------

    private void Advance(RunNode node)
    {
        if (node.State is LockWait && node.Call is { } waitingCall)
        {
            if (Blocked(waitingCall.InExitHandler))
            {
                SetPhase(node, NodePhase.Failed, BlockedMessage);
                return;
            }

            if (_locks.TryAcquire(node.Name, waitingCall.Template.Synchronization!, _wf.Metadata?.Namespace ?? "default", _options.ConfigMaps, out var message, out _))
            {
                ProcessInputs(waitingCall.Template, waitingCall, out var inputs, out _);
                Start(node.Name, waitingCall, inputs, node);
            }
            else if (message != node.Message)
            {
                node.Message = message;
                Changed(node);
            }

            return;
        }

        switch (node.Type)
        {
            case NodeType.Retry:
                AdvanceRetry(node);
                break;
            case NodeType.Steps:
                ExecuteSteps(node);
                break;
            case NodeType.DAG:
                ExecuteDag(node);
                break;
            case NodeType.Suspend:
                AdvanceSuspend(node);
                break;
            case NodeType.TaskGroup:
                break;
            default:
                AdvanceLeaf(node);
                break;
        }

        if (node.Fulfilled)
        {
            ReleaseLock(node);
            SaveMemoIfDone(node);
        }
    }

    private void ReleaseLock(RunNode node)
    {
        if (node.Call?.Template.Synchronization is not null && node.Fulfilled && !node.Retried)
        {
            _locks.Release(node.Name);
        }
    }

    // ---- Retry (RET-01..09) -----------------------------------------------------------------------

    private sealed class RetryState
    {
        public string? MemoKey { get; init; }

        public required List<KeyValuePair<string, string>> Inputs { get; init; }

        public DateTimeOffset? BackoffUntil { get; set; }
    }

    private void AdvanceRetry(RunNode node)
    {
        var call = node.Call!;
        var state = (RetryState)node.State!;
        var strategy = RetryOf(call.Template)!;
        var attempts = node.Children.Select(c => _nodes[c]).Where(c => c.Retried).ToList();
        var last = attempts.LastOrDefault();
        if (last is not null && !last.Fulfilled)
        {
            Advance(last);
        }

        if (last is not null && !last.Fulfilled)
        {
            return;
        }

        if (last is not null && last.Phase == NodePhase.Succeeded)
        {
            node.Outputs = last.Outputs?.Clone();
            SetPhase(node, NodePhase.Succeeded, string.Empty);
            return;
        }

        if (last is not null)
        {
            if (!DecideRetry(node, strategy, attempts, state, out var stopMessage))
            {
                if (stopMessage is null || node.Fulfilled)
                {
                    return; // waiting for backoff, or the retry node itself errored (markNodeError)
                }

                node.Outputs = last.Outputs?.Clone();
                SetPhase(node, last.Phase, stopMessage);
                return;
            }
        }

        var index = attempts.Count;
        var extra = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["retries"] = index.ToString(CultureInfo.InvariantCulture),
            ["lastRetry.exitCode"] = last?.Outputs?.ExitCode ?? "0",
            ["lastRetry.status"] = last?.Phase.ToString() ?? string.Empty,
            ["lastRetry.duration"] = last is null ? "0" : ((last.FinishedAt ?? last.StartedAt) - last.StartedAt).TotalSeconds.ToString(CultureInfo.InvariantCulture),
            ["lastRetry.message"] = last?.Message ?? string.Empty,
        };
        var attemptCall = new Invocation
        {
            Template = call.Template,
            Arguments = call.Arguments,
            AbsentArguments = call.AbsentArguments,
            StepsName = call.StepsName,
            TasksName = call.TasksName,
            CaptureResult = call.CaptureResult,
            Boundary = call.Boundary,
            Parent = node.Name,
            InExitHandler = call.InExitHandler,
            Depth = call.Depth + 1,
        };
        var attempt = StartTyped(node.Name + "(" + index.ToString(CultureInfo.InvariantCulture) + ")", attemptCall, state.Inputs, null, extra);
        attempt.Retried = true;
        if (attempt.Fulfilled)
        {
            Changed(attempt);
        }
    }

    /// <summary>RET-04/RET-05: true to start another attempt; false with a message to stop; false with null to wait.</summary>
    private bool DecideRetry(RunNode node, RetryStrategy strategy, List<RunNode> attempts, RetryState state, out string? stopMessage)
    {
        stopMessage = null;
        var last = attempts[^1];
        if (_stopping && !node.InExitHandler)
        {
            stopMessage = "Stopped with strategy 'Stop'";
            return false;
        }

        if (_pastDeadline && !node.InExitHandler)
        {
            stopMessage = "retry exceeded workflow deadline " + _deadline?.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
            return false;
        }

        long? limit = null;
        if (strategy.Limit is { } lim)
        {
            var text = Substitution.Apply(lim.Text, NodeScope(node.Name, node.Call!, state.Inputs, null), strict: false);
            if (!long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l))
            {
                stopMessage = "retryStrategy.limit is not an integer: " + text;
                SetPhase(node, NodePhase.Error, stopMessage);
                return false;
            }

            limit = l;
        }

        var n = attempts.Count;
        if (strategy.Backoff is { } backoff)
        {
            if (string.IsNullOrEmpty(backoff.Duration) || !Durations.TryParse(backoff.Duration, out var baseDuration))
            {
                stopMessage = "no base duration specified for retryStrategy";
                return false;
            }

            var first = attempts[0].StartedAt;
            TimeSpan? maxDuration = !string.IsNullOrEmpty(backoff.MaxDuration) && Durations.TryParse(backoff.MaxDuration, out var md) ? md : null;
            if (maxDuration is { } m && Now > first + m)
            {
                stopMessage = "Max duration limit exceeded";
                return false;
            }

            // operator.go processNodeRetries: the factor is intstr.Int32 (a string that is not an integer errors the
            // node); the wait and the max-duration check apply with or without a limit; only the waiting itself needs
            // a limit that has not been reached.
            long factor = 0;
            if (backoff.Factor is { } f)
            {
                if (!long.TryParse(f.Text, NumberStyles.Integer, CultureInfo.InvariantCulture, out factor))
                {
                    stopMessage = $"value '{f.Text}' cannot be resolved to an int";
                    SetPhase(node, NodePhase.Error, stopMessage);
                    return false;
                }
            }

            var wait = factor > 0 ? TimeSpan.FromTicks((long)Math.Min(long.MaxValue, baseDuration.Ticks * Math.Floor(Math.Pow(factor, n - 1)))) : baseDuration;
            if (!string.IsNullOrEmpty(backoff.Cap) && Durations.TryParse(backoff.Cap, out var cap) && wait > cap)
            {
                wait = cap;
            }

            var finished = last.FinishedAt ?? Now;
            if (maxDuration is { } m2 && finished + wait > first + m2)
            {
                stopMessage = "Backoff would exceed max duration limit";
                return false;
            }

            if (state.BackoffUntil is null && Now < finished + wait && limit is { } lm && n <= lm)
            {
                state.BackoffUntil = finished + wait;
                node.Message = "Backoff for " + Durations.Humanize(wait);
                Changed(node);
            }

            if (state.BackoffUntil is { } until)
            {
                if (Now < until)
                {
                    Wake(until);
                    return false;
                }

                state.BackoffUntil = null;
            }
        }

        var policy = strategy.RetryPolicy ?? (strategy.Expression is not null ? "Always" : "OnFailure");
        var covered = policy switch
        {
            "Always" => true,
            "OnError" => last.Phase == NodePhase.Error,
            "OnTransientError" => last.FailedOrError && IsTransient(last.Message),
            _ => last.Phase == NodePhase.Failed,
        };
        if (!covered)
        {
            stopMessage = last.Message;
            return false;
        }

        if (limit is { } max && n > max)
        {
            stopMessage = "No more retries left";
            return false;
        }

        if (!string.IsNullOrEmpty(strategy.Expression))
        {
            var scope = new Scope();
            scope.Set("retries", (n - 1).ToString(CultureInfo.InvariantCulture));
            scope.Set("lastRetry.exitCode", last.Outputs?.ExitCode ?? "-1");
            scope.Set("lastRetry.status", last.Phase.ToString());
            scope.Set("lastRetry.duration", ((last.FinishedAt ?? Now) - last.StartedAt).TotalSeconds.ToString(CultureInfo.InvariantCulture));
            scope.Set("lastRetry.message", last.Message);
            try
            {
                var text = Substitution.Apply(strategy.Expression, NodeScope(node.Name, node.Call!, state.Inputs, null), strict: false);
                if (!Expr.Truthy(Expr.Evaluate(text, scope.Env())))
                {
                    stopMessage = "retryStrategy.expression evaluated to false";
                    return false;
                }
            }
            catch (ExprException e)
            {
                stopMessage = "retryStrategy.expression failed: " + e.Message;
                SetPhase(node, NodePhase.Error, stopMessage);
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The substrings util/errors isTransientErr matches in a node message wrapped as argoerrors.InternalError (the
    /// Kubernetes status checks and the typed network errors cannot match such an error): isTransientNetworkErr,
    /// isTransientEtcdErr, isClientGoRateLimiterWaitErr and isTransientSqbErr. Case-sensitive, as strings.Contains.
    /// </summary>
    private static readonly string[] TransientPatterns =
    [
        "unexpected error when reading response body", "stream error when reading response body",
        "Connection closed by foreign host", "net/http: TLS handshake timeout", "i/o timeout", "connection timed out",
        "connection reset by peer", "http2: client connection lost", "http2: server sent GOAWAY and closed the connection",
        "request did not complete within requested timeout", "connect: connection refused", "invalid connection",
        "etcdserver: leader changed", "etcdserver: request timed out", "etcdserver: too many requests",
        "client rate limiter Wait returned an error", "upper: no more rows in",
    ];

    /// <summary>util/errors isTransientErr over a Failed or Error node's message (operator.go processNodeRetries), plus TRANSIENT_ERROR_PATTERN.</summary>
    internal static bool IsTransient(string message)
    {
        var extra = Environment.GetEnvironmentVariable("TRANSIENT_ERROR_PATTERN");
        return TransientPatterns.Any(p => message.Contains(p, StringComparison.Ordinal)) ||
               (!string.IsNullOrEmpty(extra) && Regex.IsMatch(message, extra, RegexOptions.None, TimeSpan.FromSeconds(1)));
    }

    // ---- Suspend (SUS-01, SUS-02) -----------------------------------------------------------------

    private void AdvanceSuspend(RunNode node)
    {
        if (node.Fulfilled)
        {
            return;
        }

        if (Blocked(node.InExitHandler))
        {
            SetPhase(node, NodePhase.Failed, BlockedMessage);
            return;
        }

        var tmpl = node.Resolved ?? node.Call!.Template;
        if (_replay.TryGetValue(node.Name, out var record) && record.Phase == "Succeeded")
        {
            node.Outputs = record.ToOutputs();
            node.Replayed = true;
            SetPhase(node, NodePhase.Succeeded, record.Message);
            return;
        }

        var duration = tmpl.Suspend?.Duration;
        if (!string.IsNullOrEmpty(duration))
        {
            if (!Durations.TryParse(duration, out var d))
            {
                SetPhase(node, NodePhase.Error, "invalid suspend duration: " + duration);
                return;
            }

            var until = node.StartedAt + d;
            if (Now < until)
            {
                Wake(until);
                return;
            }

            ResumeSuspend(node, tmpl, expired: true);
            return;
        }

        if (_options.ResumeSuspended)
        {
            ResumeSuspend(node, tmpl, expired: false);
        }
    }

    private void ResumeSuspend(RunNode node, Template tmpl, bool expired)
    {
        var outputs = new NodeOutputs();
        foreach (var p in tmpl.Outputs?.Parameters ?? [])
        {
            if (p.Name is null)
            {
                continue;
            }

            string? value;
            if (_options.SuspendOutputs.TryGetValue(node.DisplayName + "." + p.Name, out var v))
            {
                value = v;
            }
            else if (_options.SuspendOutputs.TryGetValue(p.Name, out var v2))
            {
                value = v2;
            }
            else
            {
                value = p.ValueFrom?.Default?.Text ?? p.Default?.Text;
                if (value is null && tmpl.Inputs?.Parameters?.FirstOrDefault(i => i.Name == p.Name) is { } input)
                {
                    value = input.Default?.Text ?? node.Inputs.FirstOrDefault(i => i.Key == input.Name).Value;
                }
            }

            if (value is null)
            {
                var message = $"raw output parameter '{p.Name}' has not been set and does not have a default value";
                if (expired)
                {
                    SetPhase(node, NodePhase.Error, message);
                    return;
                }

                // A manual resume is refused; the run stays suspended with this message.
                if (node.Message != message)
                {
                    node.Message = message + " (pass --suspend-output " + p.Name + "=VALUE)";
                    Changed(node);
                }

                return;
            }

            outputs.Parameters.Add(new KeyValuePair<string, string>(p.Name, value));
        }

        node.Outputs = outputs;
        var msg = expired ? string.Empty : "Resumed by: pipelines (--resume-suspended)";
        SetPhase(node, NodePhase.Succeeded, msg);
        ExportGlobals(node, tmpl);
        _journal?.Write(JournalRecord.FromNode(node));
    }

    /// <summary>OUT-06: exports output parameters with a globalName.</summary>
    private void ExportGlobals(RunNode node, Template tmpl)
    {
        foreach (var p in tmpl.Outputs?.Parameters ?? [])
        {
            if (p.GlobalName is null || p.Name is null || node.Outputs?.Parameter(p.Name) is not { } value)
            {
                continue;
            }

            Globals.Set("workflow.outputs.parameters." + p.GlobalName, value);
            GlobalOutputs.RemoveAll(g => g.Key == p.GlobalName);
            GlobalOutputs.Add(new KeyValuePair<string, string>(p.GlobalName, value));
        }

        foreach (var a in tmpl.Outputs?.Artifacts ?? [])
        {
            if (a.GlobalName is null || a.Name is null)
            {
                continue;
            }

            var key = node.Outputs?.Artifacts.FirstOrDefault(x => x.Key == a.Name).Value;
            if (key is not null)
            {
                Globals.Set("workflow.outputs.artifacts." + a.GlobalName, key);
            }
        }
    }
}
