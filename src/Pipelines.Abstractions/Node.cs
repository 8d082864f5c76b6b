using System;

namespace Pipelines;

/// <summary>
/// A task or step inside a DAG or steps method: the value a template call returns there. Composition bodies are read
/// by the generator and never run, so every member of this type throws <see cref="NotSupportedException"/>.
/// </summary>
public class Node
{
    private protected Node()
    {
    }

    /// <summary>
    /// What a <c>[Dag]</c> or <c>[Steps]</c> method without outputs returns (<c>return Node.NoOutputs;</c>), so that
    /// other composition methods can call it as a task or step.
    /// </summary>
    public static Node NoOutputs => throw NotExecuted.Create();

    /// <summary>
    /// What a <c>[Dag]</c> or <c>[Steps]</c> method returning <c>Node&lt;TOutputs&gt;</c> returns
    /// (<c>return Node.WithOutputs&lt;TOutputs&gt;();</c>): the template's outputs are the <c>[OutputParameter]</c>
    /// properties of <typeparamref name="TOutputs"/>, typically with <c>Expression</c> or <c>Parameter</c> set.
    /// </summary>
    /// <typeparam name="TOutputs">The outputs record of the template.</typeparam>
    /// <returns>Never returns: composition bodies are not run.</returns>
    public static Node<TOutputs> WithOutputs<TOutputs>() => throw NotExecuted.Create();

    /// <summary>
    /// A task or step that runs a <c>[Step]</c> method in this project's image. The lambda's body is one call of the
    /// step, with its arguments written as for any template call: <c>Node.Run(() =&gt; CountWords(fetch.Outputs.Text))</c>.
    /// </summary>
    /// <typeparam name="T">The step's return type: an outputs record, or a value that becomes the output <c>result</c>.</typeparam>
    /// <param name="step">The step call.</param>
    /// <returns>Never returns: composition bodies are not run.</returns>
    public static Node<T> Run<T>(Func<T> step) => throw NotExecuted.Create();

    /// <summary>A task or step that runs an <c>async</c> <c>[Step]</c> method returning <c>Task&lt;T&gt;</c>.</summary>
    /// <typeparam name="T">The step's result type.</typeparam>
    /// <param name="step">The step call.</param>
    /// <returns>Never returns: composition bodies are not run.</returns>
    public static Node<T> Run<T>(Func<System.Threading.Tasks.Task<T>> step) => throw NotExecuted.Create();

    /// <summary>A task or step that runs a <c>[Step]</c> method with no outputs.</summary>
    /// <param name="step">The step call.</param>
    /// <returns>Never returns: composition bodies are not run.</returns>
    public static Node Run(Action step) => throw NotExecuted.Create();

    /// <summary>A task or step that runs an <c>async</c> <c>[Step]</c> method returning <c>Task</c>.</summary>
    /// <param name="step">The step call.</param>
    /// <returns>Never returns: composition bodies are not run.</returns>
    public static Node Run(Func<System.Threading.Tasks.Task> step) => throw NotExecuted.Create();

    /// <summary>Both nodes, in a <c>depends</c> expression (<c>A &amp;&amp; B</c>).</summary>
    /// <param name="left">The left node.</param>
    /// <param name="right">The right node.</param>
    /// <returns>Never returns: composition bodies are not run.</returns>
    public static Node operator &(Node left, Node right) => throw NotExecuted.Create();

    /// <summary>Either node, in a <c>depends</c> expression (<c>A || B</c>).</summary>
    /// <param name="left">The left node.</param>
    /// <param name="right">The right node.</param>
    /// <returns>Never returns: composition bodies are not run.</returns>
    public static Node operator |(Node left, Node right) => throw NotExecuted.Create();

    /// <summary>Lets <c>||</c> compile between nodes.</summary>
    /// <param name="node">The node.</param>
    /// <returns>Never returns: composition bodies are not run.</returns>
    public static bool operator true(Node node) => throw NotExecuted.Create();

    /// <summary>Lets <c>&amp;&amp;</c> compile between nodes.</summary>
    /// <param name="node">The node.</param>
    /// <returns>Never returns: composition bodies are not run.</returns>
    public static bool operator false(Node node) => throw NotExecuted.Create();

    /// <summary>The node succeeded (<c>x.Succeeded</c> in <c>depends</c>).</summary>
    public DependsExpression Succeeded => throw NotExecuted.Create();

    /// <summary>The node failed (<c>x.Failed</c>).</summary>
    public DependsExpression Failed => throw NotExecuted.Create();

    /// <summary>The node errored (<c>x.Errored</c>).</summary>
    public DependsExpression Errored => throw NotExecuted.Create();

    /// <summary>The node was skipped (<c>x.Skipped</c>).</summary>
    public DependsExpression Skipped => throw NotExecuted.Create();

    /// <summary>The node was omitted (<c>x.Omitted</c>).</summary>
    public DependsExpression Omitted => throw NotExecuted.Create();

    /// <summary>The node is a running daemon (<c>x.Daemoned</c>).</summary>
    public DependsExpression Daemoned => throw NotExecuted.Create();

    /// <summary>Any iteration of a looped node succeeded (<c>x.AnySucceeded</c>).</summary>
    public DependsExpression AnySucceeded => throw NotExecuted.Create();

    /// <summary>All iterations of a looped node failed (<c>x.AllFailed</c>).</summary>
    public DependsExpression AllFailed => throw NotExecuted.Create();

    /// <summary>The node's standard output: <c>{{tasks.x.outputs.result}}</c> or <c>{{steps.x.outputs.result}}</c>.</summary>
    public string Result => throw NotExecuted.Create();

    /// <summary>The node's exit code: <c>{{tasks.x.exitCode}}</c> or <c>{{steps.x.exitCode}}</c>.</summary>
    public string ExitCode => throw NotExecuted.Create();

    /// <summary>The node's phase: <c>{{tasks.x.status}}</c> or <c>{{steps.x.status}}</c>.</summary>
    public string Status => throw NotExecuted.Create();

    /// <summary>Names the node explicitly (instead of the local variable's name or the template's name).</summary>
    /// <param name="name">The task or step name; a string literal.</param>
    /// <returns>The same node, for chaining.</returns>
    public Node Named(string name) => throw NotExecuted.Create();

    /// <summary>Makes the node wait for others: <c>depends: "a &amp;&amp; b"</c> (DAG templates only).</summary>
    /// <param name="nodes">The nodes to wait for: local variables of earlier calls.</param>
    /// <returns>The same node, for chaining.</returns>
    public Node After(params Node[] nodes) => throw NotExecuted.Create();

    /// <summary>Sets the node's <c>depends</c> expression, for example <c>b.Succeeded &amp;&amp; !c.Failed</c> (DAG templates only).</summary>
    /// <param name="expression">The condition, written with the node properties and <c>&amp;&amp;</c>, <c>||</c>, <c>!</c>.</param>
    /// <returns>The same node, for chaining.</returns>
    public Node Depends(DependsExpression expression) => throw NotExecuted.Create();

    /// <summary>Runs the node only when the condition holds (<c>when</c>), for example <c>flip.Result == "heads"</c>.</summary>
    /// <param name="condition">A comparison of a node value or parameter with a literal.</param>
    /// <returns>The same node, for chaining.</returns>
    public Node When(bool condition) => throw NotExecuted.Create();

    /// <summary>Runs the node only when the Argo expression holds (<c>when</c>), written as Argo text, for example <c>"{{= ...}}"</c>.</summary>
    /// <param name="expression">The <c>when</c> text, a string literal, used verbatim.</param>
    /// <returns>The same node, for chaining.</returns>
    public Node When(string expression) => throw NotExecuted.Create();

    /// <summary>Runs a template when this node ends, whatever its outcome (the node's <c>onExit</c>).</summary>
    /// <param name="method">The C# name of the handler template method: <c>nameof(Cleanup)</c>.</param>
    /// <returns>The same node, for chaining.</returns>
    public Node OnExit(string method) => throw NotExecuted.Create();

    /// <summary>Passes an artifact to the template's input artifact <paramref name="name"/> (<c>arguments.artifacts[]</c>).</summary>
    /// <param name="name">The input artifact's name.</param>
    /// <param name="from">Where it comes from, as Argo text, for example <c>"{{workflow.outputs.artifacts.x}}"</c>.</param>
    /// <returns>The same node, for chaining.</returns>
    public Node WithArtifact(string name, string from) => throw NotExecuted.Create();
}

/// <summary>
/// A node whose template has typed outputs: <typeparamref name="TOutputs"/> is a record with one property per output.
/// Like <see cref="Node"/>, it only exists to be read by the generator; its members throw when run.
/// </summary>
/// <typeparam name="TOutputs">The outputs record of the template.</typeparam>
public class Node<TOutputs> : Node
{
    private protected Node()
    {
    }

    /// <summary>The outputs of the node; passing one of them to another call is a reference plus a dependency.</summary>
    public TOutputs Outputs => throw NotExecuted.Create();

    /// <summary>Names the node explicitly (instead of the local variable's name or the template's name).</summary>
    /// <param name="name">The task or step name; a string literal.</param>
    /// <returns>The same node, for chaining.</returns>
    public new Node<TOutputs> Named(string name) => throw NotExecuted.Create();

    /// <summary>Makes the node wait for others: <c>depends: "a &amp;&amp; b"</c> (DAG templates only).</summary>
    /// <param name="nodes">The nodes to wait for: local variables of earlier calls.</param>
    /// <returns>The same node, for chaining.</returns>
    public new Node<TOutputs> After(params Node[] nodes) => throw NotExecuted.Create();

    /// <summary>Sets the node's <c>depends</c> expression (DAG templates only).</summary>
    /// <param name="expression">The condition, written with the node properties and <c>&amp;&amp;</c>, <c>||</c>, <c>!</c>.</param>
    /// <returns>The same node, for chaining.</returns>
    public new Node<TOutputs> Depends(DependsExpression expression) => throw NotExecuted.Create();

    /// <summary>Runs the node only when the condition holds (<c>when</c>).</summary>
    /// <param name="condition">A comparison of a node value or parameter with a literal.</param>
    /// <returns>The same node, for chaining.</returns>
    public new Node<TOutputs> When(bool condition) => throw NotExecuted.Create();

    /// <summary>Runs the node only when the Argo expression holds (<c>when</c>), written as Argo text.</summary>
    /// <param name="expression">The <c>when</c> text, a string literal, used verbatim.</param>
    /// <returns>The same node, for chaining.</returns>
    public new Node<TOutputs> When(string expression) => throw NotExecuted.Create();

    /// <summary>Runs a template when this node ends, whatever its outcome (the node's <c>onExit</c>).</summary>
    /// <param name="method">The C# name of the handler template method: <c>nameof(Cleanup)</c>.</param>
    /// <returns>The same node, for chaining.</returns>
    public new Node<TOutputs> OnExit(string method) => throw NotExecuted.Create();

    /// <summary>Passes an artifact to the template's input artifact <paramref name="name"/> (<c>arguments.artifacts[]</c>).</summary>
    /// <param name="name">The input artifact's name.</param>
    /// <param name="from">Where it comes from, as Argo text.</param>
    /// <returns>The same node, for chaining.</returns>
    public new Node<TOutputs> WithArtifact(string name, string from) => throw NotExecuted.Create();
}

/// <summary>
/// A condition on node states for <see cref="Node.Depends"/>, written with <c>&amp;&amp;</c>, <c>||</c> and <c>!</c>;
/// it maps one-to-one to Argo's <c>depends</c> syntax. Read by the generator, never evaluated.
/// </summary>
public sealed class DependsExpression
{
    private DependsExpression()
    {
    }

    /// <summary>A node on its own in a <c>depends</c> expression: <c>A &amp;&amp; B.Failed</c> reads as <c>A &amp;&amp; B.Failed</c>.</summary>
    /// <param name="node">The node.</param>
    /// <returns>Never returns: composition bodies are not run.</returns>
    public static implicit operator DependsExpression(Node node) => throw NotExecuted.Create();

    /// <summary>Both conditions (the first half of <c>&amp;&amp;</c>).</summary>
    /// <param name="left">The left condition.</param>
    /// <param name="right">The right condition.</param>
    /// <returns>Never returns: composition bodies are not run.</returns>
    public static DependsExpression operator &(DependsExpression left, DependsExpression right) => throw NotExecuted.Create();

    /// <summary>Either condition (the first half of <c>||</c>).</summary>
    /// <param name="left">The left condition.</param>
    /// <param name="right">The right condition.</param>
    /// <returns>Never returns: composition bodies are not run.</returns>
    public static DependsExpression operator |(DependsExpression left, DependsExpression right) => throw NotExecuted.Create();

    /// <summary>The negated condition.</summary>
    /// <param name="operand">The condition to negate.</param>
    /// <returns>Never returns: composition bodies are not run.</returns>
    public static DependsExpression operator !(DependsExpression operand) => throw NotExecuted.Create();

    /// <summary>Lets <c>||</c> compile.</summary>
    /// <param name="operand">The condition.</param>
    /// <returns>Never returns: composition bodies are not run.</returns>
    public static bool operator true(DependsExpression operand) => throw NotExecuted.Create();

    /// <summary>Lets <c>&amp;&amp;</c> compile.</summary>
    /// <param name="operand">The condition.</param>
    /// <returns>Never returns: composition bodies are not run.</returns>
    public static bool operator false(DependsExpression operand) => throw NotExecuted.Create();
}

internal static class NotExecuted
{
    public static NotSupportedException Create() => new(
        "Pipelines composition code is read by the source generator at build time and is never executed; " +
        "run the generated Argo manifest instead of calling this member.");
}
