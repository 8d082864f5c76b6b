// Port of: memoize-simple.yaml
using Pipelines;

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
    [Memoize("cache-key", "cache-config", MaxAge = "10s")] // outputs cached in the ConfigMap cache-config for ten seconds
    public static partial Node<HelloOutput> WorldToFile();
}
