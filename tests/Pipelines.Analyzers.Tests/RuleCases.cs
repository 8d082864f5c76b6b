using System.Collections.Generic;
using System.Linq;

namespace Pipelines.Analyzers.Tests;

/// <summary>One rule's test: a source that triggers it (and the text the diagnostic must sit on), and a fixed source.</summary>
public sealed record RuleCase(string Id, string Bad, string? At, string Good, string? MessageContains = null, Dictionary<string, string>? Properties = null, bool Executable = false)
{
    public override string ToString() => Id;
}

/// <summary>A triggering and a clean source for every diagnostic ID.</summary>
public static class RuleCases
{
    public const string Echo = """
            [Container("busybox", Command = ["echo", "{{inputs.parameters.message}}"])]
            public static Node Echo(string message) => Node.NoOutputs;
        """;

    /// <summary>A Workflow class with the Echo template and the given members.</summary>
    public static string Workflow(string members, string attributes = "[Workflow(GenerateName = \"t-\")]", string name = "P") => $$"""
        using System.Collections.Generic;
        using Pipelines;
        using Pipelines.Argo.Model;

        namespace T;

        {{attributes}}
        public partial class {{name}}
        {
        {{Echo}}

        {{members}}
        }
        """;

    /// <summary>What the step generator adds to an executable: an async entry point (a template <c>void Main()</c> would win over it, CS8892).</summary>
    public const string GeneratedEntryPoint = """

        internal static class PipelinesEntryPoint
        {
            public static System.Threading.Tasks.Task<int> Main(string[] args) => System.Threading.Tasks.Task.FromResult(0);
        }
        """;

    /// <summary>A Workflow whose entrypoint is a DAG with the given body.</summary>
    public static string Dag(string body, string more = "") => Workflow($$"""
            [Dag, Entrypoint]
            public static void Main()
            {
                {{body}}
            }

        {{more}}
        """);

    /// <summary>A Workflow whose entrypoint is a steps template with the given body.</summary>
    public static string Steps(string body, string more = "") => Workflow($$"""
            [Steps, Entrypoint]
            public static void Main()
            {
                {{body}}
            }

        {{more}}
        """);

    private const string Consume = """
            [InputArtifact("art", Path = "/art")]
            [Container("busybox", Command = ["cat", "/art"])]
            public static Node Consume() => Node.NoOutputs;
        """;

    private const string Outputs = """
        public sealed record Out
        {
            [OutputParameter(Path = "/tmp/out")]
            public string Value { get; init; } = "";
        }
        """;

    /// <summary>A steps body that loops over a list another step prints (withParam), with the templates it calls.</summary>
    public const string FanOut = """
        var list = Numbers();
                foreach (var item in Loop.Over<int>(list.Result))
                {
                    SleepFor(item);
                }
            }

            [Script("python:alpine3.23", Command = ["python"], Source = "print(list(range(1000)))")]
            public static Node Numbers() => Node.NoOutputs;

            [Container("busybox", Command = ["sleep", "{{inputs.parameters.seconds}}"])]
            public static Node SleepFor(int seconds) => Node.NoOutputs;

            private static void Unused()
            {
        """;

    /// <summary>Forty literal items, as a C# array expression.</summary>
    public static readonly string LargeItems = "new[] { " + string.Join(", ", Enumerable.Range(1, 40).Select(i => "\"" + i + "\"")) + " }";

    /// <summary>A DAG body that loops over <see cref="LargeItems"/>.</summary>
    public static readonly string LargeList = "foreach (var item in " + LargeItems + ")\n        {\n            Echo(item);\n        }";

    private const string PrivilegedSpec = """
            [Spec(nameof(Echo))]
            private static Template EchoPod => new() { Container = new() { SecurityContext = new() { Privileged = true } } };
        """;

    private const string HostPathSpec = """
            [Spec]
            private static WorkflowSpec Pod => new() { Volumes = [new() { Name = "docker", HostPath = new() { Path = "/var/run/docker.sock" } }] };
        """;

    public static IEnumerable<RuleCase> All()
    {
        // 40xx graph
        yield return new("PIPE4001",
            Dag("var first = Echo(\"1\").Named(\"x\");\n        var second = Echo(\"2\").After(first).Named(\"y\");\n        Echo(\"3\").After(second).Named(\"x\");"),
            "var second = Echo(\"2\").After(first).Named(\"y\");", Dag("var first = Echo(\"1\").Named(\"x\");\n        var second = Echo(\"2\").After(first).Named(\"y\");\n        Echo(\"3\").After(second).Named(\"z\");"),
            "x -> y -> x");
        yield return new("PIPE4002", Dag("Echo(\"a\").After(Node.NoOutputs);"), "Node.NoOutputs", Dag("var a = Echo(\"a\");\n        Echo(\"b\").After(a);"));
        yield return new("PIPE4003",
            Dag("var first = Echo(\"1\").Named(\"x\");\n        Echo(\"2\").After(first).Named(\"x\");"), "Echo(\"2\").After(first).Named(\"x\");",
            Dag("var first = Echo(\"1\").Named(\"x\");\n        Echo(\"2\").After(first).Named(\"y\");"));
        yield return new("PIPE4004", Dag("Echo(\"a\").Depends(Node.NoOutputs);"), "Node.NoOutputs", Dag("var a = Echo(\"a\");\n        Echo(\"b\").Depends(a.Succeeded);"));

        // 41xx references
        yield return new("PIPE4101",
            Workflow("""
                [Container("busybox", Args = ["{{inputs.parameters.mesage}}"]), Entrypoint]
                public static Node Say(string message) => Node.NoOutputs;
            """), "inputs.parameters.mesage",
            Workflow("""
                [Container("busybox", Args = ["{{inputs.parameters.message}}"]), Entrypoint]
                public static Node Say(string message) => Node.NoOutputs;
            """), "did you mean 'message'");
        yield return new("PIPE4102", Dag("var a = Echo(\"a\");\n        Echo(\"{{steps.a.outputs.result}}\");"), "steps.a.outputs.result", Dag("var a = Echo(\"a\");\n        Echo(\"{{tasks.a.outputs.result}}\");"));
        yield return new("PIPE4103", Dag("Echo(\"{{item}}\");"), "item", Dag("foreach (var item in new[] { \"a\", \"b\" })\n        {\n            Echo(\"{{item}}\");\n        }"));
        yield return new("PIPE4104",
            Workflow("""
                [Container("busybox", Args = ["{{inputs.parameters.message"]), Entrypoint]
                public static Node Say(string message) => Node.NoOutputs;
            """), null,
            Workflow("""
                [Container("busybox", Args = ["{{inputs.parameters.message}}"]), Entrypoint]
                public static Node Say(string message) => Node.NoOutputs;
            """), "is not closed");

        // 42xx arguments
        yield return new("PIPE4201",
            Dag("Greet();", "    [Container(\"busybox\", Args = [\"{{inputs.parameters.name}}\"])]\n    public static Node Greet(string? name = null) => Node.NoOutputs;"), "Greet()",
            Dag("Greet(\"world\");", "    [Container(\"busybox\", Args = [\"{{inputs.parameters.name}}\"])]\n    public static Node Greet(string? name = null) => Node.NoOutputs;"));
        yield return new("PIPE4202", Dag("Consume().WithArtifact(\"arts\", \"{{workflow.outputs.artifacts.x}}\");", Consume), "\"arts\"",
            Dag("Consume().WithArtifact(\"art\", \"{{workflow.outputs.artifacts.x}}\");", Consume), "did you mean 'art'");
        yield return new("PIPE4203", Dag("Consume();", Consume), "Consume()", Dag("Consume().WithArtifact(\"art\", \"{{workflow.outputs.artifacts.x}}\");", Consume));
        yield return new("PIPE4204",
            Dag("Wait();", "    [Container(\"busybox\", Args = [\"{{inputs.parameters.seconds}}\"])]\n    public static Node Wait([Value(\"ten\")] int seconds = 0) => Node.NoOutputs;"), "\"ten\"",
            Dag("Wait();", "    [Container(\"busybox\", Args = [\"{{inputs.parameters.seconds}}\"])]\n    public static Node Wait([Value(\"10\")] int seconds = 0) => Node.NoOutputs;"));

        // 43xx names and limits
        yield return new("PIPE4301", Dag("Echo(\"a\");", "    [Container(\"busybox\"), Name(\"echo\")]\n    public static Node Other() => Node.NoOutputs;"), "\"echo\"",
            Dag("Echo(\"a\");", "    [Container(\"busybox\"), Name(\"other\")]\n    public static Node Other() => Node.NoOutputs;"));
        yield return new("PIPE4302", Dag("Echo(\"a\");\n        Echo(\"b\");"), "Echo(\"b\");", Dag("Echo(\"a\");\n        Echo(\"b\").Named(\"echo-2\");"));
        yield return new("PIPE4303",
            Dag("Two(\"a\", \"b\");", "    [Container(\"busybox\")]\n    public static Node Two([Name(\"x\")] string a, [Name(\"x\")] string b) => Node.NoOutputs;"), "\"x\"",
            Dag("Two(\"a\", \"b\");", "    [Container(\"busybox\")]\n    public static Node Two([Name(\"x\")] string a, [Name(\"y\")] string b) => Node.NoOutputs;"));
        yield return new("PIPE4304", Dag("Echo(\"a\").Named(\"print_message\");"), "\"print_message\"", Dag("Echo(\"a\").Named(\"print-message\");"));
        yield return new("PIPE4305",
            Dag("Say(\"a\");", "    [Container(\"busybox\")]\n    public static Node Say([Name(\"my message\")] string message) => Node.NoOutputs;"), "\"my message\"",
            Dag("Say(\"a\");", "    [Container(\"busybox\")]\n    public static Node Say([Name(\"my-message\")] string message) => Node.NoOutputs;"));
        yield return new("PIPE4306", Dag("Echo(\"a\");").Replace("[Workflow(GenerateName = \"t-\")]", "[Workflow(Name = \"My_Workflow\")]"), "\"My_Workflow\"",
            Dag("Echo(\"a\");").Replace("[Workflow(GenerateName = \"t-\")]", "[Workflow(Name = \"my-workflow\")]"));
        yield return new("PIPE4307", Dag("Echo(\"a\");").Replace("[Workflow(GenerateName = \"t-\")]", "[CronWorkflow(\"a-cron-workflow-name-that-is-longer-than-fifty-two-chars\", \"0 * * * *\")]"), "\"a-cron-workflow-name-that-is-longer-than-fifty-two-chars\"",
            Dag("Echo(\"a\");").Replace("[Workflow(GenerateName = \"t-\")]", "[CronWorkflow(\"a-cron-workflow\", \"0 * * * *\")]"), "at most 52");
        yield return new("PIPE4308", Dag("Echo(\"" + new string('x', 262145) + "\");"), null, Dag("Echo(\"" + new string('x', 1000) + "\");"), "262145 bytes");

        // 44xx template definition
        yield return new("PIPE4401",
            Dag("Make();", "    [Dag]\n    public static Node<Out> Make() => Node.WithOutputs<Out>();") + Outputs, "OutputParameter(Path = \"/tmp/out\")",
            Dag("Make();", "    [Container(\"busybox\")]\n    public static Node<Out> Make() => Node.WithOutputs<Out>();") + Outputs, "Path");
        yield return new("PIPE4402",
            Dag("Echo(\"a\");", "    [Container(\"busybox\"), Script(\"python\")]\n    public static Node Both() => Node.NoOutputs;"), "Script(\"python\")",
            Dag("Echo(\"a\");", "    [Script(\"python\")]\n    public static Node Both() => Node.NoOutputs;"));
        yield return new("PIPE4403", Workflow("    [Dag]\n    public static void Main() { Echo(\"a\"); }"), "Workflow(GenerateName = \"t-\")",
            Workflow("    [Dag, Entrypoint]\n    public static void Main() { Echo(\"a\"); }"), "no [Entrypoint]");

        // 45xx control
        yield return new("PIPE4501", Workflow("    [Dag, Entrypoint]\n    public static void Main()\n    {\n        Echo(\"a\");\n        Main();\n    }"), "Main();",
            Workflow("    [Dag, Entrypoint]\n    public static Node Main()\n    {\n        var a = Echo(\"a\");\n        Main().When(a.Result == \"again\");\n        return Node.NoOutputs;\n    }"));
        yield return new("PIPE4502", Dag("foreach (var item in Loop.Over<string>(\"a,b\"))\n        {\n            Echo(item);\n        }"), "\"a,b\"",
            Dag("foreach (var item in Loop.Over<string>(\"[\\\"a\\\",\\\"b\\\"]\"))\n        {\n            Echo(item);\n        }"));
        yield return new("PIPE4503", Dag("Echo(\"a\");", "    [Container(\"busybox\"), Retry(3, RetryPolicy = \"OnFailur\")]\n    public static Node Flaky() => Node.NoOutputs;"), "\"OnFailur\"",
            Dag("Echo(\"a\");", "    [Container(\"busybox\"), Retry(3, RetryPolicy = \"OnFailure\")]\n    public static Node Flaky() => Node.NoOutputs;"), "did you mean 'OnFailure'");
        yield return new("PIPE4504", Dag("Echo(\"a\");", "    [Container(\"busybox\"), Retry(3, BackoffDuration = \"2 minutes\")]\n    public static Node Flaky() => Node.NoOutputs;"), "\"2 minutes\"",
            Dag("Echo(\"a\");", "    [Container(\"busybox\"), Retry(3, BackoffDuration = \"2m\")]\n    public static Node Flaky() => Node.NoOutputs;"));
        yield return new("PIPE4505", Dag("Echo(\"a\");").Replace("[Workflow(GenerateName = \"t-\")]", "[CronWorkflow(\"nightly\", \"0 2 * *\")]"), "\"0 2 * *\"",
            Dag("Echo(\"a\");").Replace("[Workflow(GenerateName = \"t-\")]", "[CronWorkflow(\"nightly\", \"0 2 * * *\")]"), "4 fields");
        yield return new("PIPE4506", Dag("Echo(\"a\");").Replace("[Workflow(GenerateName = \"t-\")]", "[CronWorkflow(\"nightly\", \"0 2 * * *\", Timezone = \"Europe/Pariss\")]"), "\"Europe/Pariss\"",
            Dag("Echo(\"a\");").Replace("[Workflow(GenerateName = \"t-\")]", "[CronWorkflow(\"nightly\", \"0 2 * * *\", Timezone = \"Europe/Paris\")]"), "did you mean 'Europe/Paris'");
        yield return new("PIPE4507", Dag("Echo(\"a\");").Replace("[Workflow(GenerateName = \"t-\")]", "[Workflow(GenerateName = \"t-\"), OnExit(\"Cleanup\")]"), "\"Cleanup\"",
            Dag("Echo(\"a\");", "    [Container(\"busybox\")]\n    public static Node Cleanup() => Node.NoOutputs;").Replace("[Workflow(GenerateName = \"t-\")]", "[Workflow(GenerateName = \"t-\"), OnExit(\"Cleanup\")]"));
        yield return new("PIPE4508", Dag("Echo(\"a\");").Replace("[Workflow(GenerateName = \"t-\")]", "[CronWorkflow(\"nightly\", \"0 2 * * *\", ConcurrencyPolicy = \"Never\")]"), "\"Never\"",
            Dag("Echo(\"a\");").Replace("[Workflow(GenerateName = \"t-\")]", "[CronWorkflow(\"nightly\", \"0 2 * * *\", ConcurrencyPolicy = \"Forbid\")]"));
        yield return new("PIPE4509", Dag(LargeList), LargeItems, Dag(LargeList).Replace("[Dag, Entrypoint]", "[Dag, Entrypoint, Parallelism(5)]"), "40 pods");
        yield return new("PIPE4510", Steps(FanOut), "Loop.Over<int>(list.Result)", Steps(FanOut).Replace("[Steps, Entrypoint]", "[Steps, Entrypoint, Parallelism(5)]"), "steps.list.outputs.result");

        // 46xx authoring
        yield return new("PIPE4601", Dag("Echo(\"a\");\n        System.Console.WriteLine(\"hello\");"), "System.Console.WriteLine(\"hello\");", Dag("Echo(\"a\");\n        Echo(\"hello\").Named(\"hello\");"));
        yield return new("PIPE4602",
            Workflow("    [Dag, Entrypoint]\n    public static void Main(string text)\n    {\n        Echo(text.ToUpperInvariant());\n    }"), "text.ToUpperInvariant()",
            Workflow("    [Dag, Entrypoint]\n    public static void Main(string text)\n    {\n        Echo(text);\n    }"));
        yield return new("PIPE4603", Dag("Echo(\"a\");", "    [Container(\"busybox\")]\n    public static Node Later(System.DateTime when) => Node.NoOutputs;"), "System.DateTime when",
            Dag("Echo(\"a\");", "    [Container(\"busybox\")]\n    public static Node Later(string when) => Node.NoOutputs;"));
        yield return new("PIPE4604", Dag("Echo(\"a\");", "    [Container(\"\")]\n    public static Node Empty() => Node.NoOutputs;"), "Container(\"\")",
            Dag("Echo(\"a\");", "    [Container(\"busybox\")]\n    public static Node Empty() => Node.NoOutputs;"));
        yield return new("PIPE4605", Dag("Echo(\"a\");").Replace("public partial class P", "public class P"), "P",
            Dag("Echo(\"a\");"), "must be partial");
        yield return new("PIPE4610", Dag("Echo(\"a\");") + GeneratedEntryPoint, "Main",
            Dag("Echo(\"a\");").Replace("[Dag, Entrypoint]\n    public static void Main()", "[Dag, Entrypoint, Name(\"main\")]\n    public static void MainDag()", System.StringComparison.Ordinal) + GeneratedEntryPoint,
            "'P.Main'", Executable: true);
        yield return new("PIPE4606",
            Dag("foreach (var a in new[] { \"1\", \"2\" })\n        {\n            foreach (var b in new[] { \"3\" })\n            {\n                Echo(b);\n            }\n        }"), "foreach",
            Dag("foreach (var a in new[] { \"1\", \"2\" })\n        {\n            Echo(a);\n        }"));

        // 4650-4669 hardening
        yield return new("PIPE4650", Dag("Echo(\"a\");", "    [Container(\"busybox\", Command = [\"echo\", null])]\n    public static Node Blank() => Node.NoOutputs;"), "null",
            Dag("Echo(\"a\");", "    [Container(\"busybox\", Command = [\"echo\", \"\"])]\n    public static Node Blank() => Node.NoOutputs;"), "item 1 of [Container] Command is null");

        // 47xx security
        yield return new("PIPE4701", Dag("Echo(\"a\");").Replace("[Workflow(GenerateName = \"t-\")]", "[Workflow(GenerateName = \"t-\"), Argument(\"db-password\", \"hunter22\")]"), "\"hunter22\"",
            Dag("Echo(\"a\");").Replace("[Workflow(GenerateName = \"t-\")]", "[Workflow(GenerateName = \"t-\"), Argument(\"db-host\", \"db.local\")]"));
        yield return new("PIPE4702", Dag("Echo(\"a\");", PrivilegedSpec), "Privileged = true",
            Dag("Echo(\"a\");", PrivilegedSpec.Replace("Privileged = true", "RunAsNonRoot = true", System.StringComparison.Ordinal)));
        yield return new("PIPE4703", Dag("Echo(\"a\");", HostPathSpec), "HostPath = new() { Path = \"/var/run/docker.sock\" }",
            Dag("Echo(\"a\");", HostPathSpec.Replace("HostPath = new() { Path = \"/var/run/docker.sock\" }", "EmptyDir = new()", System.StringComparison.Ordinal)), "'docker'");

        // 48xx Argo version
        yield return new("PIPE4801", Dag("Echo(\"a\");").Replace("[Workflow(GenerateName = \"t-\")]", "[CronWorkflow(\"nightly\", Schedule = \"0 2 * * *\")]"), "Schedule = \"0 2 * * *\"",
            Dag("Echo(\"a\");").Replace("[Workflow(GenerateName = \"t-\")]", "[CronWorkflow(\"nightly\", \"0 2 * * *\")]"));
        yield return new("PIPE4802", Dag("Echo(\"a\");"), null, Dag("Echo(\"a\");"), "'3.5'", new() { ["build_property.PipelinesArgoVersion"] = "3.5" });

        // 490x Argo Events triggers
        yield return new("PIPE4901", Events(parameters: "[FromMessage(\"body.orderNumber\")] string orderId"), "\"body.orderNumber\"", Events(), "OrderPlaced has no JSON property 'orderNumber'");
        yield return new("PIPE4902", Events(parameters: "[FromMessage(\"body.orderId\")] string orderId, string customer"), "customer",
            Events(parameters: "[FromMessage(\"body.orderId\")] string orderId, string customer = \"anonymous\""));
        yield return new("PIPE4903", Events("[TriggerRetry(Steps = 3)]"), "TriggerRetry(Steps = 3)", Events("[AtLeastOnce, TriggerRetry(Steps = 3)]"));
        yield return new("PIPE4904", Events("[AtLeastOnce, DeadLetterTopic(\"orders\")]"), "\"orders\"", Events("[AtLeastOnce, DeadLetterTopic(\"orders-dlq\")]"));
        yield return new("PIPE4905", Events("[AtLeastOnce, TriggerRetry(Duration = \"2s\")]"), "TriggerRetry(Duration = \"2s\")", Events("[AtLeastOnce, TriggerRetry(Steps = 4, Duration = \"2s\")]"));
        yield return new("PIPE4906", Events(trigger: KafkaTrigger + ", SaslUserSecret = \"kafka:user\", SaslPasswordSecret = \"hunter2\")]"), "\"hunter2\"",
            Events(trigger: KafkaTrigger + ", SaslUserSecret = \"kafka:user\", SaslPasswordSecret = \"kafka:password\")]"));
        yield return new("PIPE4907", Events("[AtLeastOnce]", trigger: string.Empty, parameters: "string orderId = \"none\""), "AtLeastOnce", Events("[AtLeastOnce]"));
        yield return new("PIPE4908", Events(echo: "[FromMessage(\"key\")] string orderId"), "FromMessage(\"key\")", Events());
        yield return new("PIPE4909", Events(trigger: "[KafkaTrigger(\"orders\", Brokers = \"b-1.msk.example:9098\", Message = typeof(OrderPlaced))]"),
            "KafkaTrigger(\"orders\", Brokers = \"b-1.msk.example:9098\", Message = typeof(OrderPlaced))", Events(), "ConsumerGroup");
        yield return new("PIPE4910", Events("[EventsIdentity(EventsComponent.Sensor, Manage = false)]"), "EventsIdentity(EventsComponent.Sensor, Manage = false)",
            Events("[EventsIdentity(EventsComponent.Sensor, ServiceAccount = \"operate-workflow-sa\")]"), "Manage = false");
        yield return new("PIPE4911", Events(trigger: KafkaTrigger + ", AwsMskIamRegion = \"eu-west-1\")]"), "\"eu-west-1\"",
            Events("[EventsIdentity(EventsComponent.EventSource, AwsRoleArn = \"arn:aws:iam::123456789012:role/orders-reader\")]", trigger: KafkaTrigger + ", AwsMskIamRegion = \"eu-west-1\")]"), "AlterGroup on group 'process-order'");

        // 495x observability
        yield return new("PIPE4950", Slo("[Slo(SuccessRate = 99)]"), "99", Slo("[Slo(SuccessRate = 0.99)]"), "SuccessRate = 99");
        yield return new("PIPE4951", Slo("[LatencySlo(Percentile = 0.95, Under = \"17m\", Buckets = new double[] { 600, 900 })]"), "new double[] { 600, 900 }",
            Slo("[LatencySlo(Percentile = 0.95, Under = \"17m\", Buckets = new double[] { 600, 900, 1020 })]"), "1020");
        yield return new("PIPE4952", Slo("[Slo(SuccessRate = 0.99), Metric(\"rows\", MetricKind.Counter, Help = \"Rows\", Labels = new[] { \"run={{workflow.name}}\" })]"), "new[] { \"run={{workflow.name}}\" }",
            Slo("[Slo(SuccessRate = 0.99), Metric(\"rows\", MetricKind.Counter, Help = \"Rows\", Labels = new[] { \"status={{status}}\" })]"), "{{workflow.name}}");
        yield return new("PIPE4953", Slo("[Metric(\"rows-loaded\", MetricKind.Counter, Help = \"Rows\")]"), "\"rows-loaded\"",
            Slo("[Metric(\"rows_loaded\", MetricKind.Counter, Help = \"Rows\")]"), "'rows-loaded'");
        yield return new("PIPE4954", Slo("[Slo(SuccessRate = 0.99), RunMetrics(Runs = false)]"), "Slo(SuccessRate = 0.99)",
            Slo("[Slo(SuccessRate = 0.99), RunMetrics(Templates = false)]"));
        yield return new("PIPE4955", Slo("[LatencySlo(Percentile = 0.95, Under = \"15 minutes\")]"), "\"15 minutes\"",
            Slo("[LatencySlo(Percentile = 0.95, Under = \"15m\")]"), "Under");
    }

    private const string KafkaTrigger = "[KafkaTrigger(\"orders\", Brokers = \"b-1.msk.example:9098\", ConsumerGroup = \"process-order\", Message = typeof(OrderPlaced)";

    /// <summary>A WorkflowTemplate started by a Kafka trigger, with the given extra attributes, trigger, entrypoint inputs and Echo input.</summary>
    private static string Events(string attributes = "", string? trigger = null, string parameters = "[FromMessage(\"body.orderId\")] string orderId", string echo = "string orderId") => $$$"""
        using Pipelines;

        namespace T;

        public sealed record OrderPlaced(string OrderId, int Amount);

        [WorkflowTemplate("process-order")]
        {{{trigger ?? KafkaTrigger + ")]"}}}
        {{{attributes}}}
        public partial class ProcessOrder
        {
            [Container("busybox", Command = ["echo", "{{inputs.parameters.orderId}}"])]
            public static Node Echo({{{echo}}}) => Node.NoOutputs;

            [Dag, Entrypoint]
            public static void Run({{{parameters}}})
            {
                Echo(orderId);
            }
        }
        """;

    /// <summary>A Workflow with an entrypoint DAG and the given SLO or metric attributes on the class.</summary>
    private static string Slo(string attributes) =>
        Dag("Echo(\"a\");").Replace("[Workflow(GenerateName = \"t-\")]", "[Workflow(GenerateName = \"t-\")]\n" + attributes, System.StringComparison.Ordinal);
}
