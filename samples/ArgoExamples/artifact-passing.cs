// Port of: artifact-passing.yaml
using Pipelines;

namespace ArgoExamples;

// An [OutputArtifact] property of an outputs record is an output artifact of every template returning Node<it>.
public sealed record HelloArtifact
{
    [OutputArtifact(Name = "hello-art", Path = "/tmp/hello_world.txt")]
    public string HelloArt { get; init; } = string.Empty;
}

[Workflow(GenerateName = "artifact-passing-")]
public partial class ArtifactPassing
{
    // Passing producer.Outputs.HelloArt writes `from: {{steps.generate-artifact.outputs.artifacts.hello-art}}`.
    [Steps, Entrypoint, Name("artifact-example")]
    public static void ArtifactExample()
    {
        var generate = HelloWorldToFile().Named("generate-artifact");
        PrintMessageFromFile().WithArtifact("message", generate.Outputs.HelloArt).Named("consume-artifact");
    }

    [Container("busybox", Command = ["sh", "-c"], Args = ["sleep 1; echo hello world | tee /tmp/hello_world.txt"])]
    public static partial Node<HelloArtifact> HelloWorldToFile();

    [Container("busybox", Command = ["sh", "-c"], Args = ["cat /tmp/message"])]
    [InputArtifact("message", Path = "/tmp/message")]
    public static partial Node PrintMessageFromFile();
}
