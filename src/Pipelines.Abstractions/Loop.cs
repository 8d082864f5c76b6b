using System;
using System.Collections.Generic;

namespace Pipelines;

/// <summary>
/// Loop sources for <c>foreach</c> in DAG and steps methods, and <see cref="ForEach{T}"/> for a looped DAG task that
/// later tasks wait for. Like <see cref="Node"/>, these are read by the generator and throw when run.
/// </summary>
public static class Loop
{
    /// <summary>The numbers <c>start</c>, <c>start + 1</c>, ... (<c>withSequence</c> with <c>count</c>).</summary>
    /// <param name="count">How many numbers: a number, or Argo text such as <c>"{{workflow.parameters.count}}"</c>.</param>
    /// <param name="start">The first number (Argo's default is 0).</param>
    /// <param name="format">A printf-style format of each item, for example <c>"user%02X"</c>.</param>
    /// <returns>Never returns: composition bodies are not run.</returns>
    public static IEnumerable<string> Count(object count, object? start = null, string? format = null) => throw NotExecuted.Create();

    /// <summary>The numbers from <paramref name="start"/> to <paramref name="end"/>, both included, counting down when end is smaller (<c>withSequence</c>).</summary>
    /// <param name="start">The first number: a number or Argo text.</param>
    /// <param name="end">The last number: a number or Argo text.</param>
    /// <param name="format">A printf-style format of each item.</param>
    /// <returns>Never returns: composition bodies are not run.</returns>
    public static IEnumerable<string> Range(object start, object end, string? format = null) => throw NotExecuted.Create();

    /// <summary>
    /// The items of a JSON list known only when the workflow runs (<c>withParam</c>): a parameter of the composition
    /// method or a node's <c>Result</c> or output. <typeparamref name="T"/> gives the items' shape; its member names
    /// are used verbatim in <c>{{item.name}}</c>.
    /// </summary>
    /// <typeparam name="T">The type of one item.</typeparam>
    /// <param name="json">The JSON list.</param>
    /// <returns>Never returns: composition bodies are not run.</returns>
    public static IEnumerable<T> Over<T>(string json) => throw NotExecuted.Create();

    /// <summary>
    /// The output parameters of every iteration of a looped node (<c>withParam: "{{tasks.x.outputs.parameters}}"</c>):
    /// <c>Loop.Over(x.Outputs)</c>. Each item is one iteration's outputs record; its properties read as
    /// <c>{{item.name}}</c> with the output parameter's name.
    /// </summary>
    /// <typeparam name="TOutputs">The outputs record of the looped node's template.</typeparam>
    /// <param name="outputs">The looped node's <c>Outputs</c>.</param>
    /// <returns>Never returns: composition bodies are not run.</returns>
    public static IEnumerable<TOutputs> Over<TOutputs>(TOutputs outputs)
        where TOutputs : class => throw NotExecuted.Create();

    /// <summary>
    /// One node that runs once per item, written as an expression so that later DAG tasks can wait for it:
    /// <c>var b = Loop.ForEach(new[] { "x", "y" }, item =&gt; Echo(item));</c>.
    /// </summary>
    /// <typeparam name="T">The type of one item.</typeparam>
    /// <param name="items">The items: an array of literals, or a <see cref="Loop"/> source.</param>
    /// <param name="body">The template call, with the item as its lambda parameter.</param>
    /// <returns>Never returns: composition bodies are not run.</returns>
    public static Node ForEach<T>(IEnumerable<T> items, Func<T, Node> body) => throw NotExecuted.Create();

    /// <summary>
    /// One node that runs once per item and has typed outputs: later DAG tasks read <c>x.Outputs.Prop</c>, which is
    /// the JSON list of that output over all iterations (<c>{{tasks.x.outputs.parameters.prop}}</c>).
    /// </summary>
    /// <typeparam name="T">The type of one item.</typeparam>
    /// <typeparam name="TOutputs">The outputs record of the called template.</typeparam>
    /// <param name="items">The items: an array of literals, or a <see cref="Loop"/> source.</param>
    /// <param name="body">The template call, with the item as its lambda parameter.</param>
    /// <returns>Never returns: composition bodies are not run.</returns>
    public static Node<TOutputs> ForEach<T, TOutputs>(IEnumerable<T> items, Func<T, Node<TOutputs>> body) => throw NotExecuted.Create();
}
