using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Pipelines.Generator.Model;
using static Pipelines.Generator.Tests.ManifestQuery;

namespace Pipelines.Generator.Tests;

/// <summary>Argo Events triggers: what the parser reads, the description embedded for the build, and the problems it records.</summary>
public sealed class EventsTests
{
    internal const string Message = """
        public sealed record Line(string Sku, int Quantity);
        public sealed record OrderPlaced(string OrderId, decimal Amount, [property: System.Text.Json.Serialization.JsonPropertyName("cust")] string Customer, Line[] Lines);
        """;

    internal const string Sample = Message + """

        [WorkflowTemplate("process-order")]
        [KafkaTrigger("orders", Brokers = "b-1.msk.example:9098,b-2.msk.example:9098", ConsumerGroup = "process-order", Message = typeof(OrderPlaced), AwsMskIamRegion = "eu-west-1")]
        [MessageFilter("body.amount", "100", Type = MessageFilterType.Number, Comparator = ">=")]
        [AtLeastOnce]
        [TriggerRetry(Steps = 5, Duration = "2s")]
        [TriggerRateLimit(10, Unit = RateLimitUnit.Minute)]
        [TriggerPolicy("workflows.argoproj.io/phase=Succeeded", Steps = 3)]
        [DeadLetterTemplate("process-order", Entrypoint = "dead-letter")]
        [EventsIdentity(EventsComponent.EventSource, AwsRoleArn = "arn:aws:iam::123456789012:role/orders-reader")]
        [EventsIdentity(EventsComponent.Workflow, ServiceAccount = "order-runner", AzureClientId = "11111111-2222-3333-4444-555555555555")]
        public partial class ProcessOrder
        {
            [Container("busybox", Command = new[] { "echo" })]
            public static partial void Echo(string text);

            [Container("busybox", Command = new[] { "echo", "{{inputs.parameters.message}}" })]
            public static partial void DeadLetter(string message);

            [Dag, Entrypoint]
            public static void Run(
                [FromMessage("body.orderId")] string orderId,
                [FromMessage("key")] string customer,
                [FromMessage("body.lines.#.sku")] string skus,
                [FromEvent] string message,
                string region = "eu")
            {
                Echo(orderId);
            }
        }
        """;

    [Fact]
    public void The_description_holds_the_source_the_mapping_and_the_trigger_settings()
    {
        var run = GeneratorHarness.Run(Header + Sample).AssertClean();
        using var doc = JsonDocument.Parse(Assert.Single(EventsOf(run)).Json);
        var root = doc.RootElement;
        Assert.Equal("process-order", root.GetProperty("template").GetString());
        Assert.Equal("kafka", root.GetProperty("sourceType").GetString());
        Assert.Equal("process-order-kafka", root.GetProperty("eventSource").GetString());
        Assert.Equal("orders", root.GetProperty("eventName").GetString());
        var kafka = root.GetProperty("kafka");
        Assert.Equal("eu-west-1", kafka.GetProperty("mskRegion").GetString());
        Assert.Equal("process-order", kafka.GetProperty("consumerGroup").GetString());
        Assert.False(kafka.TryGetProperty("partition", out _));

        // In entrypoint order; the input with a default is left to the template.
        var parameters = root.GetProperty("parameters").EnumerateArray().ToList();
        Assert.Equal(["orderId", "customer", "skus", "message"], parameters.Select(p => p.GetProperty("name").GetString()!).ToArray());
        Assert.Equal("body.lines.#.sku", parameters[2].GetProperty("path").GetString());
        Assert.True(parameters[3].GetProperty("wholeEvent").GetBoolean());

        Assert.Equal(">=", root.GetProperty("filters")[0].GetProperty("comparator").GetString());
        Assert.Equal("number", root.GetProperty("filters")[0].GetProperty("type").GetString());
        Assert.True(root.GetProperty("atLeastOnce").GetBoolean());
        Assert.Equal(5, root.GetProperty("retry").GetProperty("steps").GetInt32());
        Assert.Equal(2, root.GetProperty("retry").GetProperty("factor").GetDouble());
        Assert.Equal(0.2, root.GetProperty("retry").GetProperty("jitter").GetDouble());
        Assert.Equal("Minute", root.GetProperty("rateLimit").GetProperty("unit").GetString());
        Assert.Equal("Succeeded", root.GetProperty("policy").GetProperty("labels").GetProperty("workflows.argoproj.io/phase").GetString());
        Assert.Equal("dead-letter", root.GetProperty("deadLetter").GetProperty("entrypoint").GetString());
        Assert.Equal("message", root.GetProperty("deadLetter").GetProperty("parameter").GetString());

        var identities = root.GetProperty("identities").EnumerateArray().ToList();
        Assert.Equal(["process-order-kafka-eventsource", "process-order-sensor", "order-runner"], identities.Select(i => i.GetProperty("serviceAccount").GetString()!).ToArray());
        Assert.Equal("arn:aws:iam::123456789012:role/orders-reader", identities[0].GetProperty("annotations").GetProperty("eks.amazonaws.com/role-arn").GetString());
        Assert.Equal("true", identities[2].GetProperty("podLabels").GetProperty("azure.workload.identity/use").GetString());
    }

    [Fact]
    public void The_template_runs_as_the_workflow_identity()
    {
        var root = Manifest(Sample);
        Assert.Equal("order-runner", At(root, "spec.serviceAccountName"));
    }

    [Fact]
    public void A_correct_trigger_has_no_problems_and_an_array_constructor_argument_does_not_crash_the_reader()
    {
        // [TriggerPolicy(params string[])] has an array as its first constructor argument.
        Assert.Empty(ProblemsOf(Sample));
    }

    [Fact]
    public void A_Workflow_class_is_carried_whole_by_a_Sensor_with_the_names_it_declares()
    {
        var run = GeneratorHarness.Run(Header + """
            [Workflow(GenerateName = "kafka-workflow-")]
            [KafkaTrigger("topic-2", Brokers = "kafka:9092", Partition = 1, EventSource = "kafka", EventName = "example")]
            [KafkaConnectionBackoff(Steps = 5, Duration = "10s")]
            [TriggerSensor("kafka", Dependency = "test-dep", Trigger = "kafka-workflow-trigger", Action = TriggerAction.Create)]
            [EventsIdentity(EventsComponent.Sensor, ServiceAccount = "operate-workflow-sa")]
            [EventsIdentity(EventsComponent.Workflow, Manage = false)]
            public partial class KafkaSensor
            {
                [Container("busybox", Command = new[] { "echo", "{{inputs.parameters.message}}" }), Entrypoint]
                public static partial Node PrintMessage([FromMessage("body")] string message = "hello world");
            }
            """).AssertClean();
        using var doc = JsonDocument.Parse(Assert.Single(EventsOf(run)).Json);
        var root = doc.RootElement;
        Assert.True(root.GetProperty("inline").GetBoolean());
        Assert.Equal("kafka", root.GetProperty("sensor").GetString());
        Assert.Equal("test-dep", root.GetProperty("dependency").GetString());
        Assert.Equal("kafka-workflow-trigger", root.GetProperty("trigger").GetString());
        Assert.Equal("create", root.GetProperty("action").GetString());
        Assert.Equal(1, root.GetProperty("kafka").GetProperty("partition").GetInt32());
        Assert.Equal("10s", root.GetProperty("kafka").GetProperty("connectionBackoff").GetProperty("duration").GetString());
        Assert.False(root.GetProperty("identities")[2].GetProperty("managed").GetBoolean());

        // An unmanaged workflow identity leaves the Workflow's account alone.
        Assert.DoesNotContain("serviceAccountName", Assert.Single(run.Manifests).Json, StringComparison.Ordinal);
    }

    [Fact]
    public void A_class_without_a_trigger_has_no_description()
    {
        var run = GeneratorHarness.Run(Header + """
            [WorkflowTemplate("plain")]
            public partial class Plain
            {
                [Container("busybox")]
                public static partial void Main();
            }
            """).AssertClean();
        Assert.Empty(EventsOf(run));
    }

    public static TheoryData<string, string, string> ProblemCases() => new()
    {
        // A path below body that the message type lacks; the JSON name of a renamed property is "cust", not "customer".
        { "PIPE4901", "[FromMessage(\"body.orderId\")]", "[FromMessage(\"body.orderNumber\")]" },
        { "PIPE4901", "[FromMessage(\"key\")] string customer", "[FromMessage(\"body.customer\")] string customer" },
        { "PIPE4901", "[FromMessage(\"key\")]", "[FromMessage(\"value\")]" },
        { "PIPE4901", "[FromMessage(\"body.lines.#.sku\")]", "[FromMessage(\"body.lines.#.price\")]" },
        { "PIPE4902", "string region = \"eu\"", "string region" },
        { "PIPE4903", "[AtLeastOnce]", "" },
        { "PIPE4904", "[DeadLetterTemplate(\"process-order\", Entrypoint = \"dead-letter\")]", "[DeadLetterTopic(\"orders\")]" },
        { "PIPE4905", "[TriggerRetry(Steps = 5, Duration = \"2s\")]", "[TriggerRetry(Duration = \"2s\")]" },
        { "PIPE4905", "[TriggerRetry(Steps = 5, Duration = \"2s\")]", "[TriggerRetry(Steps = 10, Duration = \"30s\")]" },
        { "PIPE4906", "AwsMskIamRegion = \"eu-west-1\"", "SaslUserSecret = \"kafka:user\", SaslPasswordSecret = \"hunter2!\"" },
        { "PIPE4906", "Brokers = \"b-1.msk.example:9098,b-2.msk.example:9098\"", "Brokers = \"user:pw@b-1.msk.example:9098\"" },
        { "PIPE4907", "[WorkflowTemplate(\"process-order\")]", "[ClusterWorkflowTemplate(\"process-order\")]" },
        { "PIPE4909", "ServiceAccount = \"order-runner\", ", "Manage = false, " },
        { "PIPE4908", "public static partial void Echo(string text);", "public static partial void Echo([FromMessage(\"key\")] string text);" },
        { "PIPE4909", "ConsumerGroup = \"process-order\", ", "" },
        { "PIPE4909", "Comparator = \">=\"", "Comparator = \"~\"" },
        { "PIPE4909", "role/orders-reader\"", "role/orders-reader\", ServiceAccount = \"Orders_Reader\"" },
        { "PIPE4909", "[TriggerRateLimit(10, ", "[TriggerRateLimit(0, " },
        { "PIPE4909", "Entrypoint = \"dead-letter\"", "Entrypoint = \"dead-end\"" },
    };

    [Theory]
    [MemberData(nameof(ProblemCases))]
    public void Each_mistake_is_recorded_with_its_code(string code, string good, string bad)
    {
        Assert.Contains(good, Sample, StringComparison.Ordinal);
        var problems = ProblemsOf(Sample.Replace(good, bad, StringComparison.Ordinal));
        Assert.Contains(code, problems.Select(p => p.Code));
    }

    [Fact]
    public void Trigger_settings_without_a_trigger_are_recorded_and_nothing_is_embedded()
    {
        var line = Sample.Split('\n').Single(l => l.StartsWith("[KafkaTrigger(", StringComparison.Ordinal));
        var problems = ProblemsOf(Sample.Replace(line, string.Empty, StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Code == "PIPE4907" && p.Arguments[0] == "AtLeastOnce");
        Assert.Contains(problems, p => p.Code == "PIPE4907" && p.Arguments[0] == "FromMessage");
    }

    [Fact]
    public void Retries_without_at_least_once_point_at_each_attribute_that_needs_it()
    {
        var problems = ProblemsOf(Sample.Replace("[AtLeastOnce]", string.Empty, StringComparison.Ordinal)).Where(p => p.Code == "PIPE4903").ToList();
        Assert.Equal(["TriggerRetry", "TriggerPolicy", "DeadLetterTemplate"], problems.Select(p => p.Arguments[0]).ToArray());
    }

    [Fact]
    public void The_description_is_equal_across_runs_so_the_incremental_cache_holds()
    {
        Assert.Equal(SpecOf(Sample), SpecOf(Sample));
    }

    [Theory]
    [InlineData("2s", 2.0)]
    [InlineData("1m30s", 90.0)]
    [InlineData("500ms", 0.5)]
    [InlineData("1h", 3600.0)]
    [InlineData("2", null)]
    [InlineData("2 s", null)]
    [InlineData("", null)]
    public void Go_durations_parse_like_Go(string text, double? seconds) =>
        Assert.Equal(seconds, PipelinesGenerator.Events.GoDurationSeconds(text));

    internal static IReadOnlyList<(string Id, string Json)> EventsOf(GeneratorRun run) =>
        run.Result.GeneratedTrees
            .SelectMany(t => t.GetRoot().DescendantNodes().OfType<AttributeSyntax>())
            .Where(a => a.Name.ToString().EndsWith("PipelineEvents", StringComparison.Ordinal) && a.ArgumentList?.Arguments.Count == 2)
            .Select(a => (((LiteralExpressionSyntax)a.ArgumentList!.Arguments[0].Expression).Token.ValueText, ((LiteralExpressionSyntax)a.ArgumentList.Arguments[1].Expression).Token.ValueText))
            .ToList();

    private static WorkflowSpec? SpecOf(string source)
    {
        var compilation = GeneratorHarness.Compilation(GeneratorHarness.Tree(Header + source));
        var tree = compilation.SyntaxTrees.Single();
        var model = compilation.GetSemanticModel(tree);
        var declaration = tree.GetRoot().DescendantNodes().OfType<ClassDeclarationSyntax>().Single(c => c.AttributeLists.Count > 0);
        var type = (INamedTypeSymbol)model.GetDeclaredSymbol(declaration)!;
        var kind = type.GetAttributes().First(a => PipelinesGenerator.Parser.KindAttributes.Contains(PipelinesGenerator.Parser.AttributeName(a)));
        return PipelinesGenerator.Parser.Parse(declaration, type, kind, model, default);
    }

    private static IReadOnlyList<ProblemSpec> ProblemsOf(string source) =>
        SpecOf(source)?.Problems.Where(p => p.Code.StartsWith("PIPE49", StringComparison.Ordinal)).ToList() ?? [];
}
