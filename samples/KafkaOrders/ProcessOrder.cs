using Pipelines;

namespace KafkaOrders;

/// <summary>
/// Runs once per order message. The Sensor in events/sensor.yaml submits a thin Workflow that references this template
/// and fills its three arguments from the Kafka message: the order id, the customer (the message key) and the raw
/// message, which the exit handler publishes to the dead-letter topic when the run did not succeed.
/// </summary>
[WorkflowTemplate("process-order")]
[Label("app.kubernetes.io/part-of", "kafka-orders")]
[OnExit(nameof(DeadLetter))]
public partial class ProcessOrder
{
    // The workflow pods run as process-order (events/rbac.yaml): the executor's minimum, plus its IRSA role.
    [Spec]
    private static Pipelines.Argo.Model.WorkflowSpec Identity => new() { ServiceAccountName = "process-order" };

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
    /// workflow's service account (events/rbac.yaml), whose IRSA role may write to the topic: no static secret.
    /// </summary>
    [Container("busybox:1.37", Command = ["sh", "-c"], Args = ["test \"{{workflow.status}}\" = Succeeded || echo \"dead letter: $0\"", "{{workflow.parameters.message}}"])]
    public static partial Node DeadLetter();

    /// <summary>Fetch, price in C#, store.</summary>
    [Dag, Entrypoint]
    public static Node Run(string orderId, string customer, string message)
    {
        var fetch = Fetch(orderId);
        var price = Node.Run(() => Pricing.Price(customer)).After(fetch);
        Store(price.Outputs);
        return Node.NoOutputs;
    }
}
