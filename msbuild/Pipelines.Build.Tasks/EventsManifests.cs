using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using Pipelines.Argo;
using Pipelines.Argo.Events;
using Pipelines.Argo.Model;
using ArtifactLocation = Pipelines.Argo.Events.ArtifactLocation;
using Backoff = Pipelines.Argo.Events.Backoff;
using Metadata = Pipelines.Argo.Events.Metadata;
using ObjectMeta = Pipelines.Argo.Events.ObjectMeta;
using SecretKeySelector = Pipelines.Argo.Events.SecretKeySelector;
using Template = Pipelines.Argo.Events.Template;
using Wf = Pipelines.Argo.Model;

namespace Pipelines.Build.Tasks;

/// <summary>
/// Builds the Argo Events and RBAC objects of a project from the trigger descriptions the source generator embeds
/// (<c>[PipelineEvents]</c>, docs/events.md "What the build writes"), with the typed events model, so that the canonical
/// writer writes them. EventSources named by several triggers are merged (one entry per event); so are
/// ServiceAccounts. Every object gets a file name <c>&lt;kind&gt;-&lt;name&gt;.yaml</c>.
/// </summary>
internal sealed class EventsManifests
{
    /// <summary>The Sensor's rules (ARGO-EVENTS 7.2): submit needs create and list; the CLI gets the template; a policy gets the workflow.</summary>
    internal static readonly (string Resource, string[] Verbs)[] SensorRules =
    [
        ("workflows", ["create", "get", "list"]),
        ("workflowtemplates", ["get", "list"]),
    ];

    /// <summary>The workflow pods' rules: the executor's minimum on workflowtaskresults (ARGO-EVENTS 7.1).</summary>
    internal static readonly (string Resource, string[] Verbs)[] WorkflowRules =
    [
        ("workflowtaskresults", ["create", "patch"]),
    ];

    private static readonly Regex SafeName = new("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", RegexOptions.CultureInvariant);

    private readonly Dictionary<string, (string Type, string Owner, EventSource Object)> _sources = new(StringComparer.Ordinal);

    private readonly Dictionary<string, (string Owner, ServiceAccount Account, SortedDictionary<string, SortedSet<string>> Rules)> _accounts = new(StringComparer.Ordinal);

    private readonly List<Sensor> _sensors = [];

    private readonly string? _busName;

    /// <summary>Creates a builder.</summary>
    /// <param name="busName">The bus every object names in <c>eventBusName</c>; null or <c>default</c> for the default bus.</param>
    public EventsManifests(string? busName) => _busName = busName is null or "default" ? null : busName;

    /// <summary>The WorkflowTemplates the dead-letter paths submit, with the id of the trigger that names each.</summary>
    public List<(string Id, string Template)> DeadLetterTemplates { get; } = [];

    /// <summary>
    /// Adds one trigger description. Problems go to <paramref name="report"/> as (code, message); the description is
    /// skipped when it cannot be read, and a conflicting part is left out.
    /// </summary>
    /// <param name="id">The workflow class's id.</param>
    /// <param name="json">The description.</param>
    /// <param name="report">Receives problems.</param>
    /// <param name="manifestOf">The written manifest of a class by id: an inline trigger carries the whole Workflow.</param>
    public void Add(string id, string json, Action<FindingDescriptor, string> report, Func<string, Argo.Yaml.YamlMapping?>? manifestOf = null)
    {
        JsonElement root;
        try
        {
            using var doc = JsonDocument.Parse(json);
            root = doc.RootElement.Clone();
        }
        catch (JsonException e)
        {
            report(BuildCodes.EventsDescriptionInvalid, $"{id}: the trigger description is not JSON ({e.Message})");
            return;
        }

        try
        {
            AddTrigger(id, root, report, manifestOf);
        }
        catch (Exception e) when (e is InvalidOperationException or KeyNotFoundException or FormatException)
        {
            report(BuildCodes.EventsDescriptionInvalid, $"{id}: the trigger description is not the one the source generator writes ({e.Message}); rebuild the project");
        }
    }

    /// <summary>Every object with its file name, in file-name order.</summary>
    public List<(string FileName, IEventsObject Object)> Objects(DeclaredEventBus? bus)
    {
        var all = new List<(string, IEventsObject)>();
        foreach (var source in _sources.Values)
        {
            // Entries in event-name order, whichever class was read first.
            var spec = source.Object.Spec!;
            spec.Kafka = Sorted(spec.Kafka);
            spec.Webhook = Sorted(spec.Webhook);
            spec.Calendar = Sorted(spec.Calendar);
            all.Add(("eventsource-" + source.Object.Metadata!.Name + ".yaml", source.Object));
        }

        foreach (var sensor in _sensors)
        {
            all.Add(("sensor-" + sensor.Metadata!.Name + ".yaml", sensor));
        }

        foreach (var (name, (_, account, rules)) in _accounts)
        {
            all.Add(("serviceaccount-" + name + ".yaml", account));
            if (rules.Count == 0)
            {
                continue;
            }

            var role = new Role
            {
                Metadata = new ObjectMeta { Name = name },
                Rules = rules.Select(r => new PolicyRule { Verbs = [.. r.Value], ApiGroups = ["argoproj.io"], Resources = [r.Key] }).ToList(),
            };
            var binding = new RoleBinding
            {
                Metadata = new ObjectMeta { Name = name },
                Subjects = [new Subject { Kind = "ServiceAccount", Name = name }],
                RoleRef = new RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "Role", Name = name },
            };
            all.Add(("role-" + name + ".yaml", role));
            all.Add(("rolebinding-" + name + ".yaml", binding));
        }

        if (bus is not null)
        {
            all.Add(("eventbus-" + bus.Name + ".yaml", new EventBus
            {
                Metadata = new ObjectMeta { Name = bus.Name },
                Spec = new EventBusSpec { Jetstream = new JetStreamBus { Version = bus.Version, Replicas = bus.Replicas } },
            }));
        }

        return all.OrderBy(o => o.Item1, StringComparer.Ordinal).ToList();
    }

    private static OrderedMap<T>? Sorted<T>(OrderedMap<T>? map)
    {
        if (map is null)
        {
            return null;
        }

        var sorted = new OrderedMap<T>();
        foreach (var key in map.Keys.OrderBy(k => k, StringComparer.Ordinal))
        {
            sorted[key] = map[key];
        }

        return sorted;
    }

    private void AddTrigger(string id, JsonElement d, Action<FindingDescriptor, string> report, Func<string, Argo.Yaml.YamlMapping?>? manifestOf)
    {
        var template = Str(d, "template")!;
        var sourceType = Str(d, "sourceType")!;
        var eventSourceName = Str(d, "eventSource")!;
        var eventName = Str(d, "eventName")!;
        var sensorName = Str(d, "sensor")!;
        var dependencyName = Str(d, "dependency") ?? eventName;
        var triggerName = Str(d, "trigger") ?? template;
        var create = Str(d, "action") == "create";
        Argo.Yaml.YamlMapping? inline = null;
        if (Bool(d, "inline") == true && (inline = manifestOf?.Invoke(id)) is null)
        {
            report(BuildCodes.EventsDescriptionInvalid, $"{id}: the trigger carries its Workflow, but the build wrote no manifest for it");
            return;
        }
        foreach (var name in new[] { template, eventSourceName, sensorName })
        {
            if (!SafeName.IsMatch(name))
            {
                report(BuildCodes.EventsDescriptionInvalid, $"{id}: '{name}' is not a Kubernetes name (PIPE4909 reports it at the attribute)");
                return;
            }
        }

        var identities = d.GetProperty("identities").EnumerateArray().ToDictionary(i => Str(i, "component")!, i => i, StringComparer.Ordinal);
        var sourceIdentity = identities["eventsource"];
        var sensorIdentity = identities["sensor"];

        // The EventSource entry, merged into the EventSource of that name.
        var entry = new EventSourceSpec();
        switch (sourceType)
        {
            case "kafka":
                entry.Kafka = new OrderedMap<KafkaEventSource> { [eventName] = Kafka(d.GetProperty("kafka")) };
                break;
            case "webhook":
                var webhook = d.GetProperty("webhook");
                entry.Webhook = new OrderedMap<WebhookEventSource>
                {
                    [eventName] = new WebhookEventSource
                    {
                        Endpoint = Str(webhook, "endpoint"),
                        Method = Str(webhook, "method"),

                        // schema.json requires url (the Go tag has no omitempty); empty means no external URL to register.
                        Url = string.Empty,
                        Port = Int(webhook, "port")!.Value.ToString(CultureInfo.InvariantCulture),
                        AuthSecret = Secret(webhook, "auth"),
                    },
                };
                entry.Service = new Service { Ports = [new ServicePort { Port = Int(webhook, "port"), TargetPort = (long)Int(webhook, "port")!.Value }] };
                break;
            default:
                var calendar = d.GetProperty("calendar");
                entry.Calendar = new OrderedMap<CalendarEventSource>
                {
                    [eventName] = new CalendarEventSource { Schedule = Str(calendar, "schedule"), Interval = Str(calendar, "interval"), Timezone = Str(calendar, "timezone") },
                };
                break;
        }

        AddSource(id, eventSourceName, sourceType, eventName, entry, sourceIdentity, report);
        AddAccount(id, sourceIdentity, [], report);
        AddAccount(id, sensorIdentity, SensorRules, report);
        AddAccount(id, identities["workflow"], WorkflowRules, report);

        // The Sensor: one dependency, one trigger that submits a thin Workflow referencing the template (or, inline,
        // the class's whole Workflow).
        var dependency = new EventDependency { Name = dependencyName, EventSourceName = eventSourceName, EventName = eventName };
        var filters = d.GetProperty("filters").EnumerateArray().Select(f => new DataFilter
        {
            Path = Str(f, "path"),
            Type = Str(f, "type"),
            Value = f.GetProperty("values").EnumerateArray().Select(v => v.GetString()!).ToList(),
            Comparator = Str(f, "comparator") is "=" ? null : Str(f, "comparator"),
        }).ToList();
        if (filters.Count > 0)
        {
            dependency.Filters = new EventDependencyFilter { Data = filters };
        }

        var parameters = d.GetProperty("parameters").EnumerateArray().ToList();
        var resource = inline ?? ThinWorkflow(template + "-", template, null, parameters.Select(p => Str(p, "name")!));
        var arguments = ArgumentNames(resource);
        var mappings = new List<TriggerParameter>();
        foreach (var p in parameters)
        {
            var index = arguments.IndexOf(Str(p, "name")!);
            if (index < 0)
            {
                report(BuildCodes.EventsDescriptionInvalid, $"{id}: the Workflow has no argument '{Str(p, "name")}' to fill from the message");
                continue;
            }

            mappings.Add(Parameter(dependencyName, p, index));
        }

        var source = new ArtifactLocation { Resource = resource };
        var trigger = new Trigger
        {
            Template = create
                ? new TriggerTemplate { Name = triggerName, K8s = new StandardK8STrigger { Operation = "create", Source = source, Parameters = mappings.Count > 0 ? mappings : null } }
                : new TriggerTemplate { Name = triggerName, ArgoWorkflow = new ArgoWorkflowTrigger { Operation = "submit", Source = source, Parameters = mappings.Count > 0 ? mappings : null } },
        };

        if (Bool(d, "atLeastOnce") == true)
        {
            trigger.AtLeastOnce = true;
        }

        if (d.TryGetProperty("retry", out var retry))
        {
            trigger.RetryStrategy = Backoff(retry);
        }

        if (d.TryGetProperty("rateLimit", out var rate))
        {
            trigger.RateLimit = new RateLimit { Unit = Str(rate, "unit"), RequestsPerUnit = Int(rate, "requestsPerUnit") };
        }

        if (d.TryGetProperty("policy", out var policy))
        {
            var labels = new OrderedMap<string>();
            foreach (var label in policy.GetProperty("labels").EnumerateObject())
            {
                labels[label.Name] = label.Value.GetString()!;
            }

            trigger.Policy = new TriggerPolicy
            {
                K8s = new K8SResourcePolicy { Labels = labels, Backoff = Backoff(policy.GetProperty("backoff")), ErrorOnBackoffTimeout = Bool(policy, "errorOnTimeout") ?? true },
            };
        }

        if (d.TryGetProperty("deadLetter", out var deadLetter))
        {
            trigger.DlqTrigger = DeadLetter(id, template, dependencyName, sourceType, deadLetter);
        }

        _sensors.Add(new Sensor
        {
            Metadata = new ObjectMeta { Name = sensorName },
            Spec = new SensorSpec
            {
                Template = Managed(sensorIdentity) ? PodTemplate(sensorIdentity) : null,
                EventBusName = _busName,
                Dependencies = [dependency],
                Triggers = [trigger],
            },
        });
    }

    private Trigger DeadLetter(string id, string template, string dependency, string sourceType, JsonElement d)
    {
        var retry = new Backoff { Steps = Int(d, "steps") ?? 3, Duration = "1s", Factor = 2.0 };
        if (Str(d, "topic") is { } topic)
        {
            var kafka = new Argo.Events.KafkaTrigger
            {
                Url = Str(d, "url"),
                Topic = topic,
                Payload = [new TriggerParameter { Src = new TriggerParameterSource { DependencyName = dependency }, Dest = "event" }],
                Tls = Tls(d, null, null),
                Sasl = Sasl(d),
            };
            var dlq = new Trigger
            {
                Template = new TriggerTemplate { Name = template + "-dead-letter", Kafka = kafka },
                AtLeastOnce = true,
                RetryStrategy = retry,
            };

            // The dead letter keeps the message's partitioning key.
            if (sourceType == "kafka")
            {
                dlq.Parameters = [new TriggerParameter { Src = new TriggerParameterSource { DependencyName = dependency, DataKey = "key" }, Dest = "kafka.partitioningKey" }];
            }

            return dlq;
        }

        var target = Str(d, "workflowTemplate")!;
        DeadLetterTemplates.Add((id, target));
        return new Trigger
        {
            Template = new TriggerTemplate
            {
                Name = template + "-dead-letter",
                ArgoWorkflow = new ArgoWorkflowTrigger
                {
                    Operation = "submit",
                    Source = new ArtifactLocation { Resource = ThinWorkflow(target + "-dead-letter-", target, Str(d, "entrypoint"), [Str(d, "parameter")!]) },
                    Parameters = [new TriggerParameter { Src = new TriggerParameterSource { DependencyName = dependency }, Dest = "spec.arguments.parameters.0.value" }],
                },
            },
            AtLeastOnce = true,
            RetryStrategy = retry,
        };
    }

    /// <summary>The names of a Workflow's <c>spec.arguments.parameters</c>, in order: the indices a <c>dest</c> may use.</summary>
    private static List<string> ArgumentNames(Argo.Yaml.YamlMapping workflow) =>
        ((((workflow.Get("spec") as Argo.Yaml.YamlMapping)?.Get("arguments") as Argo.Yaml.YamlMapping)?.Get("parameters") as Argo.Yaml.YamlSequence)?.Items ?? [])
            .Select(i => ((i as Argo.Yaml.YamlMapping)?.Get("name") as Argo.Yaml.YamlScalar)?.Value ?? string.Empty)
            .ToList();

    private static bool Managed(JsonElement identity) => Bool(identity, "managed") != false;

    private static TriggerParameter Parameter(string dependency, JsonElement p, int index)
    {
        var source = new TriggerParameterSource { DependencyName = dependency };
        if (Bool(p, "wholeEvent") != true)
        {
            source.DataKey = Str(p, "path");
            source.Value = Str(p, "default");
        }

        return new TriggerParameter { Src = source, Dest = "spec.arguments.parameters." + index.ToString(CultureInfo.InvariantCulture) + ".value" };
    }

    /// <summary>The Workflow the Sensor submits: a reference to the template and one placeholder argument per mapped input, in order.</summary>
    private static Argo.Yaml.YamlMapping ThinWorkflow(string generateName, string template, string? entrypoint, IEnumerable<string> arguments)
    {
        var workflow = new Wf.Workflow
        {
            Metadata = new Wf.ObjectMeta { GenerateName = generateName },
            Spec = new Wf.WorkflowSpec
            {
                WorkflowTemplateRef = new WorkflowTemplateRef { Name = template },
                Entrypoint = entrypoint,
            },
        };
        var list = arguments.Select(a => new Wf.Parameter { Name = a, Value = string.Empty }).ToList();
        if (list.Count > 0)
        {
            workflow.Spec.Arguments = new Arguments { Parameters = list };
        }

        return ArgoYaml.ToYaml(workflow);
    }

    private void AddSource(string id, string name, string type, string eventName, EventSourceSpec entry, JsonElement identity, Action<FindingDescriptor, string> report)
    {
        var account = Managed(identity) ? Str(identity, "serviceAccount")! : null;
        if (!_sources.TryGetValue(name, out var existing))
        {
            entry.Template = account is null ? null : PodTemplate(identity);
            entry.EventBusName = _busName;
            _sources[name] = (type, id, new EventSource { Metadata = new ObjectMeta { Name = name }, Spec = entry });
            return;
        }

        var spec = existing.Object.Spec!;
        if (existing.Type != type)
        {
            report(BuildCodes.EventsConflict, $"{id}: the EventSource '{name}' already holds a {existing.Type} event ({existing.Owner}); Argo Events runs one source type per EventSource, so give this {type} trigger its own EventSource");
            return;
        }

        if (spec.Template?.ServiceAccountName != account)
        {
            report(BuildCodes.EventsConflict, $"{id}: the EventSource '{name}' runs as '{spec.Template?.ServiceAccountName ?? "(not managed)"}' ({existing.Owner}), not '{account ?? "(not managed)"}'; declare the same [EventsIdentity(EventsComponent.EventSource)] on both");
            return;
        }

        switch (type)
        {
            case "kafka":
                Merge(spec.Kafka!, entry.Kafka!, id, name, eventName, existing.Owner, report);
                break;
            case "webhook":
                Merge(spec.Webhook!, entry.Webhook!, id, name, eventName, existing.Owner, report);
                break;
            default:
                Merge(spec.Calendar!, entry.Calendar!, id, name, eventName, existing.Owner, report);
                break;
        }
    }

    private static void Merge<T>(OrderedMap<T> into, OrderedMap<T> from, string id, string name, string eventName, string owner, Action<FindingDescriptor, string> report)
        where T : class
    {
        var added = from[eventName];
        if (into.TryGetValue(eventName, out var present))
        {
            if (Yaml(present) != Yaml(added))
            {
                report(BuildCodes.EventsConflict, $"{id}: the event '{eventName}' of EventSource '{name}' is already declared differently by {owner}; make the settings equal or give it another EventName");
            }

            return;
        }

        into[eventName] = added;
    }

    private static string Yaml<T>(T value)
        where T : class
    {
        var holder = new EventSource { Metadata = new ObjectMeta { Name = "x" }, Spec = new EventSourceSpec() };
        switch (value)
        {
            case KafkaEventSource k:
                holder.Spec.Kafka = new OrderedMap<KafkaEventSource> { ["x"] = k };
                break;
            case WebhookEventSource w:
                holder.Spec.Webhook = new OrderedMap<WebhookEventSource> { ["x"] = w };
                break;
            case CalendarEventSource c:
                holder.Spec.Calendar = new OrderedMap<CalendarEventSource> { ["x"] = c };
                break;
        }

        return EventsYaml.Write(holder);
    }

    private void AddAccount(string id, JsonElement identity, (string Resource, string[] Verbs)[] rules, Action<FindingDescriptor, string> report)
    {
        if (!Managed(identity))
        {
            return;
        }

        var name = Str(identity, "serviceAccount")!;
        var annotations = new OrderedMap<string>();
        if (identity.TryGetProperty("annotations", out var a))
        {
            foreach (var pair in a.EnumerateObject())
            {
                annotations[pair.Name] = pair.Value.GetString()!;
            }
        }

        var account = new ServiceAccount { Metadata = new ObjectMeta { Name = name, Annotations = annotations.Count > 0 ? annotations : null } };
        if (!_accounts.TryGetValue(name, out var existing))
        {
            existing = (id, account, new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal));
            _accounts[name] = existing;
        }
        else if (EventsYaml.Write(existing.Account) != EventsYaml.Write(account))
        {
            report(BuildCodes.EventsConflict, $"{id}: the ServiceAccount '{name}' is declared with other identity annotations by {existing.Owner}; one account has one cloud identity, so declare the same [EventsIdentity] or another ServiceAccount name");
            return;
        }

        foreach (var (resource, verbs) in rules)
        {
            if (!existing.Rules.TryGetValue(resource, out var set))
            {
                existing.Rules[resource] = set = new SortedSet<string>(StringComparer.Ordinal);
            }

            set.UnionWith(verbs);
        }
    }

    private static Template PodTemplate(JsonElement identity)
    {
        var template = new Template { ServiceAccountName = Str(identity, "serviceAccount") };
        if (identity.TryGetProperty("podLabels", out var labels))
        {
            var map = new OrderedMap<string>();
            foreach (var pair in labels.EnumerateObject())
            {
                map[pair.Name] = pair.Value.GetString()!;
            }

            template.Metadata = new Metadata { Labels = map };
        }

        return template;
    }

    private static KafkaEventSource Kafka(JsonElement k)
    {
        var source = new KafkaEventSource
        {
            Url = Str(k, "url"),
            Topic = Str(k, "topic"),
            JsonBody = Bool(k, "jsonBody") == true ? true : null,
            Version = Str(k, "version"),
            LimitEventsPerSecond = Int(k, "limitEventsPerSecond"),
            Tls = Tls(k, "tlsClientCert", "tlsClientKey"),
            Sasl = Sasl(k),
            ConnectionBackoff = k.TryGetProperty("connectionBackoff", out var connection) ? Backoff(connection) : null,
        };
        if (Str(k, "consumerGroup") is { } group)
        {
            source.ConsumerGroup = new KafkaConsumerGroup { GroupName = group, Oldest = Bool(k, "oldest") == true ? true : null };
        }
        else if (Int(k, "partition") is { } partition)
        {
            source.Partition = partition.ToString(CultureInfo.InvariantCulture);
        }

        if (Str(k, "mskRegion") is { } region)
        {
            source.AwsMskIamAuth = new AWSMSKIAMConfig { Region = region };
        }

        return source;
    }

    private static TLSConfig? Tls(JsonElement e, string? cert, string? key)
    {
        var tls = new TLSConfig
        {
            CaCertSecret = Secret(e, "tlsCa"),
            ClientCertSecret = cert is null ? null : Secret(e, cert),
            ClientKeySecret = key is null ? null : Secret(e, key),
        };
        if (Bool(e, "tls") == true && tls.CaCertSecret is null && tls.ClientCertSecret is null)
        {
            tls.Enabled = true;
        }

        return tls.CaCertSecret is null && tls.ClientCertSecret is null && tls.Enabled is null ? null : tls;
    }

    private static SASLConfig? Sasl(JsonElement e) =>
        Secret(e, "saslUser") is { } user
            ? new SASLConfig { Mechanism = Str(e, "saslMechanism"), UserSecret = user, PasswordSecret = Secret(e, "saslPassword") }
            : null;

    private static SecretKeySelector? Secret(JsonElement e, string name) =>
        e.TryGetProperty(name, out var s) ? new SecretKeySelector { Name = Str(s, "name"), Key = Str(s, "key") } : null;

    private static Backoff Backoff(JsonElement b)
    {
        var backoff = new Backoff
        {
            Steps = Int(b, "steps"),
            Duration = Str(b, "duration") ?? "1s",
            Factor = b.GetProperty("factor").GetDouble(),
        };
        if (b.TryGetProperty("jitter", out var jitter))
        {
            backoff.Jitter = jitter.GetDouble();
        }

        return backoff;
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static int? Int(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : null;

    private static bool? Bool(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : null;
}
