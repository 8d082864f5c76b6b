// Port of: workflow-event-binding/event-consumer-workflowtemplate.yaml
using Pipelines;

namespace ArgoExamples;

[WorkflowTemplate("event-consumer")]
[Argument("salutation", "hello")]
public partial class EventConsumer
{
    [Steps, Entrypoint]
    public static void Main()
    {
        var a = Argosay("{{workflow.parameters.salutation}}", "{{workflow.parameters.appellation}}");
    }

    [Container("argoproj/argosay:v2", Args = ["echo", "{{inputs.parameters.salutation}} {{inputs.parameters.appellation}}"])]
    public static partial Node Argosay(string salutation, string appellation);
}
