using System;
using System.IO;

namespace Pipelines.Cli.Tests;

/// <summary>samples/KafkaOrders/events: the hand-written Argo Events manifests lint clean and the sample order fires the Sensor.</summary>
public sealed class KafkaOrdersSampleTests
{
    private static readonly string Sample = Path.Combine(Corpus.RepoRoot, "samples", "KafkaOrders");

    [Fact]
    public void The_sample_events_lint_clean()
    {
        var result = Cli.Run(Sample, "lint", "--strict", "events");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("4 files, 10 documents: 0 errors, 0 warnings\n", result.Stderr);
    }

    [Fact]
    public void The_sample_order_submits_process_order_with_its_fields()
    {
        var result = Cli.Run(Sample, "events", "send", "events/sensor.yaml", "--dependency", "order", "--data", "events/order.json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("    - name: orderId\n      value: A-1042\n    - name: customer\n      value: vip-acme\n", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("      value: '{\"orderId\":\"A-1042\",\"amount\":150,\"currency\":\"EUR\"}'\n", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("workflowTemplateRef:\n    name: process-order\n", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void An_order_without_an_id_is_filtered_out()
    {
        using var dir = new TempDir();
        dir.Write("order.json", "{\"topic\":\"orders\",\"key\":\"acme\",\"body\":{\"amount\":5}}");

        var result = Cli.Run(Sample, "events", "send", "events/sensor.yaml", "--dependency", "order", "--data", Path.Combine(dir.Path, "order.json"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("rejected the event: data[0] (body.orderId string = .): path 'body.orderId' does not exist", result.Stderr, StringComparison.Ordinal);
    }
}
