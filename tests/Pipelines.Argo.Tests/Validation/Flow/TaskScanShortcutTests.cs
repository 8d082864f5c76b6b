using System;
using System.Linq;
using Pipelines.Argo.Model;
using Pipelines.Argo.Validation.Flow;
using Pipelines.Argo.Yaml;

namespace Pipelines.Argo.Tests.Validation.Flow;

/// <summary>
/// The flow validator skips writing a DAG task as YAML when none of its strings can hold a tag; that shortcut must know
/// every field of the task, and must never skip a task whose written form has a '{{' or '}}'.
/// </summary>
public sealed class TaskScanShortcutTests
{
    [Fact]
    public void The_shortcut_knows_every_field_of_a_DAG_task()
    {
        var properties = typeof(DAGTask).GetProperties().Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal);
        Assert.Equal(FlowValidator.DagTaskFields.OrderBy(n => n, StringComparer.Ordinal), properties);
    }

    [Theory]
    [InlineData("name: a\ntemplate: t\ndepends: b")]
    [InlineData("name: a\ntemplate: t\ndependencies: [b, c]\nwhen: 'x == y'\nonExit: e\nwithParam: '[1]'")]
    [InlineData("name: a{{x}}\ntemplate: t")]
    [InlineData("name: a\ntemplate: t}}")]
    [InlineData("name: a\ntemplate: t\ndependencies: [b, '{{c}}']")]
    [InlineData("name: a\ntemplate: t\nwhen: '{{tasks.b.outputs.result}} == 1'")]
    [InlineData("name: a\ntemplate: t\ndepends: '{{b}}'")]
    [InlineData("name: a\ntemplate: t\nonExit: '{{e}}'")]
    [InlineData("name: a\ntemplate: t\nwithParam: '{{tasks.b.outputs.result}}'")]
    [InlineData("name: a\ntemplate: t\narguments: {parameters: [{name: p, value: v}]}")]
    [InlineData("name: a\ntemplate: t\nwithItems: [1, 2]")]
    [InlineData("name: a\ntemplate: t\nhooks: {exit: {template: e}}")]
    [InlineData("name: a\ntemplateRef: {name: w, template: t}")]
    [InlineData("name: a\ntemplate: t\ncontinueOn: {failed: true}")]
    [InlineData("name: a\ntemplate: t\nwithSequence: {count: '2'}")]
    [InlineData("name: a\ninline: {container: {image: alpine}}")]
    public void The_shortcut_skips_only_tasks_whose_written_form_has_no_tag(string yaml)
    {
        var task = ReadTask(yaml);
        var written = TagScanner.Strings(ModelSerializer.WriteDAGTask(task), FieldPath.Root, ["inline"]);
        if (FlowValidator.CannotHoldTags(task))
        {
            Assert.Empty(written);
        }

        var plainOnly = yaml.Split('\n').All(l => l.Split(':')[0] is "name" or "template" or "dependencies" or "when" or "onExit" or "withParam" or "depends");
        Assert.Equal(plainOnly && !yaml.Contains("{{", StringComparison.Ordinal) && !yaml.Contains("}}", StringComparison.Ordinal), FlowValidator.CannotHoldTags(task));
    }

    private static DAGTask ReadTask(string yaml)
    {
        var text = "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {name: w}\nspec:\n  entrypoint: main\n  templates:\n  - name: main\n    dag:\n      tasks:\n      - " +
                   yaml.Replace("\n", "\n        ", StringComparison.Ordinal) + "\n";
        var file = ArgoYaml.ReadText(text);
        var workflow = Assert.IsType<Workflow>(file.Documents.Single().Object);
        return Assert.Single(workflow.Spec!.Templates![0].Dag!.Tasks!);
    }
}
