using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Pipelines.Argo;
using Pipelines.Argo.Yaml;
using static Pipelines.Generator.Tests.ManifestQuery;

namespace Pipelines.Generator.Tests;

/// <summary>templateRef into a referenced assembly: the callee is a metadata symbol of a template library.</summary>
public sealed class TemplateLibraryTests
{
    private const string Library = """
        using Pipelines;
        namespace Lib;

        public enum Tone { Calm, Loud }
        public sealed record Said([property: OutputParameter(Path = "/tmp/said")] string Text);

        [WorkflowTemplate("say-library")]
        public partial class SayLibrary
        {
            [Container("busybox", Command = ["echo"], Args = ["{{inputs.parameters.message}}"]), Name("say-it")]
            public static partial Node<Said> Say(string message, [Name("the-tone")] Tone tone = Tone.Calm);
        }

        [ClusterWorkflowTemplate("cluster-library")]
        public partial class ClusterLibrary
        {
            [Container("busybox")]
            public static partial Node Ping(int times = 1);
        }
        """;

    private const string App = """
        using Pipelines;
        using Lib;
        namespace App;

        [Workflow(Name = "uses-library")]
        public partial class UsesLibrary
        {
            [Dag, Entrypoint]
            public static void Main()
            {
                var a = SayLibrary.Say("hi", Tone.Loud);
                global::Lib.ClusterLibrary.Ping(3).Named("ping");
                SayLibrary.Say(a.Outputs.Text).Named("again");
            }
        }
        """;

    /// <summary>The library compiled with the generator, as a metadata reference (an image, as a ProjectReference gives).</summary>
    private static MetadataReference CompileLibrary()
    {
        var compilation = CSharpCompilation.Create(
            "Lib",
            [CSharpSyntaxTree.ParseText(Library, GeneratorHarness.ParseOptions, path: "/src/Lib/Library.cs")],
            GeneratorHarness.Compilation().References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, deterministic: true));
        var run = GeneratorHarness.Run(compilation).AssertClean();
        using var image = new MemoryStream();
        var emitted = run.Output.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        return MetadataReference.CreateFromImage(image.ToArray());
    }

    private static YamlValue AppManifest()
    {
        var app = GeneratorHarness.Compilation(GeneratorHarness.Tree(App)).AddReferences(CompileLibrary());
        var run = GeneratorHarness.Run(app).AssertClean();
        var file = ArgoYaml.ReadText(Assert.Single(run.Manifests).Json);
        Assert.Empty(file.AllFindings.Select(f => f.ToString()));
        return Assert.Single(file.Documents).Root;
    }

    [Fact]
    public void A_call_into_a_referenced_template_library_is_a_templateRef_with_names_read_from_metadata()
    {
        var root = AppManifest();
        const string tasks = "spec.templates[0].dag.tasks";
        Assert.Null(At(root, "spec.templates[1]"));
        Assert.Equal("say-library", At(root, tasks + "[0].templateRef.name"));
        Assert.Equal("say-it", At(root, tasks + "[0].templateRef.template"));
        Assert.Null(At(root, tasks + "[0].templateRef.clusterScope"));
        Assert.Equal("message", At(root, tasks + "[0].arguments.parameters[0].name"));
        Assert.Equal("hi", At(root, tasks + "[0].arguments.parameters[0].value"));
        Assert.Equal("the-tone", At(root, tasks + "[0].arguments.parameters[1].name"));
        Assert.Equal("Loud", At(root, tasks + "[0].arguments.parameters[1].value"));
        Assert.Equal("cluster-library", At(root, tasks + "[1].templateRef.name"));
        Assert.Equal("ping", At(root, tasks + "[1].templateRef.template"));
        Assert.Equal("true", At(root, tasks + "[1].templateRef.clusterScope"));
        Assert.Equal("3", At(root, tasks + "[1].arguments.parameters[0].value"));
        Assert.Equal("{{tasks.a.outputs.parameters.text}}", At(root, tasks + "[2].arguments.parameters[0].value"));
        Assert.Equal("a", At(root, tasks + "[2].depends"));
    }
}
