using System;
using System.IO;

namespace Pipelines.Cli.Tests;

/// <summary>
/// samples/KafkaOrders: the manifests its build writes from C# (deploy/, committed) lint clean, and the sample order
/// fires the generated Sensor.
/// </summary>
public sealed class KafkaOrdersSampleTests
{
    private static readonly string Sample = Path.Combine(Corpus.RepoRoot, "samples", "KafkaOrders");

    [Fact]
    public void The_generated_manifests_lint_clean()
    {
        var result = Cli.Run(Sample, "lint", "--strict", "deploy");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("12 files, 12 documents (1 document of other kinds not validated): 0 errors, 0 warnings\n", result.Stderr);
    }

    [Fact]
    public void The_generated_manifests_are_fmt_clean()
    {
        var result = Cli.Run(Sample, "fmt", "--check", "deploy");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("12 files: 0 would be reformatted\n", result.Stderr);
    }

    [Fact]
    public void The_sample_order_submits_process_order_with_its_fields()
    {
        var result = Cli.Run(Sample, "events", "send", "deploy/sensor-process-order.yaml", "--dependency", "orders", "--data", "events/order.json");

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

        var result = Cli.Run(Sample, "events", "send", "deploy/sensor-process-order.yaml", "--dependency", "orders", "--data", Path.Combine(dir.Path, "order.json"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("rejected the event: data[0] (body.orderId string = .): path 'body.orderId' does not exist", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void The_sample_order_runs_end_to_end_and_a_failed_run_shows_the_dead_letter_submission()
    {
        using var dir = new TempDir();
        string[] common =
        [
            "events", "send", "deploy/sensor-process-order.yaml", "--dependency", "orders", "--data", "events/order.json",
            "--run", "--with", "deploy/workflowtemplate-process-order.yaml",
            "--mock", "price=phase=Succeeded,parameters.result={}", "--mock", "store=phase=Succeeded", "--mock", "dead-letter=phase=Succeeded",
        ];
        var ok = Cli.Run(Sample, [.. common, "--mock", "fetch=phase=Succeeded", "--run-dir", Path.Combine(dir.Path, "ok")]);
        var failed = Cli.Run(Sample, [.. common, "--mock", "fetch=phase=Failed", "--run-dir", Path.Combine(dir.Path, "failed")]);

        Assert.True(ok.ExitCode == 0, ok.ToString());
        Assert.Contains("trigger 'process-order': running the Workflow", ok.Stderr, StringComparison.Ordinal);
        Assert.True(failed.ExitCode == 1, failed.ToString());
        Assert.Contains("the Workflow failed", failed.Stderr, StringComparison.Ordinal);
        Assert.Contains("dlqTrigger 'process-order-dead-letter'", failed.Stderr, StringComparison.Ordinal);
    }
}
