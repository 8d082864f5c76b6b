using System;

namespace Pipelines;

/// <summary>
/// Makes a <c>static partial</c> method without a body a container template. Its parameters are the template's
/// <c>inputs.parameters</c>; the generator supplies the body (which only throws: templates are called inside
/// composition methods, which are read, not run).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class ContainerAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="image">The container image, for example <c>"busybox"</c>.</param>
    public ContainerAttribute(string image) => Image = image;

    /// <summary>The container image.</summary>
    public string Image { get; }

    /// <summary>The entrypoint array (<c>container.command</c>).</summary>
    public string[]? Command { get; set; }

    /// <summary>The arguments (<c>container.args</c>).</summary>
    public string[]? Args { get; set; }

    /// <summary>The working directory (<c>container.workingDir</c>).</summary>
    public string? WorkingDir { get; set; }

    /// <summary>When to pull the image: <c>Always</c>, <c>IfNotPresent</c> or <c>Never</c>.</summary>
    public string? ImagePullPolicy { get; set; }
}

/// <summary>
/// Makes a <c>static partial</c> method without a body a script template: <see cref="Source"/> runs with
/// <see cref="Command"/> in the image, and its standard output is the node's <c>result</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class ScriptAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="image">The container image, for example <c>"python:alpine3.23"</c>.</param>
    public ScriptAttribute(string image) => Image = image;

    /// <summary>The container image.</summary>
    public string Image { get; }

    /// <summary>The interpreter (<c>script.command</c>), for example <c>["python"]</c>.</summary>
    public string[]? Command { get; set; }

    /// <summary>The script text (<c>script.source</c>); a raw string literal keeps it readable.</summary>
    public string? Source { get; set; }
}

/// <summary>
/// Makes a method a DAG template. Its body is read by the generator, never run: each template call is a task, a local
/// variable's name is the task's name, and <see cref="Node.After"/> adds dependencies.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class DagAttribute : Attribute
{
}

/// <summary>
/// Makes a method a steps template. Its body is read by the generator, never run: each statement is one step group,
/// and <c>Parallel(a, b)</c> is one group of steps that run together.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class StepsAttribute : Attribute
{
}

/// <summary>
/// Marks the template the workflow starts with (<c>spec.entrypoint</c>). The parameters of this method are also the
/// workflow's arguments (<c>spec.arguments.parameters</c>); a C# default value becomes the argument's <c>value</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class EntrypointAttribute : Attribute
{
    /// <summary>
    /// Whether the method's parameters are also the workflow's arguments (default true). Set it to false for a template
    /// library whose entrypoint takes its inputs from the caller only: no <c>spec.arguments</c> is written, and C#
    /// default values stay input defaults.
    /// </summary>
    public bool Arguments { get; set; } = true;
}

/// <summary>
/// Sets the Argo name of a template (instead of the kebab-case method name) or of a parameter (instead of the C#
/// parameter name). Keeps manifests stable when the C# name changes.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class NameAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="name">The name used in the manifest.</param>
    public NameAttribute(string name) => Value = name;

    /// <summary>The name used in the manifest.</summary>
    public string Value { get; }
}

/// <summary>
/// Retries the template when it fails (<c>retryStrategy</c>). Durations and the factor are Argo strings: a number of
/// seconds (<c>"1"</c>) or a duration (<c>"2m"</c>, <c>"6h"</c>). Settings left unset are not written.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class RetryAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="limit">The most retries after the first attempt (<c>retryStrategy.limit</c>).</param>
    public RetryAttribute(int limit) => Limit = limit;

    /// <summary>The most retries after the first attempt (<c>retryStrategy.limit</c>).</summary>
    public int Limit { get; }

    /// <summary>Which failures to retry: <c>Always</c>, <c>OnFailure</c>, <c>OnError</c> or <c>OnTransientError</c>.</summary>
    public string? RetryPolicy { get; set; }

    /// <summary>An Argo expression that must hold for a retry to happen (<c>retryStrategy.expression</c>).</summary>
    public string? Expression { get; set; }

    /// <summary>The first wait between attempts (<c>retryStrategy.backoff.duration</c>).</summary>
    public string? BackoffDuration { get; set; }

    /// <summary>What each wait is multiplied by (<c>retryStrategy.backoff.factor</c>).</summary>
    public string? BackoffFactor { get; set; }

    /// <summary>The longest total time to keep retrying (<c>retryStrategy.backoff.maxDuration</c>).</summary>
    public string? BackoffMaxDuration { get; set; }

    /// <summary>The longest single wait (<c>retryStrategy.backoff.cap</c>).</summary>
    public string? BackoffCap { get; set; }
}

/// <summary>
/// Runs a template of the class when the workflow ends, whatever its outcome (<c>spec.onExit</c>). Name the handler
/// method with <c>nameof</c>; it reads <c>{{workflow.status}}</c> to tell success from failure.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class OnExitAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="method">The C# name of the handler template method, for example <c>nameof(ExitHandler)</c>.</param>
    public OnExitAttribute(string method) => Method = method;

    /// <summary>The C# name of the handler template method.</summary>
    public string Method { get; }
}

/// <summary>
/// Makes a property of an outputs record an output parameter (<c>outputs.parameters[]</c>) of every template that
/// returns <c>Node&lt;TheRecord&gt;</c>. The parameter is named after the property in kebab-case unless
/// <see cref="Name"/> says otherwise; give where the value comes from with <see cref="Path"/>, <see cref="Parameter"/>
/// or <see cref="Expression"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
public sealed class OutputParameterAttribute : Attribute
{
    /// <summary>The Argo name, instead of the kebab-case property name.</summary>
    public string? Name { get; set; }

    /// <summary>The file whose content is the value (<c>valueFrom.path</c>).</summary>
    public string? Path { get; set; }

    /// <summary>The value when it cannot be read (<c>valueFrom.default</c>).</summary>
    public string? Default { get; set; }

    /// <summary>Argo text whose value is the output (<c>valueFrom.parameter</c>), for example a step's output.</summary>
    public string? Parameter { get; set; }

    /// <summary>An Argo expression whose value is the output (<c>valueFrom.expression</c>).</summary>
    public string? Expression { get; set; }

    /// <summary>Also publishes the value as <c>{{workflow.outputs.parameters.name}}</c> (<c>globalName</c>).</summary>
    public string? GlobalName { get; set; }
}

/// <summary>
/// Makes a property of an outputs record an output artifact (<c>outputs.artifacts[]</c>) of every template that returns
/// <c>Node&lt;TheRecord&gt;</c>, named after the property in kebab-case unless <see cref="Name"/> says otherwise.
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
public sealed class OutputArtifactAttribute : Attribute
{
    /// <summary>The Argo name, instead of the kebab-case property name.</summary>
    public string? Name { get; set; }

    /// <summary>The file or folder in the container that is the artifact (<c>path</c>).</summary>
    public string? Path { get; set; }

    /// <summary>Also publishes the artifact as <c>{{workflow.outputs.artifacts.name}}</c> (<c>globalName</c>).</summary>
    public string? GlobalName { get; set; }
}

/// <summary>
/// Declares an input artifact of the template (<c>inputs.artifacts[]</c>): the artifact a caller passes with
/// <c>.WithArtifact(name, from)</c> is placed at <see cref="Path"/> in the container.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class InputArtifactAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="name">The artifact name.</param>
    public InputArtifactAttribute(string name) => Name = name;

    /// <summary>The artifact name.</summary>
    public string Name { get; }

    /// <summary>Where the artifact is placed in the container (<c>path</c>).</summary>
    public string? Path { get; set; }
}

/// <summary>
/// Gives an input parameter a fixed value (<c>inputs.parameters[].value</c>), usually Argo text such as
/// <c>"{{workflow.outputs.parameters.x}}"</c>; callers do not pass it, so give the C# parameter a default (which is
/// then not written).
/// </summary>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class ValueAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="value">The value, used verbatim.</param>
    public ValueAttribute(string value) => Value = value;

    /// <summary>The value, used verbatim.</summary>
    public string Value { get; }
}
