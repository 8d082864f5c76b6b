using System;
using System.Collections.Generic;
using System.Linq;
using Pipelines.Argo.Model;
using Pipelines.Argo.Yaml;

namespace Pipelines.Argo.Events;

/// <summary>
/// Reads and writes Argo Events objects (and the RBAC kinds beside them) with the same strict reader and canonical
/// writer as the Argo Workflows kinds. <see cref="ArgoYaml.ReadFile"/> binds these kinds too; this class converts
/// them to YAML.
/// </summary>
public static class EventsYaml
{
    /// <summary>The apiVersion of the Argo Events kinds.</summary>
    public const string ApiVersion = "argoproj.io/v1alpha1";

    /// <summary>The apiVersion of Role and RoleBinding.</summary>
    public const string RbacApiVersion = "rbac.authorization.k8s.io/v1";

    /// <summary>The kind enum for a kind name, or null when it is not one of <see cref="EventsKind"/>.</summary>
    public static EventsKind? KindOf(string? kind) => kind switch
    {
        "EventBus" => EventsKind.EventBus,
        "EventSource" => EventsKind.EventSource,
        "Sensor" => EventsKind.Sensor,
        "ServiceAccount" => EventsKind.ServiceAccount,
        "Role" => EventsKind.Role,
        "RoleBinding" => EventsKind.RoleBinding,
        _ => null,
    };

    /// <summary>The apiVersion a kind must have.</summary>
    public static string ApiVersionOf(EventsKind kind) => kind switch
    {
        EventsKind.ServiceAccount => "v1",
        EventsKind.Role or EventsKind.RoleBinding => RbacApiVersion,
        _ => ApiVersion,
    };

    /// <summary>Binds a document whose kind is one of <see cref="EventsKind"/> (in the right API group); others are left alone.</summary>
    internal static ManifestDocument Bind(ManifestDocument doc, YamlMapping map)
    {
        if (KindOf(doc.Kind) is not { } kind || doc.ApiVersion is null)
        {
            return doc;
        }

        var expected = ApiVersionOf(kind);
        var group = GroupOf(expected);
        if (GroupOf(doc.ApiVersion) != group)
        {
            // Same kind name in another API group (a CRD of someone else's): not ours to check.
            return doc;
        }

        doc.EventsKind = kind;
        if (doc.ApiVersion != expected)
        {
            var at = map.Get("apiVersion")!;
            doc.Findings.Add(FindingCodes.EventsApiVersion.Create($"apiVersion '{doc.ApiVersion}' is not served for {doc.Kind}; use {expected}", FieldPath.Root.Field("apiVersion"), at.Line, at.Column));
        }

        var reader = new ModelReader(doc.Findings);
        doc.EventsObject = kind switch
        {
            EventsKind.EventBus => EventsSerializer.ReadEventBus(reader, map, FieldPath.Root),
            EventsKind.EventSource => EventsSerializer.ReadEventSource(reader, map, FieldPath.Root),
            EventsKind.Sensor => EventsSerializer.ReadSensor(reader, map, FieldPath.Root),
            EventsKind.ServiceAccount => EventsSerializer.ReadServiceAccount(reader, map, FieldPath.Root),
            EventsKind.Role => EventsSerializer.ReadRole(reader, map, FieldPath.Root),
            _ => EventsSerializer.ReadRoleBinding(reader, map, FieldPath.Root),
        };
        return doc;
    }

    private static string GroupOf(string apiVersion)
    {
        var slash = apiVersion.LastIndexOf('/');
        return slash < 0 ? string.Empty : apiVersion.Substring(0, slash);
    }

    /// <summary>Converts an object to its YAML node, fields in the order of the Go types.</summary>
    public static YamlMapping ToYaml(IEventsObject value) => value switch
    {
        EventBus b => EventsSerializer.WriteEventBus(b),
        EventSource s => EventsSerializer.WriteEventSource(s),
        Sensor s => EventsSerializer.WriteSensor(s),
        ServiceAccount a => EventsSerializer.WriteServiceAccount(a),
        Role r => EventsSerializer.WriteRole(r),
        RoleBinding r => EventsSerializer.WriteRoleBinding(r),
        null => throw new ArgumentNullException(nameof(value)),
        _ => throw new ArgumentException("Unknown Argo Events object type " + value.GetType().Name, nameof(value)),
    };

    /// <summary>Writes objects as canonical YAML, separated by <c>---</c>.</summary>
    public static string Write(IEnumerable<IEventsObject> values) => YamlTextWriter.Write(values.Select(ToYaml));

    /// <summary>Writes one object as canonical YAML.</summary>
    public static string Write(IEventsObject value) => YamlTextWriter.Write(ToYaml(value));
}
