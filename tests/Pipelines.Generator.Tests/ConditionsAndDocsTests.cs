using static Pipelines.Generator.Tests.ManifestQuery;

namespace Pipelines.Generator.Tests;

/// <summary><c>if</c> statements as <c>when</c>, typed inputs on every template kind, and descriptions from XML doc comments.</summary>
public sealed class ConditionsAndDocsTests
{
    [Fact]
    public void An_if_in_a_dag_sets_when_on_each_node_inside_with_the_dependency_and_else_gets_the_negation()
    {
        var root = Manifest("""
            [Workflow(Name = "w")]
            public partial class W
            {
                [Container("busybox")] public static partial Node Flip();
                [Container("busybox")] public static partial Node Say(string text);

                [Dag, Entrypoint]
                public static void Main()
                {
                    var flip = Flip();
                    if (flip.Result == "heads")
                    {
                        Say("h").Named("heads");
                        Say("again").Named("heads-again");
                    }
                    else
                    {
                        Say("t").Named("tails");
                    }
                }
            }
            """);
        const string tasks = "spec.templates[2].dag.tasks";
        Assert.Equal("heads", At(root, tasks + "[1].name"));
        Assert.Equal("{{tasks.flip.outputs.result}} == heads", At(root, tasks + "[1].when"));
        Assert.Equal("flip", At(root, tasks + "[1].depends"));
        Assert.Equal("{{tasks.flip.outputs.result}} == heads", At(root, tasks + "[2].when"));
        Assert.Equal("flip", At(root, tasks + "[2].depends"));
        Assert.Equal("tails", At(root, tasks + "[3].name"));
        Assert.Equal("{{tasks.flip.outputs.result}} != heads", At(root, tasks + "[3].when"));
        Assert.Equal("flip", At(root, tasks + "[3].depends"));
    }

    [Fact]
    public void Logical_operators_numbers_parameters_nesting_and_When_combine_in_steps()
    {
        var root = Manifest("""
            public sealed record Count([property: OutputParameter(Path = "/tmp/n")] int N);
            [Workflow(Name = "w")]
            public partial class W
            {
                [Container("busybox")] public static partial Node<Count> Measure();
                [Container("busybox")] public static partial Node Say(string text);

                [Steps, Entrypoint]
                public static void Main(bool loud = false, int limit = 3)
                {
                    var m = Measure();
                    if (m.Outputs.N > limit && !loud)
                    {
                        Say("many");
                        if (m.Outputs.N >= 10 || loud)
                        {
                            Say("lots").When(m.Result != "");
                        }
                    }
                    else if (loud)
                    {
                        Say("loud");
                    }
                }
            }
            """);
        const string steps = "spec.templates[2].steps";
        Assert.Equal("{{steps.m.outputs.parameters.n}} > {{inputs.parameters.limit}} && !{{inputs.parameters.loud}}", At(root, steps + "[1][0].when"));
        Assert.Equal(
            "{{steps.m.outputs.parameters.n}} > {{inputs.parameters.limit}} && !{{inputs.parameters.loud}} && ({{steps.m.outputs.parameters.n}} >= 10 || {{inputs.parameters.loud}}) && {{steps.m.outputs.result}} != ",
            At(root, steps + "[2][0].when"));
        Assert.Equal("!({{steps.m.outputs.parameters.n}} > {{inputs.parameters.limit}} && !{{inputs.parameters.loud}}) && {{inputs.parameters.loud}}", At(root, steps + "[3][0].when"));
        Assert.Null(At(root, steps + "[1][0].depends"));
    }

    [Fact]
    public void An_if_whose_condition_cannot_be_translated_is_left_out_whole()
    {
        var root = Manifest("""
            [Workflow(Name = "w")]
            public partial class W
            {
                [Container("busybox")] public static partial Node Say(string text);

                [Dag, Entrypoint]
                public static void Main()
                {
                    if (System.Environment.ProcessorCount > 2) { Say("never unconditional").Named("a"); }
                    Say("b").Named("b");
                }
            }
            """);
        Assert.Equal("b", At(root, "spec.templates[1].dag.tasks[0].name"));
        Assert.Null(At(root, "spec.templates[1].dag.tasks[1]"));
    }

    [Fact]
    public void Enum_and_json_inputs_work_on_container_and_script_templates_and_enum_arguments_pass_member_names()
    {
        var root = Manifest("""
            public enum Level { Low, High = 5 }
            public sealed record Options(int Retries);
            [Workflow(Name = "w")]
            public partial class W
            {
                [Container("busybox")] public static partial Node Run(Level level = Level.High, Options? options = null, string[]? tags = null, int? count = null);
                [Script("python:3", Source = "print(1)")] public static partial Node Py(Level level);

                [Dag, Entrypoint]
                public static void Main()
                {
                    Run(Level.Low);
                    Py(Level.High);
                }
            }
            """);
        Assert.Equal("High", At(root, "spec.templates[0].inputs.parameters[0].default"));
        Assert.Equal("[Low, High]", At(root, "spec.templates[0].inputs.parameters[0].enum"));
        Assert.Equal("null", At(root, "spec.templates[0].inputs.parameters[1].default"));
        Assert.Equal("null", At(root, "spec.templates[0].inputs.parameters[2].default"));
        Assert.Null(At(root, "spec.templates[0].inputs.parameters[3].default"));
        Assert.Null(At(root, "spec.templates[0].inputs.parameters[3].enum"));
        Assert.Equal("[Low, High]", At(root, "spec.templates[1].inputs.parameters[0].enum"));
        Assert.Equal("Low", At(root, "spec.templates[2].dag.tasks[0].arguments.parameters[0].value"));
        Assert.Equal("High", At(root, "spec.templates[2].dag.tasks[1].arguments.parameters[0].value"));
    }

    [Fact]
    public void Doc_comments_give_the_workflow_description_annotation_and_input_and_output_descriptions()
    {
        var root = Manifest("""
            /// <summary>What the task measured.</summary>
            /// <param name="Size">The size, in <c>bytes</c>.</param>
            public sealed record Measured([property: OutputParameter(Path = "/tmp/size")] int Size)
            {
                /// <summary>
                /// The unit of <see cref="Size"/>.
                /// </summary>
                [OutputParameter(Path = "/tmp/unit")] public string Unit { get; init; } = "";
            }

            /// <summary>
            /// Measures a file.
            /// Second line.
            /// </summary>
            [Workflow(Name = "w")]
            public partial class W
            {
                /// <summary>Ignored: templates have no description.</summary>
                /// <param name="path">Which file &amp; where.</param>
                /// <param name="unused">Not a parameter.</param>
                [Container("busybox")] public static partial Node<Measured> Measure(string path, int plain = 1);
            }
            """);
        Assert.Equal("Measures a file.\nSecond line.", At(root, "metadata.annotations[workflows.argoproj.io/description]"));
        Assert.Equal("Which file & where.", At(root, "spec.templates[0].inputs.parameters[0].description"));
        Assert.Null(At(root, "spec.templates[0].inputs.parameters[1].description"));
        Assert.Equal("The size, in bytes.", At(root, "spec.templates[0].outputs.parameters[0].description"));
        Assert.Equal("The unit of Size.", At(root, "spec.templates[0].outputs.parameters[1].description"));
    }

    [Fact]
    public void An_explicit_description_annotation_wins_and_malformed_doc_xml_gives_no_description()
    {
        var explicitOne = Manifest("""
            /// <summary>From the comment.</summary>
            [Workflow(Name = "w"), Annotation("workflows.argoproj.io/description", "Explicit.")]
            public partial class W
            {
                /// <param name="a">Broken <b>xml</param>
                [Container("busybox")] public static partial Node Say(string a);
            }
            """);
        Assert.Equal("Explicit.", At(explicitOne, "metadata.annotations[workflows.argoproj.io/description]"));
        Assert.Null(At(explicitOne, "spec.templates[0].inputs.parameters[0].description"));
    }
}
