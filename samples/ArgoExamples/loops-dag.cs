// Port of: loops-dag.yaml
using Pipelines;

namespace ArgoExamples;

[Workflow(GenerateName = "loops-dag-")]
[Label("workflows.argoproj.io/no-test", "environment")]
public partial class LoopsDag
{
    // Loop.ForEach keeps the looped task in a local, so C can wait for all of B's iterations.
    [Dag, Entrypoint, Name("loops-dag")]
    public static void LoopsDagExample()
    {
        var A = PrintMessage("A");
        var B = Loop.ForEach(new[] { "foo", "bar", "baz" }, item => PrintMessage(item).After(A));
        var C = PrintMessage("C").After(B);
    }

    [Container("busybox", Command = ["echo"], Args = ["{{inputs.parameters.message}}"])]
    public static partial Node PrintMessage(string message);
}
