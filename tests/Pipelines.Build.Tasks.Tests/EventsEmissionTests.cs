using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using k8s;
using k8s.Models;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Newtonsoft.Json.Linq;
using Pipelines.Argo;
using Pipelines.Argo.Yaml;

namespace Pipelines.Build.Tasks.Tests;

/// <summary>
/// The Argo Events files beside the manifests, from a C# trigger run through the real source generator: EventSource,
/// Sensor, ServiceAccounts with exactly the rules of ARGO-EVENTS 7, the opt-in EventBus; all in the kustomization, in
/// file-name order, valid against Argo Events' schema made strict and against KubernetesClient's RBAC models, and
/// rendered by kubectl kustomize.
/// </summary>
public sealed class EventsEmissionTests : IDisposable
{
    internal const string Orders = """
        using Pipelines;

        [assembly: EventBus(Version = "2.10.29")]

        namespace Shop;

        public sealed record OrderPlaced(string OrderId, decimal Amount);

        [WorkflowTemplate("process-order")]
        [KafkaTrigger("orders", Brokers = "b-1.msk.example:9098,b-2.msk.example:9098", ConsumerGroup = "process-order", Message = typeof(OrderPlaced), AwsMskIamRegion = "eu-west-1", EventSource = "orders")]
        [MessageFilter("body.amount", "0", Type = MessageFilterType.Number, Comparator = ">")]
        [AtLeastOnce]
        [TriggerRetry(Steps = 5, Duration = "2s")]
        [DeadLetterTemplate("process-order", Entrypoint = "dead-letter")]
        [EventsIdentity(EventsComponent.EventSource, AwsRoleArn = "arn:aws:iam::123456789012:role/orders-reader")]
        [EventsIdentity(EventsComponent.Workflow, AwsRoleArn = "arn:aws:iam::123456789012:role/process-order")]
        public partial class ProcessOrder
        {
            [Container("busybox:1.37", Command = new[] { "echo", "{{inputs.parameters.orderId}}" })]
            public static partial Node Echo(string orderId);

            [Container("busybox:1.37", Command = new[] { "echo", "{{inputs.parameters.message}}" })]
            public static partial Node DeadLetter(string message);

            [Dag, Entrypoint]
            public static void Run([FromMessage("body.orderId")] string orderId, [FromMessage("key")] string customer, [FromEvent] string message)
            {
                Echo(orderId);
            }
        }

        [WorkflowTemplate("audit-order")]
        [KafkaTrigger("orders-audit", Brokers = "b-1.msk.example:9098,b-2.msk.example:9098", ConsumerGroup = "audit-order", AwsMskIamRegion = "eu-west-1", EventSource = "orders")]
        [EventsIdentity(EventsComponent.EventSource, AwsRoleArn = "arn:aws:iam::123456789012:role/orders-reader")]
        public partial class AuditOrder
        {
            [Container("busybox:1.37", Command = new[] { "echo", "{{inputs.parameters.key}}" }), Entrypoint]
            public static partial Node Audit([FromMessage("key")] string key);
        }
        """;

    /// <summary>The other forms: a Kafka dead-letter topic with SASL references, a policy and a rate limit; a webhook; a calendar.</summary>
    internal const string Forms = """
        using Pipelines;

        namespace Shop;

        [WorkflowTemplate("settle")]
        [KafkaTrigger("payments", Brokers = "kafka-0.kafka:9093", ConsumerGroup = "settle", Tls = true,
            SaslMechanism = KafkaSaslMechanism.ScramSha512, SaslUserSecret = "kafka-user:user", SaslPasswordSecret = "kafka-user:password")]
        [AtLeastOnce]
        [TriggerRetry(Steps = 3)]
        [TriggerRateLimit(20, Unit = RateLimitUnit.Minute)]
        [TriggerPolicy(Steps = 4, Duration = "10s")]
        [DeadLetterTopic("payments-dlq", Tls = true, SaslMechanism = KafkaSaslMechanism.ScramSha512, SaslUserSecret = "kafka-user:user", SaslPasswordSecret = "kafka-user:password")]
        public partial class Settle
        {
            [Container("busybox:1.37", Command = new[] { "echo", "{{inputs.parameters.id}}" }), Entrypoint]
            public static partial Node Main([FromMessage("body.id")] string id);
        }

        [WorkflowTemplate("on-push")]
        [WebhookTrigger("/push", Port = 12000)]
        [MessageFilter("header.X-Event", "^push$")]
        public partial class OnPush
        {
            [Container("busybox:1.37", Command = new[] { "echo", "{{inputs.parameters.repo}}" }), Entrypoint]
            public static partial Node Main([FromMessage("body.repository")] string repo);
        }

        [WorkflowTemplate("hourly")]
        [CalendarTrigger("0 * * * *", Timezone = "Europe/Paris")]
        public partial class Hourly
        {
            [Container("busybox:1.37", Command = new[] { "echo", "{{inputs.parameters.at}}" }), Entrypoint]
            public static partial Node Main([FromMessage("eventTime")] string at);
        }
        """;

    private readonly TaskWorkspace _ws = new();

    public void Dispose() => _ws.Dispose();

    private string File(string name) => System.IO.File.ReadAllText(Path.Combine(_ws.ManifestsDirectory, name));

    [Fact]
    public void Every_component_gets_its_file_and_all_are_in_the_kustomization_in_order()
    {
        _ws.Run(Generate(Orders), configure: t => t.Kustomization = true).Clean();
        string[] expected =
        [
            "eventbus-default.yaml",
            "eventsource-orders.yaml",
            "kustomization.yaml",
            "role-audit-order.yaml",
            "role-audit-order-sensor.yaml",
            "role-process-order.yaml",
            "role-process-order-sensor.yaml",
            "rolebinding-audit-order.yaml",
            "rolebinding-audit-order-sensor.yaml",
            "rolebinding-process-order.yaml",
            "rolebinding-process-order-sensor.yaml",
            "sensor-audit-order.yaml",
            "sensor-process-order.yaml",
            "serviceaccount-audit-order.yaml",
            "serviceaccount-audit-order-sensor.yaml",
            "serviceaccount-orders-eventsource.yaml",
            "serviceaccount-process-order.yaml",
            "serviceaccount-process-order-sensor.yaml",
            "workflowtemplate-audit-order.yaml",
            "workflowtemplate-process-order.yaml",
        ];
        Assert.Equal(expected.OrderBy(n => n, StringComparer.Ordinal), _ws.ManifestNames());
        var resources = File("kustomization.yaml").Split('\n').Where(l => l.StartsWith("- ", StringComparison.Ordinal)).Select(l => l.Substring(2)).ToList();
        Assert.Equal(expected.Where(n => n != "kustomization.yaml").OrderBy(n => n, StringComparer.Ordinal), resources);
    }

    [Fact]
    public void Two_templates_share_one_EventSource_with_an_entry_each()
    {
        _ws.Run(Generate(Orders)).Clean();
        var source = File("eventsource-orders.yaml");
        Assert.Contains("  template:\n    serviceAccountName: orders-eventsource\n", source, StringComparison.Ordinal);
        Assert.Contains("  kafka:\n    orders:\n", source, StringComparison.Ordinal);
        Assert.Contains("    orders-audit:\n", source, StringComparison.Ordinal);
        Assert.Contains("      awsMskIamAuth:\n        region: eu-west-1\n", source, StringComparison.Ordinal);
        Assert.Contains("      consumerGroup:\n        groupName: process-order\n", source, StringComparison.Ordinal);
        Assert.DoesNotContain("eventBusName", source, StringComparison.Ordinal);
    }

    [Fact]
    public void The_Sensor_submits_the_template_with_the_mapped_arguments_retries_and_dead_letters()
    {
        _ws.Run(Generate(Orders)).Clean();
        var sensor = File("sensor-process-order.yaml");
        Assert.Contains("    serviceAccountName: process-order-sensor\n", sensor, StringComparison.Ordinal);
        Assert.Contains("  - name: orders\n    eventSourceName: orders\n    eventName: orders\n", sensor, StringComparison.Ordinal);
        Assert.Contains("      - path: body.amount\n        type: number\n        value:\n        - \"0\"\n        comparator: '>'\n", sensor, StringComparison.Ordinal);
        Assert.Contains("workflowTemplateRef:\n                name: process-order\n", sensor, StringComparison.Ordinal);
        Assert.Contains("              generateName: process-order-\n", sensor, StringComparison.Ordinal);

        // dest indices follow the thin Workflow's argument order (RT-06); the whole event has no key.
        Assert.Contains("        - src:\n            dependencyName: orders\n            dataKey: body.orderId\n          dest: spec.arguments.parameters.0.value\n", sensor, StringComparison.Ordinal);
        Assert.Contains("            dataKey: key\n          dest: spec.arguments.parameters.1.value\n", sensor, StringComparison.Ordinal);
        Assert.Contains("        - src:\n            dependencyName: orders\n          dest: spec.arguments.parameters.2.value\n", sensor, StringComparison.Ordinal);

        // Trigger-level keys, never under template (ARGO-EVENTS 3.1).
        Assert.Contains("\n    retryStrategy:\n      duration: 2s\n      factor: 2\n      jitter: 0.2\n      steps: 5\n", sensor, StringComparison.Ordinal);
        Assert.Contains("\n    atLeastOnce: true\n    dlqTrigger:\n", sensor, StringComparison.Ordinal);
        Assert.Contains("entrypoint: dead-letter", sensor, StringComparison.Ordinal);
        Assert.Contains("generateName: process-order-dead-letter-", sensor, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_account_has_exactly_the_rules_of_its_component()
    {
        _ws.Run(Generate(Orders)).Clean();
        Assert.Equal(
            "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: process-order-sensor\nrules:\n- verbs:\n  - create\n  - get\n  - list\n  apiGroups:\n  - argoproj.io\n  resources:\n  - workflows\n- verbs:\n  - get\n  - list\n  apiGroups:\n  - argoproj.io\n  resources:\n  - workflowtemplates\n",
            File("role-process-order-sensor.yaml"));
        Assert.Equal(
            "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: process-order\nrules:\n- verbs:\n  - create\n  - patch\n  apiGroups:\n  - argoproj.io\n  resources:\n  - workflowtaskresults\n",
            File("role-process-order.yaml"));
        Assert.Contains("  annotations:\n    eks.amazonaws.com/role-arn: arn:aws:iam::123456789012:role/process-order\n", File("serviceaccount-process-order.yaml"), StringComparison.Ordinal);
        Assert.Contains("  annotations:\n    eks.amazonaws.com/role-arn: arn:aws:iam::123456789012:role/orders-reader\n", File("serviceaccount-orders-eventsource.yaml"), StringComparison.Ordinal);

        // The EventSource reads Kafka with IAM: no Kubernetes rules at all.
        Assert.DoesNotContain("role-orders-eventsource.yaml", _ws.ManifestNames());
        Assert.Contains("  name: process-order-sensor\nsubjects:\n- kind: ServiceAccount\n  name: process-order-sensor\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: Role\n  name: process-order-sensor\n", File("rolebinding-process-order-sensor.yaml"), StringComparison.Ordinal);

        // The template's pods run as that account.
        Assert.Contains("  serviceAccountName: process-order\n", File("workflowtemplate-process-order.yaml"), StringComparison.Ordinal);
    }

    [EventsCorpusFact]
    public void EventSources_Sensors_and_the_EventBus_are_valid_against_the_strict_events_schema()
    {
        EventsCorpus.Require();
        _ws.Run(Generate(Orders)).Clean();
        var checkedKinds = new List<string>();
        foreach (var name in _ws.ManifestNames())
        {
            var kind = name.Split('-')[0] switch
            {
                "eventsource" => "EventSource",
                "sensor" => "Sensor",
                "eventbus" => "EventBus",
                _ => null,
            };
            if (kind is null)
            {
                continue;
            }

            checkedKinds.Add(kind);
            Assert.Empty(EventsSchema.Validate(ToJson(Root(File(name))).ToString(), kind).Select(e => name + ": " + e));
        }

        Assert.Equal(["EventBus", "EventSource", "Sensor"], checkedKinds.Distinct().OrderBy(k => k, StringComparer.Ordinal));
    }

    [EventsCorpusFact]
    public void Dead_letter_topics_policies_rate_limits_webhooks_and_calendars_are_valid_too()
    {
        EventsCorpus.Require();
        _ws.Run(Generate(Forms), configure: t => t.Kustomization = true).Clean();
        foreach (var name in _ws.ManifestNames().Where(n => n.StartsWith("eventsource-", StringComparison.Ordinal) || n.StartsWith("sensor-", StringComparison.Ordinal)))
        {
            var kind = name.StartsWith("sensor-", StringComparison.Ordinal) ? "Sensor" : "EventSource";
            var errors = EventsSchema.Validate(ToJson(Root(File(name))).ToString(), kind);
            Assert.True(errors.Count == 0, name + ": " + string.Join(" | ", errors) + "\n" + File(name));
        }

        var settle = File("sensor-settle.yaml");
        Assert.Contains("    dlqTrigger:\n      template:\n        name: settle-dead-letter\n        kafka:\n", settle, StringComparison.Ordinal);
        Assert.Contains("topic: payments-dlq", settle, StringComparison.Ordinal);
        Assert.Contains("dest: kafka.partitioningKey", settle, StringComparison.Ordinal);
        Assert.Contains("        mechanism: SCRAM-SHA-512\n", settle, StringComparison.Ordinal);
        Assert.Contains("    rateLimit:\n      unit: Minute\n      requestsPerUnit: 20\n", settle, StringComparison.Ordinal);
        Assert.Contains("workflows.argoproj.io/phase: Succeeded", settle, StringComparison.Ordinal);
        Assert.Contains("  service:\n    ports:\n    - port: 12000\n      targetPort: 12000\n", File("eventsource-on-push-webhook.yaml"), StringComparison.Ordinal);
        Assert.Contains("      port: \"12000\"\n      url: \"\"\n", File("eventsource-on-push-webhook.yaml"), StringComparison.Ordinal);
        Assert.Contains("    schedule:\n      schedule: 0 * * * *\n      timezone: Europe/Paris\n", File("eventsource-hourly-calendar.yaml"), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_RBAC_object_reads_strictly_as_its_KubernetesClient_model()
    {
        _ws.Run(Generate(Orders)).Clean();
        var strict = new JsonSerializerOptions
        {
            PropertyNameCaseInsensitive = false,
            UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
        };
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var name in _ws.ManifestNames())
        {
            var json = ToJson(Root(File(name))).ToString();
            switch (name.Split('-')[0])
            {
                case "serviceaccount":
                    var account = JsonSerializer.Deserialize<V1ServiceAccount>(json, strict)!;
                    Assert.Equal("v1", account.ApiVersion);
                    Assert.Equal(name["serviceaccount-".Length..^".yaml".Length], account.Metadata.Name);
                    break;
                case "role":
                    var role = JsonSerializer.Deserialize<V1Role>(json, strict)!;
                    Assert.Equal("rbac.authorization.k8s.io/v1", role.ApiVersion);
                    Assert.All(role.Rules, r => Assert.Equal(["argoproj.io"], r.ApiGroups));
                    break;
                case "rolebinding":
                    var binding = JsonSerializer.Deserialize<V1RoleBinding>(json, strict)!;
                    Assert.Equal(binding.Metadata.Name, binding.RoleRef.Name);
                    Assert.Equal("ServiceAccount", Assert.Single(binding.Subjects).Kind);
                    break;
                default:
                    continue;
            }

            counts[name.Split('-')[0]] = counts.GetValueOrDefault(name.Split('-')[0]) + 1;
        }

        Assert.Equal(5, counts["serviceaccount"]);
        Assert.Equal(4, counts["role"]);
        Assert.Equal(4, counts["rolebinding"]);

        // The strict reading does fail on a field the model does not have.
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<V1Role>("""{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"Role","metadata":{"name":"x"},"rule":[]}""", strict));
    }

    [ToolFact("kubectl", "kubernetes-client")]
    public void Kubectl_kustomize_renders_the_output_folder()
    {
        _ws.Run(Generate(Orders), configure: t => t.Kustomization = true).Clean();
        var (exit, output) = Tools.Run("kubectl", "kubernetes-client", _ws.ManifestsDirectory, "kustomize", ".");
        Assert.True(exit == 0, output);
        foreach (var kind in new[] { "EventBus", "EventSource", "Sensor", "ServiceAccount", "Role", "RoleBinding", "WorkflowTemplate" })
        {
            Assert.Contains("kind: " + kind + "\n", output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Verify_mode_finds_a_changed_Sensor()
    {
        var assembly = Generate(Orders);
        _ws.Run(assembly).Clean();
        _ws.Run(assembly, configure: t => t.Verify = true).Clean();
        System.IO.File.AppendAllText(Path.Combine(_ws.ManifestsDirectory, "sensor-process-order.yaml"), "# edited\n");
        var run = _ws.Run(assembly, configure: t => t.Verify = true);
        Assert.False(run.Result);
        Assert.Contains(run.Engine.Errors, e => e.Code == "PIPE2011" && e.Message!.Contains("sensor-process-order.yaml", StringComparison.Ordinal));
    }

    [Fact]
    public void The_output_is_the_same_on_every_build()
    {
        _ws.Run(Generate(Orders)).Clean();
        var first = _ws.ManifestNames().ToDictionary(n => n, File);
        _ws.Run(Generate(Orders)).Clean();
        Assert.Equal(first, _ws.ManifestNames().ToDictionary(n => n, File));
    }

    [Fact]
    public void One_EventSource_with_two_source_types_is_a_conflict()
    {
        var source = Orders.Replace(
            "[KafkaTrigger(\"orders-audit\", Brokers = \"b-1.msk.example:9098,b-2.msk.example:9098\", ConsumerGroup = \"audit-order\", AwsMskIamRegion = \"eu-west-1\", EventSource = \"orders\")]",
            "[WebhookTrigger(\"/audit\", EventSource = \"orders\")]",
            StringComparison.Ordinal);
        var run = _ws.Run(Generate(source));
        Assert.False(run.Result);
        var error = Assert.Single(run.Engine.Errors);
        Assert.Equal("PIPE2101", error.Code);
        Assert.Contains("already holds a webhook event", error.Message!, StringComparison.Ordinal);
        Assert.EndsWith("Workflow.cs", error.File!, StringComparison.Ordinal);
    }

    [Fact]
    public void One_account_with_two_identities_is_a_conflict()
    {
        var source = Orders.Replace("role/orders-reader\")]\npublic partial class AuditOrder", "role/audit-reader\")]\npublic partial class AuditOrder", StringComparison.Ordinal);
        Assert.NotEqual(Orders, source);
        var run = _ws.Run(Generate(source));
        Assert.Contains(run.Engine.Errors, e => e.Code == "PIPE2101" && e.Message!.Contains("ServiceAccount 'orders-eventsource'", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Version = \"latest\"")]
    [InlineData("Version = \"2.10.29\", Replicas = 2")]
    public void An_unusable_EventBus_is_an_error(string settings)
    {
        var run = _ws.Run(Generate(Orders.Replace("Version = \"2.10.29\"", settings, StringComparison.Ordinal)));
        Assert.Contains(run.Engine.Errors, e => e.Code == "PIPE2102");
    }

    [Fact]
    public void A_dead_letter_template_nobody_builds_is_a_warning()
    {
        var run = _ws.Run(Generate(Orders.Replace("[DeadLetterTemplate(\"process-order\", Entrypoint = \"dead-letter\")]", "[DeadLetterTemplate(\"order-graveyard\")]", StringComparison.Ordinal)));
        Assert.True(run.Result, run.Log);
        var warning = Assert.Single(run.Engine.Warnings);
        Assert.Equal("PIPE2103", warning.Code);
    }

    [Fact]
    public void A_hand_written_description_that_is_not_json_is_a_located_error()
    {
        var assembly = _ws.Compile(
            TaskWorkspace.Attribute("Demo.Library", Manifests.Library, TaskWorkspace.Map("Library.cs")),
            $"[assembly: global::Pipelines.PipelineEvents({TaskWorkspace.Literal("Demo.Library")}, {TaskWorkspace.Literal("{not json")})]\n");
        var run = _ws.Run(assembly);
        Assert.False(run.Result);
        var error = Assert.Single(run.Engine.Errors);
        Assert.Equal("PIPE2100", error.Code);
        Assert.EndsWith("Library.cs", error.File!, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_triggers_nothing_of_events_is_written()
    {
        _ws.Run(_ws.Compile(TaskWorkspace.Attribute("Demo.Hello", Manifests.Hello, TaskWorkspace.Map("Hello.cs")))).Clean();
        Assert.Equal(["workflow-hello.yaml"], _ws.ManifestNames());
    }

    private string Generate(string source) => Generate(_ws, source);

    /// <summary>Runs the Pipelines source generator over the C# and compiles the result into a dll in the workspace.</summary>
    internal static string Generate(TaskWorkspace ws, string source)
    {
        var tpa = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var references = tpa.Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "netstandard.dll" or "mscorlib.dll")
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .Append(MetadataReference.CreateFromFile(TaskWorkspace.AbstractionsPath))
            .Append(MetadataReference.CreateFromFile(typeof(ArgoYaml).Assembly.Location))
            .ToList();
        var parse = new CSharpParseOptions(LanguageVersion.CSharp13);
        var compilation = CSharpCompilation.Create(
            "Shop",
            [CSharpSyntaxTree.ParseText(source, parse, path: Path.Combine(ws.ProjectDirectory, "Workflow.cs"))],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, deterministic: true));
        var driver = CSharpGeneratorDriver.Create([new Pipelines.Generator.PipelinesGenerator().AsSourceGenerator()], parseOptions: parse);
        driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        Assert.Empty(diagnostics);
        var path = Path.Combine(ws.ProjectDirectory, "obj", "Shop" + Guid.NewGuid().ToString("N") + ".dll");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (var stream = System.IO.File.Create(path))
        {
            var result = output.Emit(stream);
            Assert.True(result.Success, string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        }

        return path;
    }

    internal static YamlValue Root(string yaml)
    {
        var findings = new List<Finding>();
        var docs = YamlDocumentReader.Parse(yaml, findings);
        Assert.Empty(findings);
        return Assert.Single(docs).Root;
    }

    /// <summary>YAML to JSON the way Kubernetes reads it: each scalar becomes the JSON type it resolves to.</summary>
    private static JToken ToJson(YamlValue value) => value switch
    {
        YamlMapping m => new JObject(m.Entries.Select(e => new JProperty(e.Key.Value, ToJson(e.Value)))),
        YamlSequence s => new JArray(s.Items.Select(ToJson)),
        YamlScalar { Type: YamlScalarType.Int } i => new JValue(long.Parse(i.Value, CultureInfo.InvariantCulture)),
        YamlScalar { Type: YamlScalarType.Float } f => new JValue(double.Parse(f.Value, CultureInfo.InvariantCulture)),
        YamlScalar { Type: YamlScalarType.Bool } b => new JValue(b.Value is "true" or "True" or "TRUE"),
        YamlScalar { Type: YamlScalarType.Null } => JValue.CreateNull(),
        YamlScalar s => new JValue(s.Value),
        _ => JValue.CreateNull(),
    };
}
