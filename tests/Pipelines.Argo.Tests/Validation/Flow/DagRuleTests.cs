using System.Linq;
using System.Text;
using Pipelines.Argo.Validation;

namespace Pipelines.Argo.Tests.Validation.Flow;

public sealed class DagRuleTests
{
    private static string Dag(string tasks, string extra = "") => FlowFixture.Workflow($$"""
            - name: main
              dag:
        {{extra}}
                tasks:
        {{tasks}}
            - name: echo
              inputs:
                parameters:
                - name: msg
                  value: ""
              outputs:
                parameters:
                - name: out
                  valueFrom:
                    path: /tmp/out
              container:
                image: alpine

        """);

    private static string Task(string name, string more = "") =>
        $"        - name: {name}\n          template: echo\n" + more;

    [Fact]
    public void Valid_dag_has_no_findings()
    {
        FlowFixture.None(Dag(
            Task("A") +
            Task("B", "          depends: \"A.Succeeded || A.Failed\"\n          arguments:\n            parameters:\n            - name: msg\n              value: \"{{tasks.A.outputs.parameters.out}} {{tasks.A.status}}\"\n") +
            Task("C", "          depends: \"(A && !B.Errored) || B.Skipped\"\n          when: \"{{tasks.B.outputs.result}} == x\"\n"),
            "        target: C"));
    }

    [Fact]
    public void Dag_needs_a_task()
    {
        FlowFixture.Single(FlowFixture.Workflow("    - name: main\n      dag:\n        tasks: []\n"), FindingCodes.DagWithoutTasks, "spec.templates[0].dag.tasks");
    }

    [Fact]
    public void Undefined_dependency_in_depends_and_dependencies()
    {
        var f = FlowFixture.Single(Dag(Task("A") + Task("B", "          depends: \"A && Z\"\n")), FindingCodes.UndefinedDependency, "spec.templates[0].dag.tasks[1].depends");
        Assert.Contains("invalid dependency 'Z'", f.Message);
        FlowFixture.Single(Dag(Task("A") + Task("B", "          dependencies: [A, Z]\n")), FindingCodes.UndefinedDependency, "spec.templates[0].dag.tasks[1].dependencies[1]");
    }

    [Fact]
    public void Lowercase_result_and_words_are_taken_as_task_names()
    {
        var findings = FlowFixture.Validate(Dag(Task("A") + Task("B", "          depends: \"A.succeeded\"\n")));
        Assert.Single(findings);
        Assert.Equal(FindingCodes.UndefinedDependency.Code, findings[0].Code);
        Assert.Contains("'succeeded'", findings[0].Message);
        FlowFixture.Single(Dag(Task("A") + Task("C") + Task("B", "          depends: \"A and C\"\n")), FindingCodes.UndefinedDependency, "spec.templates[0].dag.tasks[2].depends");
    }

    [Fact]
    public void Unknown_task_result_is_an_error()
    {
        var f = FlowFixture.Single(Dag(Task("A") + Task("B", "          depends: \"A.Successful\"\n")), FindingCodes.InvalidTaskResult, "spec.templates[0].dag.tasks[1].depends");
        Assert.Contains("task result 'Successful' for task 'A' is invalid", f.Message);
    }

    [Fact]
    public void Items_conditions_need_a_looping_dependency()
    {
        FlowFixture.Single(Dag(Task("A") + Task("B", "          depends: \"A.AnySucceeded\"\n")), FindingCodes.ItemsConditionWithoutLoop, "spec.templates[0].dag.tasks[1].depends");
        FlowFixture.None(Dag(Task("A", "          withItems: [1, 2]\n") + Task("B", "          depends: \"A.AnySucceeded || A.AllFailed\"\n")));
    }

    [Fact]
    public void Cycle_is_reported_with_its_path()
    {
        var f = FlowFixture.Single(Dag(Task("A", "          depends: C\n") + Task("B", "          depends: A\n") + Task("C", "          depends: B\n")), FindingCodes.DependencyCycle, "spec.templates[0].dag.tasks[0].depends");
        Assert.Contains("A -> C -> B -> A", f.Message);
        f = FlowFixture.Single(Dag(Task("A", "          dependencies: [A]\n")), FindingCodes.DependencyCycle, "spec.templates[0].dag.tasks[0].dependencies");
        Assert.Contains("A -> A", f.Message);
    }

    [Fact]
    public void Depends_and_dependencies_cannot_mix_and_continueOn_needs_dependencies()
    {
        FlowFixture.Single(Dag(Task("A") + Task("B", "          depends: A\n") + Task("C", "          dependencies: [A]\n")), FindingCodes.DependsAndDependencies, "spec.templates[0].dag.tasks[2].dependencies");
        FlowFixture.Single(Dag(Task("A", "          continueOn:\n            failed: true\n") + Task("B", "          depends: A\n")), FindingCodes.ContinueOnWithDepends, "spec.templates[0].dag.tasks[0].continueOn");
        FlowFixture.None(Dag(Task("A", "          continueOn:\n            failed: true\n") + Task("B", "          dependencies: [A]\n")));
    }

    [Fact]
    public void Argument_from_a_non_ancestor_is_an_error()
    {
        var f = FlowFixture.Single(
            Dag(Task("A") + Task("B") + Task("C", "          depends: A\n          arguments:\n            parameters:\n            - name: msg\n              value: \"{{tasks.B.outputs.result}}\"\n")),
            FindingCodes.MissingArgumentDependency,
            "spec.templates[0].dag.tasks[2].arguments.parameters[0].value");
        Assert.Contains("missing dependency 'B' for parameter 'msg'", f.Message);
        FlowFixture.None(Dag(Task("A") + Task("B", "          depends: A\n") + Task("C", "          depends: B\n          arguments:\n            parameters:\n            - name: msg\n              value: \"{{tasks.A.outputs.result}}\"\n")));
    }

    [Fact]
    public void Non_ancestor_reference_inside_when_or_an_argument_is_a_warning()
    {
        FlowFixture.Single(Dag(Task("A") + Task("B", "          when: \"{{tasks.A.outputs.result}} == x\"\n")), FindingCodes.NonAncestorTaskReference, "spec.templates[0].dag.tasks[1].when", Severity.Warning);
        FlowFixture.Single(
            Dag(Task("A") + Task("B", "          arguments:\n            parameters:\n            - name: msg\n              value: \"x-{{tasks.A.outputs.result}}\"\n")),
            FindingCodes.NonAncestorTaskReference,
            "spec.templates[0].dag.tasks[1].arguments.parameters[0].value",
            Severity.Warning);
    }

    [Fact]
    public void Status_needs_ancestry()
    {
        var f = FlowFixture.Single(Dag(Task("A") + Task("B", "          when: \"{{tasks.A.status}} == Succeeded\"\n")), FindingCodes.UnresolvedTaskReference, "spec.templates[0].dag.tasks[1].when");
        Assert.Contains("failed to resolve {{tasks.A.status}}", f.Message);
        FlowFixture.None(Dag(Task("A") + Task("X", "          depends: A\n") + Task("B", "          depends: X\n          when: \"{{tasks.A.status}} == Succeeded\"\n")));
    }

    [Fact]
    public void Unknown_task_and_output_are_errors()
    {
        FlowFixture.Single(Dag(Task("A") + Task("B", "          depends: A\n          when: \"{{tasks.AA.outputs.result}} == x\"\n")), FindingCodes.UnresolvedTaskReference, "spec.templates[0].dag.tasks[1].when");
        FlowFixture.Single(Dag(Task("A") + Task("B", "          depends: A\n          when: \"{{tasks.A.outputs.parameters.nope}} == x\"\n")), FindingCodes.UnresolvedTaskReference, "spec.templates[0].dag.tasks[1].when");
    }

    [Fact]
    public void Targets_must_be_tasks()
    {
        var f = FlowFixture.Single(Dag(Task("A") + Task("B"), "        target: \"A DOESNTEXIST\""), FindingCodes.UndefinedTarget, "spec.templates[0].dag.target");
        Assert.Contains("target 'DOESNTEXIST' is not defined", f.Message);
        FlowFixture.None(Dag(Task("A") + Task("B"), "        target: \"{{workflow.name}}\""));
    }

    [Fact]
    public void Dag_outputs_see_every_task()
    {
        var yaml = Dag(Task("A")).Replace("      dag:\n", "      outputs:\n        parameters:\n        - name: o\n          valueFrom:\n            parameter: \"{{tasks.A.outputs.parameters.out}}\"\n      dag:\n");
        FlowFixture.None(yaml);
        FlowFixture.Single(yaml.Replace("tasks.A.outputs", "tasks.B.outputs"), FindingCodes.UnresolvedTaskReference, "spec.templates[0].outputs.parameters[0].valueFrom.parameter");
    }

    private static string Chain(int count, bool backEdge)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            sb.Append("        - name: t").Append(i).Append("\n          template: echo\n");
            if (i > 0)
            {
                sb.Append("          depends: t").Append(i - 1).Append('\n');
            }
            else if (backEdge)
            {
                sb.Append("          depends: t").Append(count - 1).Append('\n');
            }
        }

        return Dag(sb.ToString());
    }

    [Fact]
    public void A_5000_task_chain_is_valid()
    {
        FlowFixture.None(Chain(5000, backEdge: false));
    }

    [Fact]
    public void A_5000_task_chain_with_a_back_edge_reports_the_cycle()
    {
        var f = FlowFixture.Single(Chain(5000, backEdge: true), FindingCodes.DependencyCycle, "spec.templates[0].dag.tasks[0].depends");
        Assert.StartsWith("dependency cycle detected: t0 -> t4999 -> t4998", f.Message);
        Assert.Contains("t1 -> t0;", f.Message);
        Assert.Equal(5001, f.Message.Split(" -> ").Length);
        Assert.True(f.Message.Split(" -> ").Skip(1).Take(4999).Distinct().Count() == 4999);
    }
}
