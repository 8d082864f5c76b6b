// Port of: sensors/special-workflow-trigger-shortened.yaml
using Pipelines;

namespace EventsPorts;

// An argoWorkflow submit of a whole Workflow with a fixed name.
[Workflow(Name = "special-trigger")]
[WebhookTrigger("/example", EventSource = "webhook", EventName = "example")]
[TriggerSensor("special-workflow-trigger-shortened", Dependency = "test-dep", Trigger = "argo-workflow-trigger")]
[EventsIdentity(EventsComponent.Sensor, ServiceAccount = "operate-workflow-sa")]
[EventsIdentity(EventsComponent.Workflow, Manage = false)]
public partial class SpecialWorkflowTrigger
{
    [Container("busybox", Command = ["echo"], Args = ["{{inputs.parameters.message}}"]), Entrypoint]
    public static partial Node PrintMessage([FromMessage("body")] string message = "hello world");
}
