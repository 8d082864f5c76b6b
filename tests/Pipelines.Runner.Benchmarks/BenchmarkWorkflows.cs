using System.Globalization;
using System.Linq;
using System.Text;

namespace Pipelines.Benchmarks.Shared;

/// <summary>
/// The workflows the runner benchmark runs, also read and validated by the corpus benchmark's breakdown (one source file,
/// compiled into both benchmark programs).
/// </summary>
internal static class BenchmarkWorkflows
{
    /// <summary>A DAG of <paramref name="chains"/> chains of <paramref name="length"/> tasks, each depending on the one
    /// before it, all calling one container template.</summary>
    public static string Dag(int chains, int length)
    {
        var sb = new StringBuilder();
        sb.Append("apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {name: big-dag}\nspec:\n  entrypoint: main\n  templates:\n  - name: main\n    dag:\n      tasks:\n");
        for (var c = 0; c < chains; c++)
        {
            for (var i = 0; i < length; i++)
            {
                sb.Append(CultureInfo.InvariantCulture, $"      - {{name: t{c}-{i}, template: noop");
                if (i > 0)
                {
                    sb.Append(CultureInfo.InvariantCulture, $", depends: t{c}-{i - 1}");
                }

                sb.Append("}\n");
            }
        }

        sb.Append("  - name: noop\n    container: {image: alpine, command: [sh, -c, 'true']}\n");
        return sb.ToString();
    }

    /// <summary>A steps template whose second step fans out over the <paramref name="items"/> numbers the first prints.</summary>
    public static string FanOut(int items)
    {
        var list = "[" + string.Join(",", Enumerable.Range(0, items)) + "]";
        return "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {name: fan-out}\nspec:\n  entrypoint: main\n  templates:\n" +
               "  - name: main\n    steps:\n    - - {name: gen, template: gen}\n" +
               "    - - {name: work, template: noop, arguments: {parameters: [{name: x, value: '{{item}}'}]}, withParam: '{{steps.gen.outputs.result}}'}\n" +
               "  - name: gen\n    container: {image: alpine, command: [sh, -c, 'echo " + list + "']}\n" +
               "  - name: noop\n    inputs: {parameters: [{name: x}]}\n    container: {image: alpine, command: [sh, -c, 'echo {{inputs.parameters.x}}']}\n";
    }
}
