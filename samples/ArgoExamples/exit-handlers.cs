// Port of: exit-handlers.yaml
using Pipelines;

namespace ArgoExamples;

[Workflow(GenerateName = "exit-handlers-")]
[Label("workflows.argoproj.io/no-test", "expected-failure")]
[OnExit(nameof(ExitHandler))]
public partial class ExitHandlers
{
    [Container("alpine:3.23", Command = ["sh", "-c"], Args = ["echo intentional failure; exit 1"])]
    [Entrypoint]
    public static partial Node IntentionalFail();

    // The handler runs whatever the outcome; {{workflow.status}} tells which.
    [Steps]
    public static void ExitHandler()
    {
        Parallel(
            SendEmail().Named("notify"),
            Celebrate().Named("celebrate").When("{{workflow.status}} == Succeeded"),
            Cry().Named("cry").When("{{workflow.status}} != Succeeded"));
    }

    [Container("alpine:3.23", Command = ["sh", "-c"], Args = ["echo send e-mail: {{workflow.name}} {{workflow.status}} {{workflow.duration}}. Failed steps {{workflow.failures}}"])]
    public static partial Node SendEmail();

    [Container("alpine:3.23", Command = ["sh", "-c"], Args = ["echo hooray!"])]
    public static partial Node Celebrate();

    [Container("alpine:3.23", Command = ["sh", "-c"], Args = ["echo boohoo!"])]
    public static partial Node Cry();
}
