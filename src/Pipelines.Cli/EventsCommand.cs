using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using Pipelines.Argo;
using Pipelines.Argo.Events;
using Pipelines.Argo.Events.Validation;
using Pipelines.Argo.Yaml;
using Pipelines.Cli.Events;

namespace Pipelines.Cli;

/// <summary><c>pipelines events send</c>: what a Sensor does with one event, locally.</summary>
internal static class EventsCommand
{
    private const string SendDescription =
        "Show what a Sensor does with one event, without a cluster: apply the dependency's filters (data, exprs,\n" +
        "context, time) and each firing trigger's parameters exactly as Argo Events v1.9.11 does, and print the\n" +
        "Workflow each argoWorkflow (submit) or k8s (create) trigger would submit, as YAML on stdout.\n" +
        "\n" +
        "EVENT is the event's data as the EventSource publishes it (for Kafka: {\"topic\", \"key\", \"partition\",\n" +
        "\"body\", \"headers\", ...}), or {\"context\": {...}, \"data\": {...}} to set CloudEvent context fields (type,\n" +
        "subject, source, id, time). Use - to read it from stdin.\n" +
        "\n" +
        "With --run, each Workflow runs with the local runner (as `pipelines run`; give the WorkflowTemplates it\n" +
        "references with --with). When a trigger fails, or a run fails, the dlqTrigger's action is shown.\n" +
        "\n" +
        "Exit codes: 0 the event fired triggers (and their runs succeeded), 1 a filter rejected the event, no trigger\n" +
        "fired, a trigger failed or a run failed, 2 bad input (unreadable Sensor, unknown dependency, malformed event).\n" +
        "\n" +
        "Examples:\n" +
        "  pipelines events send sensor.yaml --dependency order --data order.json\n" +
        "  echo '{\"body\":{\"orderId\":\"42\"}}' | pipelines events send sensor.yaml --dependency order --data -\n" +
        "  pipelines events send sensor.yaml --dependency order --data order.json --run --with template.yaml --host";

    /// <summary>Where <c>--data -</c> reads from (the process's stdin; tests replace it).</summary>
    internal static Func<TextReader> Stdin { get; set; } = () => Console.In;

    public static Command Create(CliContext context)
    {
        var sensorArg = new Argument<string>("SENSOR") { Description = "The file with the Sensor." };
        var dependency = new Option<string>("--dependency", "-d") { Description = "The dependency the event is for.", Required = true, HelpName = "NAME" };
        var data = new Option<string>("--data") { Description = "The event: a JSON file, or - for stdin.", Required = true, HelpName = "EVENT.json|-" };
        var run = new Option<bool>("--run") { Description = "Run each Workflow with the local runner." };
        var with = new Option<string[]>("--with") { Description = "With --run: files with the WorkflowTemplates or ConfigMaps the Workflow uses.", HelpName = "FILE" };
        var host = new Option<bool>("--host") { Description = "With --run: run container and script templates as processes on this machine." };
        var mock = new Option<string[]>("--mock") { Description = "With --run: replace a template's outcome (as `pipelines run --mock`).", HelpName = "TEMPLATE=OUTCOME" };
        var runDir = new Option<string?>("--run-dir") { Description = "With --run: the folder for the runs (default .pipelines/events/<time>).", HelpName = "DIR" };
        var send = new Command("send", SendDescription) { sensorArg, dependency, data, run, with, host, mock, runDir };
        send.SetAction(result => Send(
            context,
            result.GetValue(sensorArg)!,
            result.GetValue(dependency)!,
            result.GetValue(data)!,
            result.GetValue(run),
            new RunPassThrough(result.GetValue(with) ?? [], result.GetValue(host), result.GetValue(mock) ?? [], result.GetValue(runDir))));
        return new Command("events", "Argo Events helpers: see what a Sensor does with an event.") { send };
    }

    internal sealed record RunPassThrough(string[] With, bool Host, string[] Mock, string? RunDir);

    private static int Send(CliContext context, string sensorPath, string dependencyName, string dataPath, bool run, RunPassThrough pass)
    {
        var fullSensor = context.Resolve(sensorPath);
        var display = context.Display(fullSensor);
        if (!File.Exists(fullSensor))
        {
            context.Err($"{sensorPath}: error: no such file");
            return Program.ExitUsage;
        }

        var file = ArgoYaml.ReadFile(fullSensor);
        EventsValidator.Validate([file]);
        var errors = Located.Of(file, display, strict: false).Where(i => i.Finding.Severity == Severity.Error).ToList();
        if (errors.Count > 0)
        {
            foreach (var e in errors)
            {
                context.Err(Reporter.Text(e));
            }

            context.Err($"{display}: the Sensor has errors (above); fix them first");
            return Program.ExitUsage;
        }

        var sensorDoc = file.Documents.FirstOrDefault(d => d.EventsKind == EventsKind.Sensor);
        if (sensorDoc?.EventsObject is not Sensor sensor)
        {
            context.Err($"{display}: error: no Sensor in the file (kind: Sensor, apiVersion: {EventsYaml.ApiVersion})");
            return Program.ExitUsage;
        }

        var dependencies = sensor.Spec?.Dependencies ?? [];
        var dep = dependencies.FirstOrDefault(d => d.Name == dependencyName);
        if (dep is null)
        {
            context.Err($"{display}: error: the Sensor has no dependency '{dependencyName}'; it has: {string.Join(", ", dependencies.Select(d => d.Name))}");
            return Program.ExitUsage;
        }

        if (!ReadEvent(context, dataPath, dep, out var ev))
        {
            return Program.ExitUsage;
        }

        try
        {
            var outcome = SensorSimulator.Filter(dep, ev!);
            if (!outcome.Passed)
            {
                context.Err($"{display}: dependency '{dep.Name}' rejected the event: {outcome.Reason}");
                return Program.ExitFindings;
            }

            context.Err($"dependency '{dep.Name}': the event passed its filters");
            var events = new Dictionary<string, SimEvent>(StringComparer.Ordinal) { [dep.Name!] = ev! };
            var all = dependencies.Select(d => d.Name ?? string.Empty).ToList();
            var present = new HashSet<string>(events.Keys, StringComparer.Ordinal);
            var workflows = new List<(Trigger Trigger, string Yaml)>();
            var failed = false;
            var fired = 0;
            foreach (var trigger in sensor.Spec?.Triggers ?? [])
            {
                var name = trigger.Template?.Name ?? "(unnamed)";
                if (trigger.Template is null || !SensorSimulator.ConditionsHold(trigger.Template, all, present))
                {
                    var needs = string.IsNullOrEmpty(trigger.Template?.Conditions) ? "all of " + string.Join(", ", all) : trigger.Template!.Conditions;
                    context.Err($"trigger '{name}' does not fire: it waits for {needs}");
                    continue;
                }

                fired++;
                try
                {
                    if (Act(context, sensor, trigger, events, isDlq: false) is { } yaml)
                    {
                        workflows.Add((trigger, yaml));
                    }
                }
                catch (TriggerFailedException e)
                {
                    failed = true;
                    context.Err($"trigger '{name}' fails: {e.Message}");
                    ShowDlq(context, sensor, trigger, events, "the trigger failed");
                }
            }

            if (fired == 0)
            {
                context.Err($"{display}: no trigger fires for dependency '{dep.Name}' alone");
                return Program.ExitFindings;
            }

            context.Stdout.Write(string.Join("---\n", workflows.Select(w => w.Yaml)));
            if (run)
            {
                failed |= RunAll(context, sensor, workflows, events, pass);
            }

            return failed ? Program.ExitFindings : Program.ExitOk;
        }
        catch (NotSupportedException e)
        {
            context.Err($"{display}: error: {e.Message}");
            return Program.ExitUsage;
        }
    }

    private static bool ReadEvent(CliContext context, string dataPath, EventDependency dep, out SimEvent? ev)
    {
        ev = null;
        string text;
        var shown = dataPath == "-" ? "<stdin>" : dataPath;
        try
        {
            text = dataPath == "-" ? Stdin().ReadToEnd() : File.ReadAllText(context.Resolve(dataPath));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            context.Err($"{shown}: error: cannot read the event: {e.Message}");
            return false;
        }

        JsonNode? root;
        try
        {
            root = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Disallow });
        }
        catch (JsonException e)
        {
            var at = e.LineNumber is { } line ? $":{(line + 1).ToString(CultureInfo.InvariantCulture)}:{((e.BytePositionInLine ?? 0) + 1).ToString(CultureInfo.InvariantCulture)}" : string.Empty;
            context.Err($"{shown}{at}: error: the event is not valid JSON: {FirstSentence(e.Message)}");
            return false;
        }

        JsonNode? data = root;
        JsonObject? ctx = null;
        if (root is JsonObject obj && obj.Count == 2 && obj.ContainsKey("context") && obj.ContainsKey("data"))
        {
            if (obj["context"] is not JsonObject c)
            {
                context.Err($"{shown}: error: 'context' must be an object with CloudEvent fields (type, subject, source, id, time)");
                return false;
            }

            ctx = c;
            data = obj["data"];
        }

        string Field(string name, string fallback)
        {
            if (ctx?[name] is null)
            {
                return fallback;
            }

            return ctx[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : throw new FormatException($"context.{name} must be a string");
        }

        try
        {
            var known = new[] { "id", "source", "specversion", "type", "datacontenttype", "subject", "time" };
            if (ctx?.Select(p => p.Key).FirstOrDefault(k => Array.IndexOf(known, k) < 0) is { } unknown)
            {
                throw new FormatException($"context has unknown field '{unknown}'; CloudEvent context fields are: {string.Join(", ", known)}");
            }

            var timeText = Field("time", string.Empty);
            var time = DateTimeOffset.UtcNow;
            if (timeText.Length > 0 && !DateTimeOffset.TryParse(timeText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out time))
            {
                throw new FormatException($"context.time '{timeText}' is not an RFC 3339 time such as 2026-01-02T15:04:05Z");
            }

            ev = new SimEvent
            {
                Id = Field("id", "local-event"),
                Source = Field("source", dep.EventSourceName ?? string.Empty),
                SpecVersion = Field("specversion", "1.0"),
                Type = Field("type", string.Empty),
                DataContentType = Field("datacontenttype", "application/json"),
                Subject = Field("subject", dep.EventName ?? string.Empty),
                Time = time,
                DataJson = data?.ToJsonString(JsonSupport.Relaxed) ?? "null",
            };
            return true;
        }
        catch (FormatException e)
        {
            context.Err($"{shown}: error: {e.Message}");
            return false;
        }
    }

    private static string FirstSentence(string message)
    {
        foreach (var marker in new[] { " Path:", " LineNumber:" })
        {
            var cut = message.IndexOf(marker, StringComparison.Ordinal);
            if (cut > 0)
            {
                message = message[..cut];
            }
        }

        return message.TrimEnd();
    }

    /// <summary>Performs a trigger; returns the YAML of the Workflow it would submit, if it submits one.</summary>
    private static string? Act(CliContext context, Sensor sensor, Trigger trigger, IReadOnlyDictionary<string, SimEvent> events, bool isDlq)
    {
        var template = trigger.Template!;
        if (trigger.Parameters is { Count: > 0 })
        {
            var json = JsonSupport.ToJson(EventsSerializer.WriteTriggerTemplate(template));
            json = SensorSimulator.ApplyParams(json, trigger.Parameters, events);
            var findings = new List<Finding>();
            template = EventsSerializer.ReadTriggerTemplate(new Pipelines.Argo.Model.ModelReader(findings), JsonSupport.ToYaml(json), FieldPath.Root) ?? template;
        }

        var name = template.Name ?? "(unnamed)";
        var what = isDlq ? $"dlqTrigger '{name}'" : $"trigger '{name}'";
        if (template.ArgoWorkflow is { } argo)
        {
            if (argo.Operation != "submit")
            {
                context.Err($"{what}: argoWorkflow operation '{argo.Operation}' acts on an existing Workflow; nothing is submitted");
                return null;
            }

            return Workflow(context, sensor, name, what, argo.Source, argo.Parameters, events);
        }

        if (template.K8s is { } k8s)
        {
            if (k8s.Operation is not (null or "" or "create"))
            {
                context.Err($"{what}: k8s operation '{k8s.Operation}' changes an existing object; nothing is created");
                return null;
            }

            return Workflow(context, sensor, name, what, k8s.Source, k8s.Parameters, events);
        }

        if (template.Kafka is { } kafka)
        {
            var payload = SensorSimulator.ConstructPayload(kafka.Payload, events);
            var key = string.IsNullOrEmpty(kafka.PartitioningKey) ? string.Empty : $" with key '{kafka.PartitioningKey}'";
            context.Err($"{what}: would send to Kafka topic '{kafka.Topic}' at {kafka.Url}{key}: {payload}");
            return null;
        }

        if (template.Http is { } http)
        {
            var payload = SensorSimulator.ConstructPayload(http.Payload, events);
            context.Err($"{what}: would {(string.IsNullOrEmpty(http.Method) ? "POST" : http.Method)} {http.Url}: {payload}");
            return null;
        }

        if (template.Log is not null)
        {
            context.Err($"{what}: would log the event: {string.Join(", ", events.Values.Select(e => e.EventJson()))}");
            return null;
        }

        context.Err($"{what}: this trigger type is not simulated by `pipelines events send`; nothing is shown");
        return null;
    }

    private static string? Workflow(CliContext context, Sensor sensor, string name, string what, ArtifactLocation? source, List<TriggerParameter>? parameters, IReadOnlyDictionary<string, SimEvent> events)
    {
        JsonNode? resource;
        if (source?.Resource is { } r)
        {
            resource = JsonSupport.ToJson(r);
        }
        else if (source?.Inline is { } inline)
        {
            var parsed = ArgoYaml.ReadText(inline, what + " source.inline");
            if (parsed.HasFileErrors || parsed.Documents.Count != 1)
            {
                throw new NotSupportedException($"{what}: source.inline is not one YAML document");
            }

            resource = JsonSupport.ToJson(parsed.Documents[0].Root);
        }
        else
        {
            throw new NotSupportedException($"{what}: only source.resource and source.inline are read locally (configmap, file, url, git and s3 sources are not)");
        }

        resource = SensorSimulator.ApplyParams(resource, parameters, events);
        if (resource is JsonObject obj)
        {
            var metadata = obj["metadata"] as JsonObject ?? (JsonObject)(obj["metadata"] = new JsonObject())!;
            var labels = metadata["labels"] as JsonObject ?? (JsonObject)(metadata["labels"] = new JsonObject())!;
            labels["events.argoproj.io/sensor"] = sensor.Metadata?.Name;
            labels["events.argoproj.io/trigger"] = name;
        }

        var yaml = YamlTextWriter.Write(JsonSupport.ToYaml(resource));
        var file = ArgoYaml.ReadText(yaml, what);
        var doc = file.Documents.SingleOrDefault();
        if (doc?.Object is { } argoObject && !doc.HasErrors)
        {
            return ArgoYaml.Write(argoObject);
        }

        foreach (var f in file.AllFindings.Where(f => f.Severity == Severity.Error))
        {
            context.Err($"{what}: the resource it would create has an error: {f.Code}: {f.Message} [{f.Path}]");
        }

        return yaml;
    }

    private static void ShowDlq(CliContext context, Sensor sensor, Trigger trigger, IReadOnlyDictionary<string, SimEvent> events, string why)
    {
        if (trigger.DlqTrigger is not { } dlq)
        {
            context.Err($"trigger '{trigger.Template?.Name}': no dlqTrigger, so the event is dropped after the retries");
            return;
        }

        context.Err($"{why}; after its retries the Sensor runs the dlqTrigger:");
        try
        {
            if (Act(context, sensor, dlq, events, isDlq: true) is { } yaml)
            {
                context.Err("dlqTrigger '" + dlq.Template?.Name + "' would submit:\n" + yaml.TrimEnd('\n'));
            }
        }
        catch (TriggerFailedException e)
        {
            context.Err($"dlqTrigger '{dlq.Template?.Name}' fails too: {e.Message}; the event is dropped");
        }
    }

    private static bool RunAll(CliContext context, Sensor sensor, List<(Trigger Trigger, string Yaml)> workflows, IReadOnlyDictionary<string, SimEvent> events, RunPassThrough pass)
    {
        var stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var folder = pass.RunDir is { } d ? context.Resolve(d) : Path.Combine(context.WorkingDirectory, ".pipelines", "events", stamp);
        Directory.CreateDirectory(folder);
        var failed = false;
        foreach (var (trigger, yaml) in workflows)
        {
            var name = trigger.Template?.Name ?? "trigger";
            var path = Path.Combine(folder, name + ".yaml");
            File.WriteAllText(path, yaml);
            var args = new List<string> { "run", path, "--run-dir", Path.Combine(folder, name) };
            foreach (var w in pass.With)
            {
                args.Add("--with");
                args.Add(context.Resolve(w));
            }

            if (pass.Host)
            {
                args.Add("--host");
            }

            foreach (var m in pass.Mock)
            {
                args.Add("--mock");
                args.Add(m);
            }

            context.Err($"trigger '{name}': running the Workflow ({context.Display(path)})");
            var code = Program.Run([.. args], context.Stdout, context.Stderr, context.WorkingDirectory);
            if (code == Program.ExitUsage)
            {
                failed = true;
                context.Err($"trigger '{name}': the Workflow could not be run (above)");
            }
            else if (code != Program.ExitOk)
            {
                failed = true;
                ShowDlq(context, sensor, trigger, events, $"trigger '{name}': the Workflow failed. A dlqTrigger fires only when the submission itself fails, so a failed run needs the template's onExit handler; this is what the dlqTrigger would do");
            }
        }

        return failed;
    }
}
