// Port of: sensors/kafka.yaml
using Pipelines;

namespace EventsPorts;

// The Sensor creates this whole Workflow (a k8s create trigger, no WorkflowTemplate) with the message body as its
// argument, running as the shared operate-workflow-sa account.
[Workflow(GenerateName = "kafka-workflow-")]
[KafkaTrigger("topic-2", Brokers = "kafka.argo-events:9092", Partition = 1, EventSource = "kafka", EventName = "example")]
[TriggerSensor("kafka", Dependency = "test-dep", Trigger = "kafka-workflow-trigger", Action = TriggerAction.Create)]
[EventsIdentity(EventsComponent.Sensor, ServiceAccount = "operate-workflow-sa")]
[EventsIdentity(EventsComponent.Workflow, Manage = false)]
public partial class KafkaSensor
{
    [Container("busybox", Command = ["echo"], Args = ["{{inputs.parameters.message}}"]), Entrypoint]
    public static partial Node PrintMessage([FromMessage("body")] string message = "hello world");
}
