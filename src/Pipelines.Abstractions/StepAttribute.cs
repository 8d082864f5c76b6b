using System;

namespace Pipelines;

/// <summary>
/// Marks a method with a body as a C# step: a template whose code runs inside this project's container image. Its
/// parameters are the template's input parameters; its return value is the output parameter <c>result</c>, unless the
/// return type is an outputs record (properties marked <c>[OutputParameter]</c> or <c>[OutputArtifact]</c>), whose
/// properties are then the named outputs. The method may be synchronous or <c>async</c> (<c>Task</c>,
/// <c>Task&lt;T&gt;</c>), and may take a <see cref="System.Threading.CancellationToken"/> that fires when the pod is
/// asked to stop. Inside a <c>[Dag]</c> or <c>[Steps]</c> method, call it through <see cref="Node.Run{T}(Func{T})"/>:
/// <c>var counted = Node.Run(() =&gt; CountWords(text));</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class StepAttribute : Attribute
{
}
