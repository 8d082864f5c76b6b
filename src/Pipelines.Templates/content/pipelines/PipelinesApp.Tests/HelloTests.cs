using System.Linq;
using System.Reflection;
using Pipelines;
using Xunit;

namespace PipelinesApp.Tests;

public class HelloTests
{
    /// <summary>The build embeds each workflow's manifest in the assembly; this is what deploy/ is written from.</summary>
    [Fact]
    public void Hello_is_a_workflow_whose_entrypoint_says_hello()
    {
        var manifest = typeof(Hello).Assembly.GetCustomAttributes<PipelineManifestAttribute>()
            .Single(m => m.Id == typeof(Hello).FullName);

        Assert.Contains("\"kind\":\"Workflow\"", manifest.ManifestJson);
        Assert.Contains("\"generateName\":\"hello-\"", manifest.ManifestJson);
        Assert.Contains("hello from C#", manifest.ManifestJson);
    }
}
