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
