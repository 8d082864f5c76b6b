using System;

namespace Pipelines;

/// <summary>
/// Marks a static property (or parameterless static method) whose value is a typed object initializer over the Argo
/// model (<c>Pipelines.Argo.Model</c>): its fields are merged into the manifest. The member's type says where: a
/// <c>WorkflowSpec</c> goes into <c>spec</c> (a CronWorkflow's <c>spec.workflowSpec</c>), a <c>CronWorkflowSpec</c>
/// into a CronWorkflow's <c>spec</c>, an <c>ObjectMeta</c> into <c>metadata</c>, and a <c>Template</c>, given
/// <c>nameof(Method)</c>, into that method's template. The generator reads
/// the initializer's syntax at build time and never runs it: every value must be a constant, a nested
/// <c>new() { ... }</c>, a collection expression or a dictionary initializer.
/// </summary>
/// <remarks>
/// Objects are merged field by field; lists whose items all have a <c>name</c> are merged item by item by name (so an
/// initializer can add an S3 location to an artifact declared with <c>[InputArtifact]</c>); other lists and scalars
/// replace what was there.
/// </remarks>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class SpecAttribute : Attribute
{
    /// <summary>Merges the member (a <c>WorkflowSpec</c>) into the workflow's spec.</summary>
    public SpecAttribute()
    {
    }

    /// <summary>Merges the member (a <c>Template</c>) into the template of a method of the class.</summary>
    /// <param name="method">The C# name of the template method, for example <c>nameof(Sleep)</c>.</param>
    public SpecAttribute(string method) => Method = method;

    /// <summary>The C# name of the template method the member is merged into; null for the workflow spec.</summary>
    public string? Method { get; }
}

/// <summary>
/// The escape hatch for any Argo field without a typed surface: merges a JSON value at a path of the manifest. On a
/// class the path starts at the manifest root (<c>"spec.templates[name=main].container.resources"</c>); on a template
/// method it starts at that template (<c>"container.resources"</c>). Path segments are field names, <c>[n]</c> list
/// indexes and <c>[name=x]</c> list items by name (created when missing). The build reads the result strictly, so a
/// misspelled field fails the build at this attribute (PIPE3002).
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class PatchAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="path">Where the value goes, for example <c>"container.resources"</c>.</param>
    /// <param name="json">The value as JSON text, for example <c>"""{"limits":{"cpu":"2"}}"""</c>.</param>
    public PatchAttribute(string path, string json)
    {
        Path = path;
        Json = json;
    }

    /// <summary>Where the value goes.</summary>
    public string Path { get; }

    /// <summary>The value as JSON text.</summary>
    public string Json { get; }
}

/// <summary>
/// Makes a <c>static partial</c> method without a body a suspend template (<c>suspend</c>): the workflow waits there
/// until it is resumed, or until <see cref="Duration"/> has passed. Parameters of the method whose values are supplied
/// on resume are declared like any input.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class SuspendAttribute : Attribute
{
    /// <summary>How long to wait before resuming by itself: seconds (<c>"20"</c>) or a duration (<c>"2m"</c>).</summary>
    public string? Duration { get; set; }
}

/// <summary>
/// Makes a <c>static partial</c> method without a body a resource template (<c>resource</c>): it performs
/// <see cref="Action"/> on a Kubernetes object and waits for <see cref="SuccessCondition"/> or
/// <see cref="FailureCondition"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class ResourceAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="action">The kubectl action: <c>get</c>, <c>create</c>, <c>apply</c>, <c>delete</c>, <c>replace</c> or <c>patch</c>.</param>
    public ResourceAttribute(string action) => Action = action;

    /// <summary>The kubectl action.</summary>
    public string Action { get; }

    /// <summary>The Kubernetes object as YAML or JSON text (<c>manifest</c>); a raw string literal keeps it readable.</summary>
    public string? Manifest { get; set; }

    /// <summary>An artifact whose content is the object (<c>manifestFrom.artifact</c>), instead of <see cref="Manifest"/>.</summary>
    public string? ManifestFromArtifact { get; set; }

    /// <summary>A label selector over the object's status that means success, for example <c>"status.succeeded &gt; 2"</c>.</summary>
    public string? SuccessCondition { get; set; }

    /// <summary>A label selector over the object's status that means failure.</summary>
    public string? FailureCondition { get; set; }

    /// <summary>Makes the workflow the owner of the object, so it is deleted with the workflow.</summary>
    public bool SetOwnerReference { get; set; }

    /// <summary>Extra kubectl flags (<c>flags</c>).</summary>
    public string[]? Flags { get; set; }

    /// <summary>The patch strategy for <c>patch</c>: <c>strategic</c>, <c>merge</c> or <c>json</c>.</summary>
    public string? MergeStrategy { get; set; }
}

/// <summary>
/// Makes a <c>static partial</c> method without a body an HTTP template (<c>http</c>): the Argo agent sends the request;
/// the response body is the node's <c>result</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class HttpAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="url">The URL to call.</param>
    public HttpAttribute(string url) => Url = url;

    /// <summary>The URL to call.</summary>
    public string Url { get; }

    /// <summary>The HTTP method, <c>GET</c> when unset.</summary>
    public string? Method { get; set; }

    /// <summary>The request body.</summary>
    public string? Body { get; set; }

    /// <summary>The longest wait for the response, in seconds; 0 leaves Argo's default.</summary>
    public int TimeoutSeconds { get; set; }

    /// <summary>An Argo expression over <c>response</c> that means success, for example <c>"response.statusCode == 200"</c>.</summary>
    public string? SuccessCondition { get; set; }
}

/// <summary>
/// Makes a <c>static partial</c> method without a body a container-set template (<c>containerSet</c>): several
/// containers in one pod. Give the containers (with their <c>dependencies</c>) and the shared volume mounts with a
/// <c>[Spec(nameof(Method))]</c> member whose <c>ContainerSet</c> is a typed initializer.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class ContainerSetAttribute : Attribute
{
}
