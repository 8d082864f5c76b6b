using Pipelines;

namespace KafkaOrders;

/// <summary>The C# step: plain code that runs in this project's container image.</summary>
public static class Pricing
{
    /// <summary>Prices an order for a customer (a stand-in for real business logic).</summary>
    /// <param name="customer">The customer, the Kafka message key.</param>
    /// <returns>A one-line JSON document, the node's <c>result</c>.</returns>
    [Step]
    public static string Price(string customer) =>
        $$"""{"customer":"{{customer.Replace("\"", string.Empty, System.StringComparison.Ordinal)}}","discount":{{(customer.StartsWith("vip-", System.StringComparison.Ordinal) ? 10 : 0)}}}""";
}
