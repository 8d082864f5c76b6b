// Port of: memoize-simple.yaml
using Pipelines;
using Pipelines.Argo.Model;

namespace ArgoExamples;

public sealed record HelloOutput
{
    [OutputParameter(Path = "/tmp/hello_world.txt")]
    public string Hello { get; init; } = string.Empty;
}

[Workflow(GenerateName = "memoized-")]
public partial class MemoizeSimple
{
    [Container("busybox", Command = ["sh", "-c"], Args = ["echo world > /tmp/hello_world.txt"])]
    [Entrypoint]
    public static partial Node<HelloOutput> WorldToFile();

    // Results are cached in the ConfigMap cache-config under "cache-key" for ten seconds.
    [Spec(nameof(WorldToFile))]
    private static Template Cache => new()
    {
        Memoize = new() { Key = "cache-key", MaxAge = "10s", Cache = new() { ConfigMap = new() { Name = "cache-config" } } },
    };
}
