using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Pipelines.Argo.Validation;
using Pipelines.Argo.Yaml;

namespace Pipelines.Argo.Events.Validation;

/// <summary>
/// Argo Events' validation (the guide's section 9) over the Argo Events model: errors for what Argo Events' controllers
/// and admission webhook reject, warnings for what they accept but what fails or does nothing at run time. EventSources
/// checked together with Sensors let dependencies resolve (RT-12).
/// </summary>
public static class EventsValidator
{
    /// <summary>
    /// Validates every Argo Events and RBAC document of <paramref name="files"/> that was read without errors, together,
    /// and adds the findings (with line and column) to each document's <see cref="ManifestDocument.Findings"/>.
    /// </summary>
    public static void Validate(IReadOnlyList<ManifestFile> files)
    {
        var documents = files.SelectMany(f => f.Documents).Where(d => d.EventsObject is not null && !d.HasErrors).ToList();
        var others = documents.Select(d => d.EventsObject!).ToList();
        foreach (var doc in documents)
        {
            var findings = Validate(doc.EventsObject!, others);

            // A validator error about a missing field says more than the reader's schema-required warning at that path.
            var errorPaths = new HashSet<string>(findings.Where(f => f.Severity == Severity.Error).Select(f => f.Path), StringComparer.Ordinal);
            doc.Findings.RemoveAll(f => f.Code == FindingCodes.EventsSchemaRequired.Code && errorPaths.Contains(f.Path));
            foreach (var f in findings)
            {
                var (line, column) = YamlLocator.Locate(doc.Root, FieldPath.Parse(f.Path));
                doc.Findings.Add(f with { Line = line, Column = column });
            }
        }
    }

    /// <summary>
    /// Validates one object. <paramref name="others"/> are objects checked with it (EventSources a Sensor's dependencies
    /// may name). Findings carry paths but no positions.
    /// </summary>
    public static IReadOnlyList<Finding> Validate(IEventsObject obj, IEnumerable<IEventsObject>? others = null)
    {
        if (obj is null)
        {
            throw new ArgumentNullException(nameof(obj));
        }

        var ctx = new EventsContext(others?.ToList() ?? []);
        CheckName(ctx, obj);
        switch (obj)
        {
            case EventBus bus:
                EventBusRules.Check(ctx, bus);
                break;
            case EventSource source:
                EventSourceRules.Check(ctx, source);
                break;
            case Sensor sensor:
                SensorRules.Check(ctx, sensor);
                break;
        }

        return ctx.Findings;
    }

    private static void CheckName(EventsContext ctx, IEventsObject obj)
    {
        var name = obj.Metadata?.Name;
        var path = FieldPath.Root.Field("metadata").Field("name");
        if (string.IsNullOrEmpty(name))
        {
            ctx.Report(FindingCodes.EventsName, $"the {obj.Kind} has no metadata.name; give it a lowercase name such as 'orders'", path);
        }
        else if (!StructureRules.IsDnsSubdomain(name!))
        {
            ctx.Report(FindingCodes.EventsName, $"metadata.name \"{name}\" is not a lowercase RFC 1123 name (lower case letters, digits, '-' and '.', starting and ending with a letter or digit)", path);
        }
    }
}

/// <summary>Collects findings for one object and knows the objects checked with it.</summary>
internal sealed class EventsContext(List<IEventsObject> all)
{
    public List<Finding> Findings { get; } = [];

    public List<IEventsObject> All { get; } = all;

    public void Report(FindingDescriptor descriptor, string message, FieldPath path) => Findings.Add(descriptor.Create(message, path));

    public void Warn(FindingDescriptor descriptor, string message, FieldPath path) =>
        Findings.Add(descriptor.Create(message, path) with { Severity = Severity.Warning });

    public static string Num(long value) => value.ToString(CultureInfo.InvariantCulture);
}
