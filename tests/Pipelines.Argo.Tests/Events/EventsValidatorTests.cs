using System;
using System.Linq;
using Pipelines.Argo.Events.Validation;

namespace Pipelines.Argo.Tests.Events;

/// <summary>Each rule of the guide's section 9 that the validator implements: a manifest that breaks it, and the clean form.</summary>
public sealed class EventsValidatorTests
{
    private const string CleanSensor = """
        apiVersion: argoproj.io/v1alpha1
        kind: Sensor
        metadata:
          name: orders
        spec:
          dependencies:
          - name: order
            eventSourceName: kafka
            eventName: orders
            filters:
              data:
              - path: body.type
                type: string
                value: ["^created$"]
              - path: body.amount
                type: number
                comparator: ">="
                value: ["100"]
              exprs:
              - expr: amount >= 100 && type == "created"
                fields:
                - name: amount
                  path: body.amount
                - name: type
                  path: body.type
              time:
                start: "08:00:00"
                stop: "18:00:00"
                timezone: Europe/Berlin
          triggers:
          - template:
              name: process
              conditions: order
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
                parameters:
                - src:
                    dependencyName: order
                    dataKey: body.orderId
                  dest: spec.arguments.parameters.0.value
            atLeastOnce: true
            retryStrategy:
              steps: 3
              duration: 2s
              factor: 2
              jitter: 0.2
            rateLimit:
              unit: Second
              requestsPerUnit: 5
            dlqTrigger:
              atLeastOnce: true
              template:
                name: dead-letter
                log: {}
    """;

    [Fact]
    public void A_sensor_that_follows_every_rule_has_no_findings()
    {
        var file = Read(CleanSensor);
        Assert.Empty(file.AllFindings);
    }

    [Theory]
    [InlineData("      - name: order\n", "      - name: \"\"\n", "PIPE5302", "spec.dependencies[0].name", "PIPE5425")]
    [InlineData("        eventName: orders\n", "", "PIPE5302", "spec.dependencies[0].eventName")]
    [InlineData("        filters:\n", "        filtersLogicalOperator: AND\n        filters:\n", "PIPE5303", "spec.dependencies[0].filtersLogicalOperator")]
    [InlineData("            comparator: \">=\"\n", "            comparator: \"=>\"\n", "PIPE5304", "spec.dependencies[0].filters.data[1].comparator")]
    [InlineData("            type: number\n", "            type: integer\n", "PIPE5308", "spec.dependencies[0].filters.data[1].type")]
    [InlineData("value: [\"100\"]", "value: [\"a hundred\"]", "PIPE5308", "spec.dependencies[0].filters.data[1].value[0]")]
    [InlineData("value: [\"^created$\"]", "value: [\"(created\"]", "PIPE5308", "spec.dependencies[0].filters.data[0].value[0]")]
    [InlineData("value: [\"^created$\"]", "value: [\"\"]", "PIPE5304", "spec.dependencies[0].filters.data[0].value[0]")]
    [InlineData("type == \"created\"", "kind == \"created\"", "PIPE5308", "spec.dependencies[0].filters.exprs[0].expr")]
    [InlineData("            - name: type\n              path: body.type\n", "            - name: type\n", "PIPE5305", "spec.dependencies[0].filters.exprs[0].fields[1].path")]
    [InlineData("            stop: \"18:00:00\"\n", "            stop: \"08:00:00\"\n", "PIPE5307", "spec.dependencies[0].filters.time.stop")]
    [InlineData("            stop: \"18:00:00\"\n", "            stop: \"6pm\"\n", "PIPE5307", "spec.dependencies[0].filters.time.stop")]
    [InlineData("Europe/Berlin", "Mars/Olympus", "PIPE5307", "spec.dependencies[0].filters.time.timezone")]
    [InlineData("          conditions: order\n", "          conditions: order && payment\n", "PIPE5425", "spec.triggers[0].template.conditions")]
    [InlineData("          conditions: order\n", "          conditions: order &&\n", "PIPE5425", "spec.triggers[0].template.conditions")]
    [InlineData("            operation: submit\n", "", "PIPE5405", "spec.triggers[0].template.argoWorkflow.operation")]
    [InlineData("            operation: submit\n", "            operation: create\n", "PIPE5405", "spec.triggers[0].template.argoWorkflow.operation")]
    [InlineData("                  generateName: process-order-\n", "                  labels: {a: b}\n", "PIPE5426", "spec.triggers[0].template.argoWorkflow.source.resource.metadata")]
    [InlineData("              dest: spec.arguments.parameters.0.value\n", "              dest: spec.arguments.parameters.2.value\n", "PIPE5424", "spec.triggers[0].template.argoWorkflow.parameters[0].dest")]
    [InlineData("              dest: spec.arguments.parameters.0.value\n", "              dest: \"\"\n", "PIPE5411", "spec.triggers[0].template.argoWorkflow.parameters[0].dest")]
    [InlineData("              dest: spec.arguments.parameters.0.value\n", "              dest: spec.arguments.parameters.0.value\n              operation: replace\n", "PIPE5411", "spec.triggers[0].template.argoWorkflow.parameters[0].operation")]
    [InlineData("                dependencyName: order\n", "                dependencyName: payment\n", "PIPE5428", "spec.triggers[0].template.argoWorkflow.parameters[0].src.dependencyName")]
    [InlineData("        atLeastOnce: true\n        retryStrategy:", "        retryStrategy:", "PIPE5409", "spec.triggers[0].atLeastOnce", "PIPE5420")]
    [InlineData("          atLeastOnce: true\n          template:\n            name: dead-letter", "          template:\n            name: dead-letter", "PIPE5409", "spec.triggers[0].dlqTrigger.atLeastOnce")]
    [InlineData("          steps: 3\n", "          steps: 0\n", "PIPE5422", "spec.triggers[0].retryStrategy.steps")]
    [InlineData("          duration: 2s\n", "          duration: 2\n", "PIPE5422", "spec.triggers[0].retryStrategy.duration")]
    [InlineData("          requestsPerUnit: 5\n", "          requestsPerUnit: 0\n", "PIPE5423", "spec.triggers[0].rateLimit.requestsPerUnit")]
    [InlineData("          unit: Second\n", "          unit: Day\n", "PIPE5423", "spec.triggers[0].rateLimit.unit")]
    [InlineData("            log: {}", "            log: {}\n          dlqTrigger:\n            atLeastOnce: true\n            template:\n              name: dlq2\n              log: {}", "PIPE5421", "spec.triggers[0].dlqTrigger.dlqTrigger")]
    [InlineData("            log: {}", "", "PIPE5427", "spec.triggers[0].dlqTrigger.template")]
    [InlineData("          name: process\n", "          name: \"\"\n", "PIPE5402", "spec.triggers[0].template.name")]
    public void A_broken_rule_gives_its_code_at_its_path(string find, string replace, string code, string path, string also = "")
    {
        Assert.Contains(find, CleanSensor, StringComparison.Ordinal);
        var file = Read(CleanSensor.Replace(find, replace, StringComparison.Ordinal));

        var finding = Assert.Single(file.AllFindings, f => f.Code == code);
        Assert.Equal(path, finding.Path);
        Assert.True(finding.Line > 0, "the finding has a line");
        var others = file.AllFindings.Where(f => f.Code != code).Select(f => f.Code).OrderBy(c => c, StringComparer.Ordinal).ToArray();
        Assert.Equal(also.Split(',', StringSplitOptions.RemoveEmptyEntries), others);
    }

    [Fact]
    public void Retries_without_atLeastOnce_warn_and_no_triggers_or_dependencies_are_errors()
    {
        var retries = Read(CleanSensor.Replace("        atLeastOnce: true\n        retryStrategy:", "        retryStrategy:", StringComparison.Ordinal)
            .Replace("        dlqTrigger:\n          atLeastOnce: true\n          template:\n            name: dead-letter\n            log: {}", string.Empty, StringComparison.Ordinal));
        var f = Assert.Single(retries.AllFindings);
        Assert.Equal(("PIPE5420", Severity.Warning, "spec.triggers[0].retryStrategy"), (f.Code, f.Severity, f.Path));

        var empty = Read("apiVersion: argoproj.io/v1alpha1\nkind: Sensor\nmetadata:\n  name: s\nspec:\n  dependencies: []\n  triggers: []\n");
        Assert.Equal(new[] { "PIPE5301", "PIPE5401" }, empty.AllFindings.Select(x => x.Code).OrderBy(c => c, StringComparer.Ordinal).ToArray());
        Assert.All(empty.AllFindings, x => Assert.Equal(Severity.Error, x.Severity));
    }

    [Theory]
    [InlineData("      partition: \"1\"\n", "", "PIPE5211", Severity.Error)]
    [InlineData("      topic: orders\n", "", "PIPE5211", Severity.Error)]
    [InlineData("      partition: \"1\"\n", "      partition: one\n", "PIPE5215", Severity.Warning)]
    [InlineData("      version: 2.5.0\n", "      version: latest\n", "PIPE5215", Severity.Warning)]
    [InlineData("      partition: \"1\"\n", "      partition: \"1\"\n      tls:\n        insecureSkipVerify: false\n", "PIPE5212", Severity.Error)]
    [InlineData("      partition: \"1\"\n", "      partition: \"1\"\n      tls:\n        clientCertSecret: {name: c, key: k}\n", "PIPE5212", Severity.Error)]
    [InlineData("      partition: \"1\"\n", "      partition: \"1\"\n      sasl:\n        mechanism: PLAIN\n        userSecret: {name: u, key: k}\n", "PIPE5213", Severity.Error)]
    [InlineData("      partition: \"1\"\n", "      partition: \"1\"\n      sasl:\n        mechanism: plain\n        userSecret: {name: u, key: k}\n        passwordSecret: {name: p, key: k}\n", "PIPE5213", Severity.Error)]
    [InlineData("      partition: \"1\"\n", "      partition: \"1\"\n      tls:\n        enabled: true\n      sasl:\n        mechanism: PLAIN\n", "PIPE5214", Severity.Warning)]
    [InlineData("      partition: \"1\"\n", "      partition: \"1\"\n      awsMskIamAuth: {}\n", "PIPE5211", Severity.Error)]
    [InlineData("      partition: \"1\"\n", "      partition: \"1\"\n      awsMskIamAuth:\n        region: eu-west-1\n      tls:\n        enabled: true\n", "PIPE5214", Severity.Warning)]
    [InlineData("  kafka:\n", "  webhook:\n    hook:\n      endpoint: /x\n      method: POST\n      port: \"12000\"\n      url: http://hooks.example.com\n  kafka:\n", "PIPE5202", Severity.Error)]
    [InlineData("  kafka:\n", "  calendar:\n    orders:\n      interval: 10s\n  kafka:\n", "PIPE5201", Severity.Error)]
    [InlineData("  kafka:\n", "  calendar:\n    tick:\n      interval: ten seconds\n  kafka:\n", "PIPE5216", Severity.Error)]
    public void Kafka_event_source_rules(string find, string replace, string code, Severity severity)
    {
        const string Clean = "apiVersion: argoproj.io/v1alpha1\nkind: EventSource\nmetadata:\n  name: kafka\nspec:\n  kafka:\n    orders:\n      url: kafka:9092\n      topic: orders\n      partition: \"1\"\n      version: 2.5.0\n";
        Assert.Empty(Read(Clean).AllFindings);
        Assert.Contains(find, Clean, StringComparison.Ordinal);

        var file = Read(Clean.Replace(find, replace, StringComparison.Ordinal));

        var f = Assert.Single(file.AllFindings);
        Assert.Equal((code, severity), (f.Code, f.Severity));
    }

    [Theory]
    [InlineData("spec: {}\n", "PIPE5101")]
    [InlineData("spec:\n  jetstream:\n    replicas: 3\n", "PIPE5103")]
    [InlineData("spec:\n  jetstream:\n    version: 2.10.29\n    replicas: 2\n", "PIPE5103")]
    [InlineData("spec:\n  jetstream:\n    version: 9.9.9\n", "PIPE5105")]
    [InlineData("spec:\n  kafka: {}\n", "PIPE5104")]
    [InlineData("spec:\n  nats:\n    exotic:\n      url: nats://x\n", "PIPE5102")]
    [InlineData("spec:\n  jetstream:\n    version: 2.10.29\n  kafka:\n    url: k:9092\n", "PIPE5106")]
    public void EventBus_rules(string spec, string code)
    {
        Assert.Empty(Read("apiVersion: argoproj.io/v1alpha1\nkind: EventBus\nmetadata:\n  name: default\nspec:\n  jetstream:\n    version: 2.10.29\n").AllFindings);

        var file = Read("apiVersion: argoproj.io/v1alpha1\nkind: EventBus\nmetadata:\n  name: default\n" + spec);

        Assert.Equal(code, Assert.Single(file.AllFindings).Code);
    }

    [Fact]
    public void A_dependency_on_an_event_the_checked_event_source_lacks_is_reported()
    {
        var source = "apiVersion: argoproj.io/v1alpha1\nkind: EventSource\nmetadata:\n  name: kafka\nspec:\n  kafka:\n    payments:\n      url: kafka:9092\n      topic: payments\n      partition: \"0\"\n---\n";
        var file = Read(source + CleanSensor);

        var f = Assert.Single(file.AllFindings);
        Assert.Equal(("PIPE5310", "spec.dependencies[0].eventName"), (f.Code, f.Path));
        Assert.Contains("payments", f.Message, StringComparison.Ordinal);

        Assert.Empty(Read(source.Replace("payments:", "orders:", StringComparison.Ordinal) + CleanSensor).AllFindings);
    }

    private static ManifestFile Read(string text)
    {
        var file = ArgoYaml.ReadText(text, "test.yaml");
        EventsValidator.Validate([file]);
        return file;
    }
}
