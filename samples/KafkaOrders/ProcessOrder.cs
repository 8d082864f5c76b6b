using Pipelines;

// The namespace's EventBus (opt-in, once per namespace): managed NATS JetStream, pinned version, 3 replicas.
[assembly: EventBus(Version = "2.10.29")]

namespace KafkaOrders;

/// <summary>An order message: the JSON value of a record on the orders topic.</summary>
/// <param name="OrderId">The order's id.</param>
/// <param name="Amount">The order total.</param>
/// <param name="Currency">The ISO currency code.</param>
public sealed record OrderPlaced(string OrderId, decimal Amount, string Currency);

/// <summary>
/// Runs once per order message. The build writes, beside this WorkflowTemplate, an EventSource that reads the orders
/// topic of an Amazon MSK cluster with IAM authentication, a Sensor that submits this template with three arguments
/// from the message (the order id, the customer in the message key, the raw body), and the ServiceAccounts with IRSA
/// annotations and minimal Roles. A failed submission is retried with exponential backoff, then dead-lettered; a run
/// that fails later publishes the message to the dead-letter topic from its exit handler.
/// </summary>
[WorkflowTemplate("process-order")]
[Label("app.kubernetes.io/part-of", "kafka-orders")]
[OnExit(nameof(DeadLetter))]
[KafkaTrigger("orders",
    Brokers = "b-1.orders.abc123.c2.kafka.eu-west-1.amazonaws.com:9098,b-2.orders.abc123.c2.kafka.eu-west-1.amazonaws.com:9098",
    ConsumerGroup = "process-order", Message = typeof(OrderPlaced), AwsMskIamRegion = "eu-west-1", EventSource = "kafka-orders")]
[MessageFilter("body.orderId", ".")]
[AtLeastOnce]
[TriggerRetry(Steps = 5, Duration = "2s", Factor = 2)]
[DeadLetterTemplate("process-order", Entrypoint = "dead-letter")]
[EventsIdentity(EventsComponent.EventSource, ServiceAccount = "kafka-orders-reader", AwsRoleArn = "arn:aws:iam::123456789012:role/kafka-orders-reader")]
[EventsIdentity(EventsComponent.Workflow, AwsRoleArn = "arn:aws:iam::123456789012:role/process-order")]
public partial class ProcessOrder
{
    /// <summary>Fetches the order from the order service; transient failures back off exponentially.</summary>
    [Container("curlimages/curl:8.11.1", Command = ["sh", "-c"], Args = ["curl -fsS \"http://orders.shop.svc/orders/$0\"", "{{inputs.parameters.orderId}}"])]
    [Retry(4, RetryPolicy = "OnError", BackoffDuration = "2s", BackoffFactor = "2", BackoffMaxDuration = "1m")]
    public static partial Node Fetch(string orderId);

    /// <summary>Stores the priced order.</summary>
    [Container("busybox:1.37", Command = ["sh", "-c"], Args = ["echo \"$0\"", "{{inputs.parameters.priced}}"])]
    [Retry(4, RetryPolicy = "OnError", BackoffDuration = "2s", BackoffFactor = "2", BackoffMaxDuration = "1m")]
    public static partial Node Store(string priced);

    /// <summary>
    /// Publishes the original message to the orders-dlq topic when the workflow did not succeed. The pod runs as the
    /// workflow's ServiceAccount, whose IRSA role may write to the topic: no static secret. The Sensor's dead-letter
    /// trigger also runs this template (as the entrypoint) when every submission attempt failed.
    /// </summary>
    [Container("busybox:1.37", Command = ["sh", "-c"], Args = ["test \"{{workflow.status}}\" = Succeeded || echo \"dead letter: $0\"", "{{workflow.parameters.message}}"])]
    public static partial Node DeadLetter();

    /// <summary>Fetch, price in C#, store.</summary>
    [Dag, Entrypoint]
    public static Node Run([FromMessage("body.orderId")] string orderId, [FromMessage("key")] string customer, [FromMessage("body")] string message)
    {
        var fetch = Fetch(orderId);
        var price = Node.Run(() => Pricing.Price(customer)).After(fetch);
        Store(price.Outputs);
        return Node.NoOutputs;
    }
}
