using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Pipelines.Argo;
using Pipelines.Argo.Events;
using Pipelines.Argo.Events.Validation;

namespace Pipelines.Build.Tasks;

/// <summary>
/// The Argo Events half of the task: for each WorkflowTemplate class with a trigger (<c>[PipelineEvents]</c>), the
/// EventSource, the Sensor, and a ServiceAccount with its Role and RoleBinding per component
/// (<c>eventsource-*.yaml</c>, <c>sensor-*.yaml</c>, <c>serviceaccount-*.yaml</c>, <c>role-*.yaml</c>,
/// <c>rolebinding-*.yaml</c>), plus <c>eventbus-*.yaml</c> with <c>[assembly: EventBus]</c>. All are in the
/// kustomization and checked by the Argo Events validator (findings keep their PIPE5xxx codes).
/// </summary>
public sealed partial class EmitArgoManifests
{
    /// <summary>The event files of the written manifests, in file-name order.</summary>
    private List<PlannedFile> PlanEvents(List<Output> outputs)
    {
        var files = new List<PlannedFile>();
        List<EmbeddedEvents> triggers;
        DeclaredEventBus? bus;
        var problems = new List<string>();
        try
        {
            (triggers, bus) = ManifestAttributeReader.ReadEvents(File.ReadAllBytes(AssemblyPath), problems);
        }
        catch (Exception e) when (IsIoProblem(e) || e is BadImageFormatException or InvalidOperationException)
        {
            Report(BuildCodes.AssemblyUnreadable, $"cannot read the event triggers of '{AssemblyPath}': {e.Message}; rebuild the project", AssemblyPath);
            return files;
        }

        foreach (var problem in problems)
        {
            Report(BuildCodes.EventsDescriptionInvalid, problem + "; the attribute is meant to be written by the Pipelines source generator, not by hand", AssemblyPath);
        }

        if (bus is not null && (bus.Version.Length == 0 || bus.Version == "latest" || bus.Replicas is 2 or < 1))
        {
            Report(BuildCodes.EventBusInvalid, $"[assembly: EventBus(\"{bus.Name}\")] has version '{bus.Version}' and {bus.Replicas} replicas: pin a JetStream version the controller knows (not latest) and use 1 or at least 3 replicas", AssemblyPath);
            return files;
        }

        if (triggers.Count == 0 && bus is null)
        {
            return files;
        }

        var byId = outputs.ToDictionary(o => o.Entry.Source.Id, StringComparer.Ordinal);
        var builder = new EventsManifests(bus?.Name);
        foreach (var trigger in triggers.OrderBy(t => t.Id, StringComparer.Ordinal))
        {
            var where = byId.TryGetValue(trigger.Id, out var output) ? output.Entry.Map.Locate(string.Empty) : null;
            builder.Add(trigger.Id, trigger.Json, (code, message) => Report(code, message, where, AssemblyPath), ManifestOf);
        }

        Argo.Yaml.YamlMapping? ManifestOf(string id) =>
            byId.TryGetValue(id, out var written) ? ArgoYaml.ReadText(written.Content, written.FileName).Documents.FirstOrDefault()?.Root as Argo.Yaml.YamlMapping : null;

        var templates = new HashSet<string>(outputs.Where(o => o.Kind == "WorkflowTemplate").Select(o => o.Name), StringComparer.Ordinal);
        foreach (var file in ReadReferencedManifests())
        {
            foreach (var doc in file.Documents.Where(d => d.Kind == "WorkflowTemplate" && d.Name is not null))
            {
                templates.Add(doc.Name!);
            }
        }

        foreach (var (id, template) in builder.DeadLetterTemplates.Where(t => !templates.Contains(t.Template)))
        {
            var where = byId.TryGetValue(id, out var output) ? output.Entry.Map.Locate(string.Empty) : null;
            Report(BuildCodes.DeadLetterTemplateMissing, $"{id}: the dead-letter WorkflowTemplate '{template}' is not built by this project or its references; deploy it in the namespace, or the dead-letter submission fails", where, AssemblyPath);
        }

        var objects = builder.Objects(bus);
        var all = objects.Select(o => o.Object).ToList();
        foreach (var (fileName, obj) in objects)
        {
            foreach (var finding in EventsValidator.Validate(obj, all))
            {
                Emit(finding.Code, finding.Severity, $"{finding.Message} [{fileName}: {finding.Path}]", AssemblyPath, 0, 0);
            }

            files.Add(new PlannedFile(fileName, Utf8.GetBytes(EventsYaml.Write(obj)), null));
        }

        foreach (var clash in files.GroupBy(f => f.FileName, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            Report(BuildCodes.EventsConflict, $"two event objects would be written to {clash.Key}; give them different names", AssemblyPath);
        }

        return files.GroupBy(f => f.FileName, StringComparer.OrdinalIgnoreCase).Select(g => g.First()).ToList();
    }
}
