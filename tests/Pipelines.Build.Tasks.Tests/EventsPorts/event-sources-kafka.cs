// Port of: event-sources/kafka.yaml
using Pipelines;

namespace EventsPorts;

// The upstream EventSource reads one partition (demo mode) and retries the initial connection with backoff. The
// Workflow is only the trigger's carrier here; the comparison looks at the EventSource. Its pod runs as the namespace's
// default account, as upstream: the identity is not managed.
[Workflow(GenerateName = "kafka-workflow-")]
[KafkaTrigger("topic-2", Brokers = "kafka.argo-events:9092", Partition = 1, EventSource = "kafka", EventName = "example")]
[KafkaConnectionBackoff(Steps = 5, Duration = "10s", Factor = 2, Jitter = 0.2)]
[EventsIdentity(EventsComponent.EventSource, Manage = false)]
[EventsIdentity(EventsComponent.Workflow, Manage = false)]
public partial class KafkaEventSource
{
    [Container("busybox", Command = ["echo"], Args = ["{{inputs.parameters.message}}"]), Entrypoint]
    public static partial Node PrintMessage([FromMessage("body")] string message = "hello world");
}
