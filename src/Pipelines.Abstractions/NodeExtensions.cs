namespace Pipelines;

/// <summary>
/// Task and step settings beyond the core ones on <see cref="Node"/>: lifecycle hooks and <c>continueOn</c>. Like the
/// other node methods they are read by the generator inside DAG and steps bodies and never run.
/// </summary>
public static class NodeExtensions
{
    /// <summary>
    /// A lifecycle hook of this task or step (<c>hooks</c>): runs the template of <paramref name="method"/> when the node
    /// exits (<paramref name="name"/> <c>"exit"</c>), or whenever <paramref name="expression"/> becomes true.
    /// </summary>
    /// <typeparam name="TNode">The node type, kept so typed outputs stay reachable.</typeparam>
    /// <param name="node">The task or step.</param>
    /// <param name="name">The hook name; <c>"exit"</c> is the exit hook.</param>
    /// <param name="method">The C# name of the template method to run, for example <c>nameof(Notify)</c>.</param>
    /// <param name="expression">An Argo expression, for example <c>steps["build"].status == "Running"</c>.</param>
    /// <returns>The same node.</returns>
    public static TNode Hook<TNode>(this TNode node, string name, string method, string? expression = null)
        where TNode : Node => throw NotExecuted.Create();

    /// <summary>
    /// Lets the workflow go on when this task or step fails (<c>continueOn.failed</c>) or errors
    /// (<c>continueOn.error</c>).
    /// </summary>
    /// <typeparam name="TNode">The node type, kept so typed outputs stay reachable.</typeparam>
    /// <param name="node">The task or step.</param>
    /// <param name="failed">Continue when the node fails.</param>
    /// <param name="error">Continue when the node errors.</param>
    /// <returns>The same node.</returns>
    public static TNode ContinueOn<TNode>(this TNode node, bool failed = false, bool error = false)
        where TNode : Node => throw NotExecuted.Create();
}
