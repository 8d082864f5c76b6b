using static Pipelines.Generator.Tests.ManifestQuery;

namespace Pipelines.Generator.Tests;

/// <summary>
/// Typed workflow arguments: a static property marked <c>[Argument]</c> is a <c>spec.arguments.parameters</c> entry, and
/// DAG and steps bodies read it as <c>{{workflow.parameters.x}}</c> (arguments, interpolations, conditions).
/// </summary>
public sealed class WorkflowArgumentTests
{
    private const string Templates = """
            public enum Mode { Fast, Thorough }

            [Workflow(GenerateName = "etl-")]
            [Argument("region", "eu")]
            public partial class Etl
            {
                /// <summary>How many partitions.</summary>
                [Argument] public static int Partitions { get; } = 5;
                [Argument] public static string TargetTable { get; } = null!;
                [Argument("run-mode")] public static Mode RunMode { get; } = Mode.Thorough;
                [Argument] public static bool DryRun { get; } = false;
                public static int NotAnArgument { get; } = 7;

                [Container("busybox")] public static partial Node Split(int parts, string table);
                [Container("busybox")] public static partial Node Say(string text);
            """;

    [Fact]
    public void Argument_properties_follow_the_entrypoint_parameters_and_class_arguments_with_their_typed_defaults()
    {
        var root = Manifest(Templates + """
                [Dag, Entrypoint]
                public static void Run(string source = "s3://in")
                {
                    Split(Partitions, TargetTable);
                }
            }
            """);
        Assert.Equal("source", At(root, "spec.arguments.parameters[0].name"));
        Assert.Equal("s3://in", At(root, "spec.arguments.parameters[0].value"));
        Assert.Equal("region", At(root, "spec.arguments.parameters[1].name"));
        Assert.Equal("partitions", At(root, "spec.arguments.parameters[2].name"));
        Assert.Equal("5", At(root, "spec.arguments.parameters[2].value"));
        Assert.Equal("target-table", At(root, "spec.arguments.parameters[3].name"));
        Assert.Null(At(root, "spec.arguments.parameters[3].value"));          // null!: required at submit time
        Assert.Equal("run-mode", At(root, "spec.arguments.parameters[4].name"));
        Assert.Equal("Thorough", At(root, "spec.arguments.parameters[4].value"));
        Assert.Equal("dry-run", At(root, "spec.arguments.parameters[5].name"));
        Assert.Equal("false", At(root, "spec.arguments.parameters[5].value"));
        Assert.Null(At(root, "spec.arguments.parameters[6]"));                   // a property without [Argument] is not one
    }

    [Fact]
    public void A_dag_body_passes_argument_properties_as_workflow_parameters_also_interpolated_and_qualified()
    {
        var root = Manifest(Templates + """
                [Dag, Entrypoint]
                public static void Run()
                {
                    Split(Partitions, $"{TargetTable}_{RunMode}").Named("split");
                    Say(Etl.TargetTable).Named("say");
                }
            }
            """);
        const string tasks = "spec.templates[2].dag.tasks";
        Assert.Equal("{{workflow.parameters.partitions}}", At(root, tasks + "[0].arguments.parameters[0].value"));
        Assert.Equal("{{workflow.parameters.target-table}}_{{workflow.parameters.run-mode}}", At(root, tasks + "[0].arguments.parameters[1].value"));
        Assert.Equal("{{workflow.parameters.target-table}}", At(root, tasks + "[1].arguments.parameters[0].value"));
        Assert.Null(At(root, tasks + "[0].depends"));
    }

    [Fact]
    public void Typed_conditions_over_argument_properties_become_when_with_the_negation_in_else()
    {
        var root = Manifest(Templates + """
                [Steps, Entrypoint]
                public static void Run(int limit = 3)
                {
                    if (Partitions > limit && !DryRun)
                    {
                        Say("many").Named("many");
                    }
                    else
                    {
                        Say("few").Named("few");
                    }

                    if (RunMode == Mode.Fast)
                    {
                        Say("fast").Named("fast");
                    }

                    Say("bool").Named("wet").When(DryRun == false);
                }
            }
            """);
        const string steps = "spec.templates[2].steps";
        Assert.Equal("{{workflow.parameters.partitions}} > {{inputs.parameters.limit}} && !{{workflow.parameters.dry-run}}", At(root, steps + "[0][0].when"));
        Assert.Equal("!({{workflow.parameters.partitions}} > {{inputs.parameters.limit}} && !{{workflow.parameters.dry-run}})", At(root, steps + "[1][0].when"));
        Assert.Equal("{{workflow.parameters.run-mode}} == Fast", At(root, steps + "[2][0].when"));
        Assert.Equal("{{workflow.parameters.dry-run}} == false", At(root, steps + "[3][0].when"));
    }

    [Fact]
    public void A_nested_template_reads_the_argument_as_a_workflow_parameter_and_a_same_named_parameter_wins()
    {
        var root = Manifest(Templates + """
                [Dag]
                public static Node Inner(int partitions)
                {
                    Split(partitions, TargetTable).Named("inner-split");
                    return Node.NoOutputs;
                }

                [Dag, Entrypoint]
                public static void Run(int Partitions = 2)
                {
                    Inner(Partitions).Named("inner");
                }
            }
            """);
        // The entrypoint's own parameter Partitions shadows the property, as in C#: an input, and the argument stays.
        Assert.Equal("{{inputs.parameters.Partitions}}", At(root, "spec.templates[3].dag.tasks[0].arguments.parameters[0].value"));
        Assert.Equal("{{workflow.parameters.target-table}}", At(root, "spec.templates[2].dag.tasks[0].arguments.parameters[1].value"));
        Assert.Equal("{{inputs.parameters.partitions}}", At(root, "spec.templates[2].dag.tasks[0].arguments.parameters[0].value"));
    }
}
