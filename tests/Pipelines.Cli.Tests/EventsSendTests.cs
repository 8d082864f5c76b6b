using System;
using System.IO;
using System.Linq;

namespace Pipelines.Cli.Tests;

/// <summary>
/// <c>pipelines events send</c>: the dependency's filters and the trigger's parameter mapping as Argo Events applies
/// them (filter.go, params.go), the dead-letter path, --run, and bad input.
/// </summary>
[Collection("events send stdin")]
public sealed class EventsSendTests
{
    private const string Sensor = """
        apiVersion: argoproj.io/v1alpha1
        kind: Sensor
        metadata:
          name: orders
        spec:
          dependencies:
          - name: order
            eventSourceName: kafka
            eventName: orders
            FILTERS
          triggers:
          - template:
              name: process
              argoWorkflow:
                operation: submit
                source:
                  resource:
                    apiVersion: argoproj.io/v1alpha1
                    kind: Workflow
                    metadata:
                      generateName: process-order-
                    spec:
                      workflowTemplateRef:
                        name: process-order
                      arguments:
                        parameters:
                        - name: order-id
                          value: placeholder
                        - name: customer
                          value: "id-"
                parameters:
                PARAMETERS
            atLeastOnce: true
            dlqTrigger:
              atLeastOnce: true
              template:
                name: dead-letter
                kafka:
                  url: kafka:9092
                  topic: orders-dlq
                  payload:
                  - src:
                      dependencyName: order
                      dataKey: body
                    dest: order
        """;

    private const string OrderId = """
        - src:
                    dependencyName: order
                    dataKey: body.orderId
                  dest: spec.arguments.parameters.0.value
        """;

    private const string Event = "{\"topic\":\"orders\",\"key\":\"acme\",\"partition\":0,\"headers\":{\"traceparent\":\"00-abc\"},\"body\":{\"orderId\":\"42\",\"amount\":150,\"type\":\"created\",\"vip\":true}}";

    private static string Make(string filters = "", string parameters = OrderId) =>
        Sensor.Replace("FILTERS", filters.Replace("\n", "\n    ", StringComparison.Ordinal), StringComparison.Ordinal)
            .Replace("PARAMETERS", parameters, StringComparison.Ordinal);

    private static CliResult Send(string sensor, string ev, params string[] extra)
    {
        using var dir = new TempDir();
        dir.Write("sensor.yaml", sensor);
        dir.Write("event.json", ev);
        return Cli.Run(dir.Path, ["events", "send", "sensor.yaml", "--dependency", "order", "--data", "event.json", .. extra]);
    }

    [Fact]
    public void A_passing_event_prints_the_workflow_with_the_mapped_argument()
    {
        var result = Send(Make(), Event);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(
            "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata:\n  generateName: process-order-\n  labels:\n" +
            "    events.argoproj.io/sensor: orders\n    events.argoproj.io/trigger: process\nspec:\n  arguments:\n    parameters:\n" +
            "    - name: order-id\n      value: \"42\"\n    - name: customer\n      value: id-\n  workflowTemplateRef:\n    name: process-order\n",
            result.Stdout);
    }

    [Theory]
    [InlineData("filters:\n  data:\n  - path: body.amount\n    type: number\n    comparator: \">=\"\n    value: [\"100\"]", true)]
    [InlineData("filters:\n  data:\n  - path: body.amount\n    type: number\n    comparator: \">=\"\n    value: [\"200\"]", false)]
    [InlineData("filters:\n  data:\n  - path: body.type\n    type: string\n    value: [\"eat\"]", true)]
    [InlineData("filters:\n  data:\n  - path: body.type\n    type: string\n    value: [\"^eat$\"]", false)]
    [InlineData("filters:\n  data:\n  - path: body.type\n    type: string\n    comparator: \"!=\"\n    value: [\"^deleted$\"]", true)]
    [InlineData("filters:\n  data:\n  - path: body.vip\n    type: bool\n    value: [\"true\"]", true)]
    [InlineData("filters:\n  data:\n  - path: body.missing\n    type: string\n    value: [\".*\"]", false)]
    [InlineData("filters:\n  data:\n  - path: body.type\n    type: string\n    value: [\"^deleted$\"]\n  - path: body.amount\n    type: number\n    value: [\"150\"]\n  dataLogicalOperator: or", true)]
    [InlineData("filters:\n  data:\n  - path: body.type\n    type: string\n    value: [\"^CREATED$\"]\n    template: \"{{ .Input | upper }}\"", true)]
    [InlineData("filters:\n  exprs:\n  - expr: amount >= 100 && type == \"created\"\n    fields:\n    - name: amount\n      path: body.amount\n    - name: type\n      path: body.type", true)]
    [InlineData("filters:\n  exprs:\n  - expr: amount > 1000\n    fields:\n    - name: amount\n      path: body.amount", false)]
    [InlineData("filters:\n  exprs:\n  - expr: amount > 1000\n    fields:\n    - name: amount\n      path: body.nothing", false)]
    [InlineData("filters:\n  context:\n    subject: orders\n    source: kafka", true)]
    [InlineData("filters:\n  context:\n    type: webhook", false)]
    [InlineData("filters:\n  context:\n    type: webhook\n  data:\n  - path: body.amount\n    type: number\n    value: [\"150\"]\nfiltersLogicalOperator: or", true)]
    public void Filters_decide_as_Argo_Events_does(string filters, bool passes)
    {
        var result = Send(Make(filters), Event);

        Assert.True(result.ExitCode == (passes ? 0 : 1), result.ToString());
        if (!passes)
        {
            Assert.Contains("dependency 'order' rejected the event: ", result.Stderr, StringComparison.Ordinal);
            Assert.Equal(string.Empty, result.Stdout);
        }
    }

    [Fact]
    public void The_rejection_names_the_filter_and_the_value()
    {
        var result = Send(Make("filters:\n  data:\n  - path: body.amount\n    type: number\n    comparator: \">=\"\n    value: [\"200\"]"), Event);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("rejected the event: data[0] (body.amount number >= 200): the event has 150", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("09:00:00", "17:00:00", "2026-03-02T10:30:00Z", "", true)]
    [InlineData("09:00:00", "17:00:00", "2026-03-02T17:00:00Z", "", false)]
    [InlineData("22:00:00", "02:00:00", "2026-03-02T23:30:00Z", "", true)]
    [InlineData("09:00:00", "17:00:00", "2026-03-02T08:30:00Z", "Europe/Berlin", true)]
    [InlineData("09:00:00", "17:00:00", "2026-03-02T16:30:00Z", "Europe/Berlin", false)]
    public void Time_filters_use_the_event_time_in_the_filter_time_zone(string start, string stop, string time, string zone, bool passes)
    {
        var filters = $"filters:\n  time:\n    start: \"{start}\"\n    stop: \"{stop}\"" + (zone.Length > 0 ? $"\n    timezone: {zone}" : string.Empty);
        var ev = "{\"context\":{\"time\":\"" + time + "\",\"type\":\"kafka\"},\"data\":" + Event + "}";

        var result = Send(Make(filters), ev);

        Assert.True(result.ExitCode == (passes ? 0 : 1), result.ToString());
    }

    [Theory]
    [InlineData("dataKey: body.orderId", "", "\"42\"")]
    [InlineData("dataKey: body.amount", "", "\"150\"")]
    [InlineData("dataKey: body", "", "'{\"orderId\":\"42\",\"amount\":150,\"type\":\"created\",\"vip\":true}'")]
    [InlineData("dataTemplate: \"{{ .Input.key | upper }}-{{ .Input.body.orderId }}\"", "", "ACME-42")]
    [InlineData("dataTemplate: \"{{ .Input.nothing }}\"\n            dataKey: key", "", "acme")]
    [InlineData("dataKey: body.nothing\n            value: fallback", "", "fallback")]
    [InlineData("contextKey: subject", "", "orders")]
    [InlineData("contextTemplate: \"{{ .Input.source }}/{{ .Input.subject }}\"", "", "kafka/orders")]
    [InlineData("dataKey: key", "operation: overwrite", "acme")]
    [InlineData("dataKey: key", "operation: append", "placeholderacme")]
    [InlineData("dataKey: key", "operation: prepend", "acmeplaceholder")]
    public void Parameter_mapping_follows_params_go(string source, string operation, string expected)
    {
        var parameters = "- src:\n            dependencyName: order\n            " + source +
            "\n          dest: spec.arguments.parameters.0.value" + (operation.Length > 0 ? "\n          " + operation : string.Empty);

        var result = Send(Make(parameters: parameters), Event);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("    - name: order-id\n      value: " + expected + "\n", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Dest_can_set_any_field_and_a_source_without_key_gives_the_whole_event()
    {
        var parameters = "- src:\n            dependencyName: order\n            dataKey: key\n          dest: metadata.generateName\n          operation: prepend\n" +
            "        - src:\n            dependencyName: order\n          dest: spec.arguments.parameters.1.value";

        var result = Send(Make(parameters: parameters), "{\"context\":{\"id\":\"e-1\",\"time\":\"2026-03-02T10:30:00Z\",\"type\":\"kafka\"},\"data\":{\"key\":\"k\"}}");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("  generateName: kprocess-order-\n", result.Stdout, StringComparison.Ordinal);
        var data = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("{\"key\":\"k\"}"));
        Assert.Contains(
            "value: '{\"context\":{\"id\":\"e-1\",\"source\":\"kafka\",\"specversion\":\"1.0\",\"type\":\"kafka\",\"datacontenttype\":\"application/json\",\"subject\":\"orders\",\"time\":\"2026-03-02T10:30:00Z\"},\"data\":\"" + data + "\"}'",
            result.Stdout,
            StringComparison.Ordinal);
    }

    [Fact]
    public void A_mapping_that_cannot_resolve_fails_the_trigger_and_shows_the_dead_letter_payload()
    {
        var result = Send(Make(), "{\"key\":\"acme\",\"body\":{\"amount\":5}}");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(string.Empty, result.Stdout);
        Assert.Contains("trigger 'process' fails: unable to resolve 'order' parameter value. err: key body.orderId does not exist", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("dlqTrigger 'dead-letter': would send to Kafka topic 'orders-dlq' at kafka:9092: {\"order\":\"{\\\"amount\\\":5}\"}", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Data_can_come_from_stdin()
    {
        using var dir = new TempDir();
        dir.Write("sensor.yaml", Make());
        var previous = EventsCommand.Stdin;
        EventsCommand.Stdin = () => new StringReader(Event);
        try
        {
            var result = Cli.Run(dir.Path, "events", "send", "sensor.yaml", "-d", "order", "--data", "-");
            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Contains("value: \"42\"", result.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            EventsCommand.Stdin = previous;
        }
    }

    [Theory]
    [InlineData("{\"body\": {\"orderId\": 42,}", "event.json:1:", "not valid JSON")]
    [InlineData("{\"context\": 5, \"data\": {}}", "event.json: error:", "'context' must be an object")]
    [InlineData("{\"context\": {\"time\": \"yesterday\"}, \"data\": {}}", "event.json: error:", "context.time 'yesterday' is not an RFC 3339 time")]
    [InlineData("{\"context\": {\"kind\": \"x\"}, \"data\": {}}", "event.json: error:", "context has unknown field 'kind'")]
    public void A_malformed_event_is_a_located_usage_error(string ev, string where, string what)
    {
        var result = Send(Make(), ev);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(where, result.Stderr, StringComparison.Ordinal);
        Assert.Contains(what, result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_dependency_or_an_invalid_sensor_is_a_usage_error()
    {
        using var dir = new TempDir();
        dir.Write("sensor.yaml", Make());
        dir.Write("bad.yaml", Make().Replace("        operation: submit\n", string.Empty, StringComparison.Ordinal));
        dir.Write("event.json", Event);

        var unknown = Cli.Run(dir.Path, "events", "send", "sensor.yaml", "-d", "payment", "--data", "event.json");
        var invalid = Cli.Run(dir.Path, "events", "send", "bad.yaml", "-d", "order", "--data", "event.json");

        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("the Sensor has no dependency 'payment'; it has: order", unknown.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, invalid.ExitCode);
        Assert.Contains("bad.yaml:", invalid.Stderr, StringComparison.Ordinal);
        Assert.Contains("error PIPE5405", invalid.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mapping_into_a_missing_argument_is_reported_with_its_location()
    {
        var parameters = "- src:\n            dependencyName: order\n            dataKey: key\n          dest: spec.arguments.parameters.5.value";
        using var dir = new TempDir();
        dir.Write("sensor.yaml", Make(parameters: parameters));
        dir.Write("event.json", Event);

        var lint = Cli.Run(dir.Path, "lint", "sensor.yaml");

        Assert.Contains("warning PIPE5424: dest \"spec.arguments.parameters.5.value\": position 5 is past the end", lint.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_runs_the_workflow_and_shows_the_dead_letter_path_when_it_fails()
    {
        const string Template = """
            apiVersion: argoproj.io/v1alpha1
            kind: WorkflowTemplate
            metadata:
              name: process-order
            spec:
              entrypoint: main
              arguments:
                parameters:
                - name: order-id
                - name: customer
              templates:
              - name: main
                container:
                  image: busybox
                  command: [echo, "{{workflow.parameters.order-id}}"]
            """;
        using var dir = new TempDir();
        dir.Write("sensor.yaml", Make());
        dir.Write("template.yaml", Template);
        dir.Write("event.json", Event);

        var ok = Cli.Run(dir.Path, "events", "send", "sensor.yaml", "-d", "order", "--data", "event.json", "--run", "--with", "template.yaml", "--mock", "main={\"phase\":\"Succeeded\"}", "--run-dir", "runs-ok");
        var failed = Cli.Run(dir.Path, "events", "send", "sensor.yaml", "-d", "order", "--data", "event.json", "--run", "--with", "template.yaml", "--mock", "main=phase=Failed", "--run-dir", "runs-failed");

        Assert.True(ok.ExitCode == 0, ok.ToString());
        Assert.Contains("trigger 'process': running the Workflow", ok.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("dlqTrigger", ok.Stderr, StringComparison.Ordinal);
        Assert.True(failed.ExitCode == 1, failed.ToString());
        Assert.Contains("the Workflow failed", failed.Stderr, StringComparison.Ordinal);
        Assert.Contains("dlqTrigger 'dead-letter': would send to Kafka topic 'orders-dlq'", failed.Stderr, StringComparison.Ordinal);
    }
}
