// Port of: exit-handler-dag-level.yaml
using Pipelines;

namespace ArgoExamples;

[Workflow(GenerateName = "exit-hanlder-dag-level-")]
[Label("workflows.argoproj.io/no-test", "flaky")]
public partial class ExitHandlerDagLevel
{
    // .OnExit(nameof(Exit)) runs the exit template when that task ends.
    [Dag, Entrypoint]
    public static void Main()
    {
        var A = Echo("A").OnExit(nameof(Exit));
        var B = Echo("B").After(A).OnExit(nameof(Exit));
        var C = Echo("C").After(A).OnExit(nameof(Exit));
        var D = Echo("D").After(B, C).OnExit(nameof(Exit));
    }

    [Container("busybox", Command = ["echo"], Args = ["{{inputs.parameters.message}}"])]
    public static partial Node Echo(string message);

    [Container("busybox", Command = ["echo"], Args = ["task cleanup"])]
    public static partial Node Exit();
}
