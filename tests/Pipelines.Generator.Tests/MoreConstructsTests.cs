using System.Linq;
using System.Text.RegularExpressions;
using Pipelines.Argo;
using Pipelines.Argo.Yaml;

namespace Pipelines.Generator.Tests;

/// <summary>Output parameters, retries, exit handlers and loops: what the generator writes for each.</summary>
public sealed class MoreConstructsTests
{
    private const string Header = "using Pipelines;\nnamespace App;\n";

    private static YamlValue Manifest(string source)
    {
        var run = GeneratorHarness.Run(Header + source).AssertClean();
        var file = ArgoYaml.ReadText(Assert.Single(run.Manifests).Json);
        Assert.Empty(file.AllFindings.Select(f => f.ToString()));
        return Assert.Single(file.Documents).Root;
    }

    private static string? At(YamlValue root, string path)
    {
        YamlValue? current = root;
        foreach (Match m in Regex.Matches(path, @"([^.\[\]]+)|\[(\d+)\]"))
        {
            current = m.Groups[2].Success
                ? current is YamlSequence s && int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) is var i && i < s.Items.Count ? s.Items[i] : null
                : (current as YamlMapping)?.Get(m.Groups[1].Value);
            if (current is null)
            {
                return null;
            }
        }

        return current is YamlScalar scalar ? scalar.Value : current.Describe();
    }

    [Fact]
    public void Output_parameters_come_from_the_outputs_record_and_referencing_one_in_a_dag_adds_the_dependency()
    {
        var root = Manifest("""
            public sealed record Out
            {
                [OutputParameter(Path = "/tmp/a", GlobalName = "g")] public string First { get; init; } = "";
                [OutputParameter(Name = "second", Expression = "1 + 1", Default = "0")] public string Other { get; init; } = "";
                public string NotAnOutput { get; init; } = "";
            }
            [Workflow(Name = "w")]
            public partial class W
            {
                [Container("busybox")] public static partial Node<Out> Make();
                [Container("busybox")] public static partial Node Use(string a, string b);
                [Dag, Entrypoint] public static void Main()
                {
                    var m = Make();
                    var u = Use(m.Outputs.First, $"x{m.Outputs.Other}");
                }
            }
            """);
        Assert.Equal("first", At(root, "spec.templates[0].outputs.parameters[0].name"));
        Assert.Equal("/tmp/a", At(root, "spec.templates[0].outputs.parameters[0].valueFrom.path"));
        Assert.Equal("g", At(root, "spec.templates[0].outputs.parameters[0].globalName"));
        Assert.Equal("second", At(root, "spec.templates[0].outputs.parameters[1].name"));
        Assert.Equal("1 + 1", At(root, "spec.templates[0].outputs.parameters[1].valueFrom.expression"));
        Assert.Equal("0", At(root, "spec.templates[0].outputs.parameters[1].valueFrom.default"));
        Assert.Null(At(root, "spec.templates[0].outputs.parameters[2]"));
        Assert.Equal("{{tasks.m.outputs.parameters.first}}", At(root, "spec.templates[2].dag.tasks[1].arguments.parameters[0].value"));
        Assert.Equal("x{{tasks.m.outputs.parameters.second}}", At(root, "spec.templates[2].dag.tasks[1].arguments.parameters[1].value"));
        Assert.Equal("m", At(root, "spec.templates[2].dag.tasks[1].depends"));
        Assert.Null(At(root, "spec.templates[1].outputs"));
    }

    [Fact]
    public void Retry_writes_the_strategy_and_only_the_backoff_settings_given()
    {
        var root = Manifest("""
            [Workflow(Name = "w")]
            public partial class W
            {
                [Container("busybox"), Retry(3, RetryPolicy = "OnError", Expression = "lastRetry.status == \"Error\"", BackoffDuration = "2s")]
                public static partial Node A();
                [Container("busybox"), Retry(1)] public static partial Node B();
            }
            """);
        Assert.Equal("3", At(root, "spec.templates[0].retryStrategy.limit"));
        Assert.Equal("OnError", At(root, "spec.templates[0].retryStrategy.retryPolicy"));
        Assert.Equal("lastRetry.status == \"Error\"", At(root, "spec.templates[0].retryStrategy.expression"));
        Assert.Equal("2s", At(root, "spec.templates[0].retryStrategy.backoff.duration"));
        Assert.Null(At(root, "spec.templates[0].retryStrategy.backoff.factor"));
        Assert.Equal("1", At(root, "spec.templates[1].retryStrategy.limit"));
        Assert.Null(At(root, "spec.templates[1].retryStrategy.backoff"));
    }

    [Fact]
    public void OnExit_names_a_template_method_for_the_workflow_and_for_nodes()
    {
        var root = Manifest("""
            [Workflow(Name = "w"), OnExit(nameof(W.CleanUp))]
            public partial class W
            {
                [Container("busybox")] public static partial Node CleanUp();
                [Container("busybox"), Name("say-it")] public static partial Node Say();
                [Steps, Entrypoint] public static void Main()
                {
                    Say().OnExit(nameof(Say));
                    Say().OnExit("NoSuchMethod");
                }
            }
            """);
        Assert.Equal("clean-up", At(root, "spec.onExit"));
        Assert.Equal("say-it", At(root, "spec.templates[2].steps[0][0].onExit"));
        Assert.Null(At(root, "spec.templates[2].steps[1][0].onExit"));
    }
}
