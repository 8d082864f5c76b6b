using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Pipelines.Argo;
using Pipelines.Argo.Validation;

namespace Pipelines.Generator.Tests;

/// <summary>
/// The hand-off to the build task: the compiled assembly carries the manifest attributes, the generated bodies throw,
/// and every port's manifest passes the validator the build task runs.
/// </summary>
public sealed class HandOffTests
{
    [Fact]
    public void The_compiled_assembly_carries_the_manifest_and_template_bodies_throw()
    {
        var run = GeneratorHarness.Run(GeneratorHarness.ReadPort("hello-world.cs"), "hello-world.cs").AssertClean();
        using var image = new MemoryStream();
        var emitted = run.Output.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));

        var context = new AssemblyLoadContext("ports", isCollectible: true);
        try
        {
            image.Position = 0;
            var assembly = context.LoadFromStream(image);
            var attribute = Assert.Single(assembly.GetCustomAttributes<PipelineManifestAttribute>());
            var expected = Assert.Single(run.Manifests);
            Assert.Equal(expected.Id, attribute.Id);
            Assert.Equal(expected.Json, attribute.ManifestJson);
            Assert.Equal(expected.SourceMap, attribute.SourceMapJson);

            var method = assembly.GetType("ArgoExamples.HelloWorldWorkflow")!.GetMethod("HelloWorld", BindingFlags.Public | BindingFlags.Static)!;
            var thrown = Assert.Throws<TargetInvocationException>(() => method.Invoke(null, null));
            var notSupported = Assert.IsType<NotSupportedException>(thrown.InnerException);
            Assert.Contains("never executed", notSupported.Message, StringComparison.Ordinal);
        }
        finally
        {
            context.Unload();
        }
    }

    [Fact]
    public void Composition_members_throw_a_clear_NotSupportedException()
    {
        var e = Assert.Throws<NotSupportedException>(() => Node.NoOutputs);
        Assert.Contains("never executed", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(PortTests.Ports), MemberType = typeof(PortTests))]
    public void Port_manifests_pass_the_validator(string port)
    {
        var run = GeneratorHarness.Run(GeneratorHarness.ReadPort(port), port).AssertClean();
        Assert.NotEmpty(run.Manifests);
        var files = run.Manifests.Select(m => ArgoYaml.ReadText(m.Json, port)).ToList();
        ArgoValidator.Validate(files);
        Assert.Empty(files.SelectMany(f => f.AllFindings).Where(f => f.Severity == Severity.Error).Select(f => f.ToString()));
    }
}
