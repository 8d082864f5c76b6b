using System;
using System.Collections.Generic;

namespace Pipelines.Argo.SchemaGen;

/// <summary>
/// What differs between the models generated from one schema and another: the root definitions, the C# namespace,
/// the serializer class and how the strict reader treats unknown and missing fields.
/// </summary>
/// <param name="Roots">Full definition names whose reachable definitions make up the model.</param>
/// <param name="OwnPrefix">Definitions under this prefix keep their short names; others get <c>K8s</c> on a clash.</param>
/// <param name="Namespace">The C# namespace of the generated types.</param>
/// <param name="SerializerClass">The name of the generated static reader/writer class.</param>
/// <param name="Source">The project and version named in the file header.</param>
/// <param name="SchemaName">How type summaries name the schema.</param>
/// <param name="GoTypes">How the serializer summary names the Go types that fix the field order.</param>
/// <param name="UnknownCall">The <c>ModelReader</c> method called for an unknown field.</param>
/// <param name="RequiredCall">The <c>ModelReader</c> method called for a missing required field.</param>
/// <param name="ExtraUsings">Using directives (with newlines) the generated files need beyond the defaults.</param>
/// <param name="Special">Definitions mapped to a hand-written primitive type (by its generator name).</param>
public sealed record ModelProfile(
    IReadOnlyList<string> Roots,
    string OwnPrefix,
    string Namespace,
    string SerializerClass,
    string Source,
    string SchemaName,
    string GoTypes,
    string UnknownCall,
    string RequiredCall,
    string ExtraUsings,
    IReadOnlyDictionary<string, string> Special)
{
    private const string EventsPrefix = "io.argoproj.events.v1alpha1.";

    /// <summary>The Argo Workflows v4.1 model in <c>Pipelines.Argo.Model</c>.</summary>
    public static ModelProfile Argo { get; } = new(
        Array.ConvertAll(ModelGenerator.RootKinds, k => "io.argoproj.workflow.v1alpha1." + k),
        "io.argoproj.workflow.v1alpha1.",
        "Pipelines.Argo.Model",
        "ModelSerializer",
        "Argo Workflows v4.1.2",
        "Argo",
        "Argo's Go types",
        "Unknown",
        "Required",
        string.Empty,
        new Dictionary<string, string>(StringComparer.Ordinal));

    /// <summary>
    /// The Argo Events v1.9.11 model in <c>Pipelines.Argo.Events</c>: EventBus, EventSource, Sensor, and the Kubernetes
    /// RBAC kinds the build writes beside them (their definitions are in the same schema). Argo Events decodes
    /// leniently, so unknown fields and fields only schema.json requires are reported as warnings.
    /// </summary>
    public static ModelProfile Events { get; } = new(
        [
            EventsPrefix + "EventBus",
            EventsPrefix + "EventSource",
            EventsPrefix + "Sensor",
            "io.k8s.api.core.v1.ServiceAccount",
            "io.k8s.api.rbac.v1.Role",
            "io.k8s.api.rbac.v1.RoleBinding",
        ],
        EventsPrefix,
        "Pipelines.Argo.Events",
        "EventsSerializer",
        "Argo Events v1.9.11",
        "Argo Events",
        "Argo Events' and Kubernetes' Go types",
        "UnknownDropped",
        "SchemaRequired",
        "using Pipelines.Argo.Model;\n",
        new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [EventsPrefix + "Amount"] = "Amount",
            [EventsPrefix + "Int64OrString"] = "IntOrString",
            [EventsPrefix + "K8SResource"] = "Any",
        });
}
