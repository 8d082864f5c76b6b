// Port of: loops-sequence.yaml
using Pipelines;

namespace ArgoExamples;

[Workflow(GenerateName = "loops-sequence-")]
[Label("workflows.argoproj.io/no-test", "environment")]
[Argument("count", "3")]
public partial class LoopsSequence
{
    // Loop.Count and Loop.Range are withSequence; five loops in one Parallel group are five parallel steps.
    [Steps, Entrypoint, Name("loops-sequence")]
    public static void Main()
    {
        Parallel(
            Loop.ForEach(Loop.Count(5), item => Echo(item).Named("sequence-count")),
            Loop.ForEach(Loop.Range(100, 105), item => Echo(item).Named("sequence-start-end")),
            Loop.ForEach(Loop.Count("{{workflow.parameters.count}}", start: 200), item => Echo(item).Named("sequence-param")),
            Loop.ForEach(Loop.Range(5, 0), item => Echo(item).Named("sequence-negative")),
            Loop.ForEach(Loop.Count(5, format: "testuser%02X"), item => Echo(item).Named("sequence-format")));
    }

    [Container("alpine:3.23", Command = ["echo", "{{inputs.parameters.msg}}"])]
    public static partial Node Echo(string msg);
}
