// Port of: loops-param-result.yaml
using Pipelines;

namespace ArgoExamples;

[Workflow(GenerateName = "loops-param-result-")]
[Label("workflows.argoproj.io/no-test", "duration")]
public partial class LoopsParamResult
{
    // Loop.Over reads a JSON list known at run time (withParam): here the standard output of the generate step.
    [Steps, Entrypoint]
    public static void LoopParamResultExample()
    {
        var generate = GenNumberList();
        foreach (var item in Loop.Over<int>(generate.Result))
        {
            SleepNSec(item).Named("sleep");
        }
    }

    [Script("python:alpine3.23", Command = ["python"], Source = """
        import json
        import sys
        json.dump([i for i in range(20, 31)], sys.stdout)
        """)]
    public static partial Node GenNumberList();

    [Container("alpine:3.23", Command = ["sh", "-c"], Args = ["echo sleeping for {{inputs.parameters.seconds}} seconds; sleep {{inputs.parameters.seconds}}; echo done"])]
    public static partial Node SleepNSec(int seconds);
}
