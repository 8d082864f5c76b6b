// Port of: global-outputs.yaml
using Pipelines;

namespace ArgoExamples;

// GlobalName publishes an output for the whole workflow: {{workflow.outputs.parameters.my-global-param}}.
public sealed record HelloGlobals
{
    [OutputParameter(Path = "/tmp/hello_world.txt", GlobalName = "my-global-param")]
    public string HelloParam { get; init; } = string.Empty;

    [OutputArtifact(Path = "/tmp/hello_world.txt", GlobalName = "my-global-art")]
    public string HelloArt { get; init; } = string.Empty;
}

[Workflow(GenerateName = "global-outputs-")]
[OnExit(nameof(ConsumeGlobals))]
public partial class GlobalOutputs
{
    [Steps, Entrypoint]
    public static void GenerateGlobals()
    {
        var generate = GlobalOutput();
        ConsumeGlobals();
    }

    [Container("alpine:3.23", Command = ["sh", "-c"], Args = ["sleep 1; echo -n hello world > /tmp/hello_world.txt"])]
    public static partial Node<HelloGlobals> GlobalOutput();

    [Steps]
    public static Node ConsumeGlobals()
    {
        Parallel(
            ConsumeGlobalParam(),
            ConsumeGlobalArt().WithArtifact("art", "{{workflow.outputs.artifacts.my-global-art}}"));
        return Node.NoOutputs;
    }

    // [Value] fixes the input's value, so callers pass nothing.
    [Container("alpine:3.23", Command = ["sh", "-c"], Args = ["echo {{inputs.parameters.param}}"])]
    public static partial Node ConsumeGlobalParam([Value("{{workflow.outputs.parameters.my-global-param}}")] string param = "");

    [Container("alpine:3.23", Command = ["sh", "-c"], Args = ["cat /art"])]
    [InputArtifact("art", Path = "/art")]
    public static partial Node ConsumeGlobalArt();
}
