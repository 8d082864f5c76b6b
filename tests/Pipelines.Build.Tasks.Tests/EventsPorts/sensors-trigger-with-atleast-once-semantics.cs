// Port of: sensors/trigger-with-atleast-once-semantics.yaml
using Pipelines;

namespace EventsPorts;

// Upstream writes atLeastOnce under template, where Argo Events drops it (docs/events.md, corpus quirks); the port
// puts it where it takes effect, on the trigger, and the comparison moves upstream's key there.
[Workflow(GenerateName = "webhook-")]
[WebhookTrigger("/example", EventSource = "webhook", EventName = "example")]
[TriggerSensor("trigger-with-atleast-once-semantics", Dependency = "test-dep", Trigger = "trigger-1", Action = TriggerAction.Create)]
[AtLeastOnce]
[EventsIdentity(EventsComponent.Sensor, ServiceAccount = "operate-workflow-sa")]
[EventsIdentity(EventsComponent.Workflow, Manage = false)]
public partial class AtLeastOnceSensor
{
    [Container("busybox", Command = ["echo"], Args = ["{{inputs.parameters.message}}"]), Entrypoint]
    public static partial Node PrintMessage([FromMessage("body")] string message = "hello world");
}
