using System;
using System.Collections.Generic;
using System.Linq;
using Pipelines.Argo.Model;

namespace Pipelines.Argo.Validation.Flow;

/// <summary>What a template's own body can reference: its inputs, and <c>{{pod.name}}</c> when it runs a pod.</summary>
internal sealed class TemplateScope
{
    public TemplateScope(Template t)
    {
        var leaf = FlowTemplates.IsLeaf(t);
        foreach (var p in t.Inputs?.Parameters ?? [])
        {
            if (p?.Name is { } n)
            {
                ParameterNames.Add(n);
            }
        }

        foreach (var a in t.Inputs?.Artifacts ?? [])
        {
            if (a?.Name is { } n)
            {
                ArtifactNames.Add(n);
            }
        }

        IsLeaf = leaf;
        Pod = FlowTemplates.IsPod(t);
    }

    public List<string> ParameterNames { get; } = [];

    public List<string> ArtifactNames { get; } = [];

    public bool IsLeaf { get; }

    public bool Pod { get; }
}

/// <summary>
/// Checks the tags of one scanned unit (a leaf template, a step, a DAG task, a template's outputs, a DAG target) against
/// what is in scope there, following Argo's scoping (ARGO-RULES section 5), and reports findings.
/// </summary>
internal sealed class VariableChecker
{
    private static readonly string[] CheckedPrefixes = ["item.", "steps.", "inputs.", "outputs.", "pod.", "workflow.", "tasks."];

    private readonly ValidationContext _ctx;
    private readonly WorkflowVariables _wf;
    private readonly TemplateScope _scope;

    public VariableChecker(ValidationContext ctx, WorkflowVariables wf, TemplateScope scope)
    {
        _ctx = ctx;
        _wf = wf;
        _scope = scope;
    }

    /// <summary>
    /// The global outputs Argo has registered when this part is checked (<see cref="GlobalOrder"/>); null to accept
    /// every globalName of the workflow.
    /// </summary>
    public GlobalOrder.Snapshot? Globals { get; set; }

    /// <summary>Extra input parameter names in scope (an inline template's inputs, seen from its step or task).</summary>
    public List<string> ExtraInputs { get; } = [];

    /// <summary>The steps of the template, when checking a steps template.</summary>
    public Dictionary<string, FlowNode>? Steps { get; set; }

    /// <summary>The step being checked; null for the template's outputs (where every step is visible).</summary>
    public FlowNode? CurrentStep { get; set; }

    /// <summary>The tasks of the DAG, when checking a DAG template.</summary>
    public Dictionary<string, FlowNode>? Tasks { get; set; }

    /// <summary>The task being checked; null for the DAG's target and outputs.</summary>
    public FlowNode? CurrentTask { get; set; }

    /// <summary>Whether a task is an ancestor of <see cref="CurrentTask"/>.</summary>
    public Func<string, bool>? IsAncestor { get; set; }

    /// <summary>Paths already reported by DAG-08 (no extra warning there).</summary>
    public HashSet<string>? ReportedPaths { get; set; }

    /// <summary>The loop of the current step or task.</summary>
    public LoopScope? Loop { get; set; }

    /// <summary>Loop items of other steps of the template, which Argo lets leak into later steps' scope.</summary>
    public LoopScope? LeakedLoop { get; set; }

    public void CheckAll(List<TagOccurrence> tags, List<FieldPath> unclosed)
    {
        foreach (var path in unclosed)
        {
            _ctx.Report(FindingCodes.UnclosedTag, "template parse error: a '{{' has no closing '}}'; close the tag, or remove the braces if they are not an Argo variable", path);
        }

        foreach (var t in tags)
        {
            Check(t);
        }
    }

    public void Check(TagOccurrence occ)
    {
        var tag = occ.Tag;
        if (tag == "item")
        {
            if (Loop is null)
            {
                Warn(FindingCodes.ItemOutsideLoop, occ, "{{item}} is used where no withItems, withParam or withSequence applies; Argo leaves it unsubstituted. Add a loop to this step or task, or pass the value as an input parameter");
            }

            return;
        }

        if (!IsChecked(tag))
        {
            return;
        }

        if (tag.StartsWith("outputs.", StringComparison.Ordinal))
        {
            return;
        }

        if (tag.StartsWith("inputs.", StringComparison.Ordinal))
        {
            CheckInput(occ);
        }
        else if (tag.StartsWith("item.", StringComparison.Ordinal))
        {
            CheckItem(occ);
        }
        else if (tag.StartsWith("pod.", StringComparison.Ordinal))
        {
            if (tag != "pod.name")
            {
                Error(FindingCodes.PodNameOutsidePod, occ, "the only pod variable is {{pod.name}}");
            }
            else if (!_scope.Pod)
            {
                Error(FindingCodes.PodNameOutsidePod, occ, "{{pod.name}} only exists in templates that create a pod (container, containerSet, script, resource, data); pass it from there as an output parameter");
            }
        }
        else if (tag.StartsWith("workflow.", StringComparison.Ordinal))
        {
            CheckWorkflow(occ);
        }
        else if (tag.StartsWith("steps.", StringComparison.Ordinal))
        {
            CheckStep(occ);
        }
        else if (tag.StartsWith("tasks.", StringComparison.Ordinal))
        {
            CheckTask(occ);
        }
    }

    private static bool IsChecked(string tag)
    {
        foreach (var p in CheckedPrefixes)
        {
            if (tag.StartsWith(p, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private void CheckInput(TagOccurrence occ)
    {
        var tag = occ.Tag;
        var parameters = _scope.ParameterNames.Concat(ExtraInputs).ToList();
        if (tag == "inputs.parameters")
        {
            if (parameters.Count == 0)
            {
                Error(FindingCodes.UnresolvedInput, occ, "the template declares no input parameters");
            }

            return;
        }

        const string p = "inputs.parameters.";
        const string a = "inputs.artifacts.";
        if (tag.StartsWith(p, StringComparison.Ordinal))
        {
            var name = tag.Substring(p.Length);
            if (!parameters.Contains(name))
            {
                Error(FindingCodes.UnresolvedInput, occ, $"the template declares no input parameter '{name}'" + DidYouMean(name, parameters) + "; declare it under inputs.parameters or fix the name");
            }

            return;
        }

        if (tag.StartsWith(a, StringComparison.Ordinal))
        {
            var rest = tag.Substring(a.Length);
            var name = rest;
            var isPath = false;
            if (!_scope.ArtifactNames.Contains(rest) && rest.EndsWith(".path", StringComparison.Ordinal))
            {
                name = rest.Substring(0, rest.Length - ".path".Length);
                isPath = true;
            }

            if (!_scope.ArtifactNames.Contains(name))
            {
                Error(FindingCodes.UnresolvedInput, occ, $"the template declares no input artifact '{name}'" + DidYouMean(name, _scope.ArtifactNames) + "; declare it under inputs.artifacts or fix the name");
            }
            else if (isPath && !_scope.IsLeaf)
            {
                Error(FindingCodes.UnresolvedInput, occ, $"'.path' of input artifact '{name}' only exists in leaf templates (container, script...), not in steps or DAG templates");
            }

            return;
        }

        Error(FindingCodes.UnresolvedInput, occ, "inputs are referenced as {{inputs.parameters.NAME}}, {{inputs.artifacts.NAME}} or {{inputs.artifacts.NAME.path}}");
    }

    private void CheckItem(TagOccurrence occ)
    {
        var tag = occ.Tag;
        if (Loop is not null && Loop.Accepts(tag))
        {
            return;
        }

        if (LeakedLoop is not null && LeakedLoop.Accepts(tag))
        {
            Warn(FindingCodes.ItemOutsideLoop, occ, $"{{{{{tag}}}}} is not provided by this step's own loop; Argo accepts it only because another step of the template loops over such items, and it is not substituted here at run time");
            return;
        }

        if (Loop is null)
        {
            Error(FindingCodes.UnresolvedItem, occ, "there is no withItems, withParam or withSequence here; add a loop to the step or task, or pass the value as an input parameter");
            return;
        }

        var keys = Loop.Keys.Select(k => k.Substring("item.".Length)).ToList();
        var key = tag.Substring("item.".Length);
        Error(
            FindingCodes.UnresolvedItem,
            occ,
            keys.Count == 0
                ? "the loop's items are not maps or lists (withSequence and scalar items only provide {{item}})"
                : $"the loop's items have no key '{key}' (keys: {string.Join(", ", keys)})" + DidYouMean(key, keys));
    }

    private void CheckWorkflow(TagOccurrence occ)
    {
        var rest = occ.Tag.Substring("workflow.".Length);
        if (WorkflowVariables.IsAlways(rest))
        {
            return;
        }

        const string parameters = "parameters";
        if (rest.StartsWith(parameters, StringComparison.Ordinal))
        {
            if (_wf.AnyParameter)
            {
                return;
            }

            if (rest is "parameters" or "parameters.json")
            {
                if (_wf.Parameters.Count == 0)
                {
                    Error(FindingCodes.UnresolvedWorkflowParameter, occ, "spec.arguments declares no parameters");
                }

                return;
            }

            if (rest.StartsWith("parameters.", StringComparison.Ordinal))
            {
                var name = rest.Substring("parameters.".Length);
                if (!_wf.Parameters.Contains(name))
                {
                    Error(FindingCodes.UnresolvedWorkflowParameter, occ, $"spec.arguments.parameters has no parameter '{name}'" + DidYouMean(name, _wf.Parameters) + "; add it to spec.arguments.parameters");
                }

                return;
            }
        }

        if (rest.StartsWith("labels.", StringComparison.Ordinal) || rest.StartsWith("annotations.", StringComparison.Ordinal))
        {
            var isLabel = rest.StartsWith("labels.", StringComparison.Ordinal);
            var key = rest.Substring(isLabel ? "labels.".Length : "annotations.".Length);
            var known = isLabel ? _wf.Labels : _wf.Annotations;
            if (_wf.AnyLabel || known.Contains(key))
            {
                return;
            }

            var what = isLabel ? "label" : "annotation";
            var message = $"failed to resolve {{{{{occ.Tag}}}}}: the workflow sets no {what} '{key}'" + DidYouMean(key, known) +
                $"; set it in metadata.{what}s or spec.workflowMetadata.{what}s (or in the controller's workflow defaults)";
            // Go: WorkflowTemplate and ClusterWorkflowTemplate validate as a Workflow carrying the template's own labels
            // and annotations, and resolveAllVariables makes no exception for them, so an unknown key is an error there too.
            _ctx.Report(FindingCodes.UnresolvedWorkflowVariable, Severity.Error, message, occ.Path);
            return;
        }

        switch (rest)
        {
            case "priority":
                if (!_wf.Priority)
                {
                    Error(FindingCodes.UnresolvedWorkflowVariable, occ, "{{workflow.priority}} only exists when spec.priority is set");
                }

                return;
            case "failures":
                if (!_wf.OnExit)
                {
                    Error(FindingCodes.WorkflowFailuresWithoutOnExit, occ, "{{workflow.failures}} only exists in an exit handler; set spec.onExit and use it there");
                }

                return;
        }

        const string outParams = "outputs.parameters.";
        const string outArtifacts = "outputs.artifacts.";
        if (rest.StartsWith(outParams, StringComparison.Ordinal))
        {
            var name = rest.Substring(outParams.Length);
            if (!_wf.AnyGlobalParameter && !_wf.GlobalParameters.Contains(name))
            {
                Error(FindingCodes.UnresolvedGlobalOutput, occ, $"no output parameter has globalName '{name}'" + DidYouMean(name, _wf.GlobalParameters) + "; set globalName on the output parameter that produces it");
            }
            else if (!_wf.AnyGlobalParameter && Globals is { } known && !known.Parameters.Contains(name))
            {
                Error(FindingCodes.UnresolvedGlobalOutput, occ, NotYetRegistered("parameter", name));
            }

            return;
        }

        if (rest.StartsWith(outArtifacts, StringComparison.Ordinal))
        {
            var name = rest.Substring(outArtifacts.Length);
            if (!_wf.AnyGlobalArtifact && !_wf.GlobalArtifacts.Contains(name))
            {
                Error(FindingCodes.UnresolvedGlobalOutput, occ, $"no output artifact has globalName '{name}'" + DidYouMean(name, _wf.GlobalArtifacts) + "; set globalName on the output artifact that produces it");
            }
            else if (!_wf.AnyGlobalArtifact && Globals is { } known && !known.Artifacts.Contains(name))
            {
                Error(FindingCodes.UnresolvedGlobalOutput, occ, NotYetRegistered("artifact", name));
            }

            return;
        }

        Error(FindingCodes.UnresolvedWorkflowVariable, occ, "this is not a workflow variable (see Argo's variables reference: workflow.name, workflow.namespace, workflow.uid, workflow.parameters.NAME, workflow.status, ...)");
    }

    private static string NotYetRegistered(string kind, string name) =>
        $"failed to resolve {{{{workflow.outputs.{kind}s.{name}}}}}: Argo registers a global output only when a step or task that calls the producing template " +
        "comes into scope, and it validates the entrypoint first, then spec.onExit, then the other templates in order (the entrypoint's own outputs are never registered); " +
        "reference it from a later step or task than the one that produces it, or from the exit handler";

    private void CheckStep(TagOccurrence occ)
    {
        var tag = occ.Tag;
        if (tag.StartsWith("steps.name", StringComparison.Ordinal))
        {
            return;
        }

        if (!SplitNode(tag, "steps.", out var name, out var attribute))
        {
            Error(FindingCodes.UnresolvedStepReference, occ, "step references look like {{steps.NAME.outputs.result}}");
            return;
        }

        if (Steps is null || !Steps.TryGetValue(name, out var node))
        {
            Error(FindingCodes.UnresolvedStepReference, occ, Steps is null
                ? "{{steps.*}} only exists inside the steps of a steps template"
                : $"the template has no step '{name}'" + DidYouMean(name, Steps.Keys));
            return;
        }

        if (attribute != "status" && node.CheckAttribute(attribute) is { } reason)
        {
            Error(FindingCodes.UnresolvedStepReference, occ, reason);
            return;
        }

        if (CurrentStep is not { } cur)
        {
            return;
        }

        if (node.Group < cur.Group)
        {
            return;
        }

        if (node.Group > cur.Group)
        {
            _ctx.Report(FindingCodes.FutureStepReference, $"failed to resolve {{{{{tag}}}}}: step '{name}' runs in a later step group; a step can only use steps of earlier groups", occ.Path);
            return;
        }

        if (ReferenceEquals(node, cur) && (attribute == "status" || cur.HasHooks))
        {
            return;
        }

        Warn(FindingCodes.SameGroupStepReference, occ, ReferenceEquals(node, cur)
            ? $"{{{{{tag}}}}} refers to the step itself, whose outputs do not exist yet when its arguments are resolved; this fails at run time"
            : $"{{{{{tag}}}}} refers to step '{name}' of the same parallel group, which runs at the same time; Argo accepts it but it fails at run time. Move '{name}' to an earlier group (a new '- -' list)");
    }

    private void CheckTask(TagOccurrence occ)
    {
        var tag = occ.Tag;
        if (tag.StartsWith("tasks.name", StringComparison.Ordinal))
        {
            return;
        }

        if (!SplitNode(tag, "tasks.", out var name, out var attribute))
        {
            Error(FindingCodes.UnresolvedTaskReference, occ, "task references look like {{tasks.NAME.outputs.result}}");
            return;
        }

        if (Tasks is null || !Tasks.TryGetValue(name, out var node))
        {
            Error(FindingCodes.UnresolvedTaskReference, occ, Tasks is null
                ? "{{tasks.*}} only exists inside the tasks of a DAG template"
                : $"the DAG has no task '{name}'" + DidYouMean(name, Tasks.Keys));
            return;
        }

        var cur = CurrentTask;
        var self = cur is not null && ReferenceEquals(node, cur);
        var ancestor = cur is not null && !self && (IsAncestor?.Invoke(name) ?? false);
        if (attribute == "status")
        {
            if (!(ancestor || (self && cur!.HasHooks)))
            {
                Error(FindingCodes.UnresolvedTaskReference, occ, cur is null
                    ? "the status of a task is not available here"
                    : $"'{name}' is not a dependency of '{cur.Name}', so its status is not known when '{cur.Name}' runs; add '{name}' to its depends");
            }

            return;
        }

        if (node.CheckAttribute(attribute) is { } reason)
        {
            Error(FindingCodes.UnresolvedTaskReference, occ, reason);
            return;
        }

        if (cur is not null && !self && !ancestor && !(ReportedPaths?.Contains(occ.Path.ToString()) ?? false))
        {
            Warn(FindingCodes.NonAncestorTaskReference, occ, $"{{{{{tag}}}}} refers to task '{name}', which '{cur.Name}' does not depend on; Argo accepts it but the value may not exist yet at run time. Add '{name}' to the depends of '{cur.Name}'");
        }
    }

    private static bool SplitNode(string tag, string prefix, out string name, out string attribute)
    {
        var rest = tag.Substring(prefix.Length);
        var dot = rest.IndexOf('.');
        if (dot <= 0 || dot == rest.Length - 1)
        {
            name = rest;
            attribute = string.Empty;
            return false;
        }

        name = rest.Substring(0, dot);
        attribute = rest.Substring(dot + 1);
        return true;
    }

    private static string DidYouMean(string name, IEnumerable<string> candidates) =>
        ModelReader.Suggest(name, candidates) is { } s ? $" (did you mean '{s}'?)" : string.Empty;

    private void Error(FindingDescriptor d, TagOccurrence occ, string detail) =>
        _ctx.Report(d, Severity.Error, $"failed to resolve {{{{{occ.Tag}}}}}: {detail}", occ.Path);

    private void Warn(FindingDescriptor d, TagOccurrence occ, string detail) =>
        _ctx.Report(d, Severity.Warning, detail, occ.Path);
}
