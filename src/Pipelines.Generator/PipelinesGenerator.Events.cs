using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Pipelines.Generator.Model;

namespace Pipelines.Generator;

public sealed partial class PipelinesGenerator
{
    /// <summary>
    /// Argo Events triggers of a WorkflowTemplate class (<c>[KafkaTrigger]</c>, <c>[WebhookTrigger]</c>,
    /// <c>[CalendarTrigger]</c> and their settings): parsed into an <see cref="EventsSpec"/>, embedded as a
    /// <c>[PipelineEvents]</c> attribute for the build task, which writes the EventSource, Sensor and RBAC manifests.
    /// What would fail at run time is recorded as problems PIPE4901-4949 (the analyzers report them).
    /// </summary>
    internal static class Events
    {
        public const string KafkaTrigger = "Pipelines.KafkaTriggerAttribute";
        public const string WebhookTrigger = "Pipelines.WebhookTriggerAttribute";
        public const string CalendarTrigger = "Pipelines.CalendarTriggerAttribute";
        public const string FromMessage = "Pipelines.FromMessageAttribute";
        public const string FromEvent = "Pipelines.FromEventAttribute";
        public const string MessageFilter = "Pipelines.MessageFilterAttribute";
        public const string AtLeastOnce = "Pipelines.AtLeastOnceAttribute";
        public const string TriggerRetry = "Pipelines.TriggerRetryAttribute";
        public const string TriggerRateLimit = "Pipelines.TriggerRateLimitAttribute";
        public const string TriggerPolicy = "Pipelines.TriggerPolicyAttribute";
        public const string DeadLetterTopic = "Pipelines.DeadLetterTopicAttribute";
        public const string DeadLetterTemplate = "Pipelines.DeadLetterTemplateAttribute";
        public const string EventsIdentity = "Pipelines.EventsIdentityAttribute";
        public const string TriggerSensor = "Pipelines.TriggerSensorAttribute";
        public const string KafkaConnectionBackoff = "Pipelines.KafkaConnectionBackoffAttribute";

        /// <summary>The most attempts a retry schedule may have: <c>atLeastOnce</c> triggers hold the subscription while they retry.</summary>
        public const int MaxSteps = 10;

        /// <summary>The longest single wait (seconds) a retry schedule may reach, for the same reason.</summary>
        public const double MaxWaitSeconds = 600;

        private static readonly string[] Sources = [KafkaTrigger, WebhookTrigger, CalendarTrigger];

        private static readonly string[] Settings = [MessageFilter, AtLeastOnce, TriggerRetry, TriggerRateLimit, TriggerPolicy, DeadLetterTopic, DeadLetterTemplate, EventsIdentity, TriggerSensor, KafkaConnectionBackoff];

        private static readonly Regex SecretReference = new("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?:[-._a-zA-Z0-9]+$", RegexOptions.CultureInvariant);

        private static readonly Regex Dns1123 = new("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", RegexOptions.CultureInvariant);

        private static readonly Regex GoDurationPart = new("([0-9]+(?:\\.[0-9]+)?)(ns|us|µs|ms|s|m|h)", RegexOptions.CultureInvariant);

        private static readonly Regex AwsRole = new("^arn:aws[a-z-]*:iam::[0-9]{12}:role/[\\w+=,.@/-]+$", RegexOptions.CultureInvariant);

        private static readonly Regex GcpAccount = new("^[a-z][-a-z0-9]{4,28}[a-z0-9]@[-a-z0-9]+\\.iam\\.gserviceaccount\\.com$", RegexOptions.CultureInvariant);

        private static readonly Regex Guid = new("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$", RegexOptions.CultureInvariant);

        private static readonly string[] Comparators = ["=", "!=", "<", "<=", ">", ">="];

        /// <summary>The top-level keys of the event data each source type publishes (ARGO-EVENTS.md 1.3; webhook and calendar payloads).</summary>
        public static IReadOnlyList<string> Envelope(string sourceType) => sourceType switch
        {
            "kafka" => ["topic", "key", "partition", "body", "timestamp", "headers", "metadata"],
            "webhook" => ["header", "body"],
            _ => ["eventTime", "metadata"],
        };

        /// <summary>
        /// Reads the trigger of a workflow class; null when it declares none. Problems go to <paramref name="problems"/>;
        /// a trigger whose settings have problems is still returned when it can be written, so the build and the
        /// analyzers see the same thing.
        /// </summary>
        public static EventsSpec? Read(INamedTypeSymbol type, WorkflowKind kind, string? templateName, IReadOnlyList<MethodHeader> methods, List<ProblemSpec> problems, CancellationToken ct, string? generateName = null)
        {
            var attributes = type.GetAttributes();
            var sources = attributes.Where(a => Sources.Contains(Parser.AttributeName(a))).ToList();
            var settings = attributes.Where(a => Settings.Contains(Parser.AttributeName(a))).ToList();
            var fallback = type.Locations.FirstOrDefault() ?? Location.None;
            var mapped = new List<(MethodHeader Method, ParameterHeader Parameter, AttributeData Attribute)>();
            foreach (var m in methods)
            {
                foreach (var p in m.Parameters)
                {
                    if (p.Symbol.GetAttributes().FirstOrDefault(a => Parser.AttributeName(a) is FromMessage or FromEvent) is { } a)
                    {
                        mapped.Add((m, p, a));
                    }
                }
            }

            if (sources.Count == 0)
            {
                foreach (var a in settings)
                {
                    Problems.Add(problems, ProblemCodes.TriggerMisplaced, Where(a, fallback), ShortName(a), type.Name, "declares no [KafkaTrigger], [WebhookTrigger] or [CalendarTrigger], so nothing uses it");
                }

                foreach (var (_, p, a) in mapped)
                {
                    Problems.Add(problems, ProblemCodes.TriggerMisplaced, Where(a, fallback), ShortName(a), type.Name, "declares no [KafkaTrigger], [WebhookTrigger] or [CalendarTrigger], so nothing fills '" + p.Name + "' from a message");
                }

                return null;
            }

            var source = sources[0];
            foreach (var extra in sources.Skip(1))
            {
                Problems.Add(problems, ProblemCodes.InvalidTriggerSetting, Where(extra, fallback), ShortName(extra), "a class has one trigger source; declare another WorkflowTemplate class for this one");
            }

            // A WorkflowTemplate is referenced by a thin Workflow; a Workflow is carried whole by the Sensor (inline).
            var inline = kind == WorkflowKind.Workflow;
            if ((kind != WorkflowKind.WorkflowTemplate || string.IsNullOrEmpty(templateName)) && (!inline || (string.IsNullOrEmpty(templateName) && string.IsNullOrEmpty(generateName))))
            {
                Problems.Add(problems, ProblemCodes.TriggerMisplaced, Where(source, fallback), ShortName(source), type.Name, "is not a named [WorkflowTemplate] or [Workflow]: a Sensor submits a Workflow, whole or referencing a WorkflowTemplate");
                return null;
            }

            var template = inline ? Naming.ToKebabCase(type.Name) : templateName!;
            var sourceType = Parser.AttributeName(source) switch
            {
                KafkaTrigger => "kafka",
                WebhookTrigger => "webhook",
                _ => "calendar",
            };

            var message = Named(source, "Message") as INamedTypeSymbol;
            var eventSource = String(source, "EventSource") ?? template + "-" + sourceType;
            CheckName(problems, source, "EventSource", eventSource, fallback);
            KafkaSourceSpec? kafka = null;
            WebhookSourceSpec? webhook = null;
            CalendarSourceSpec? calendar = null;
            string eventName;
            var jsonBody = true;
            switch (sourceType)
            {
                case "kafka":
                    kafka = ReadKafka(source, problems, fallback);
                    eventName = String(source, "EventName") ?? kafka.Topic;
                    jsonBody = kafka.JsonBody;
                    break;
                case "webhook":
                    webhook = ReadWebhook(source, problems, fallback);
                    eventName = String(source, "EventName") ?? (webhook.Endpoint.Trim('/').Replace('/', '-') is { Length: > 0 } e ? e : "webhook");
                    break;
                default:
                    calendar = ReadCalendar(source, problems, fallback);
                    eventName = String(source, "EventName") ?? "schedule";
                    break;
            }

            if (eventName.Length == 0)
            {
                Problems.Add(problems, ProblemCodes.InvalidTriggerSetting, Argument(source, "EventName", -1, fallback), ShortName(source), "EventName is empty");
            }

            // The thin Workflow's arguments: the entrypoint's inputs, in order; every one needs a mapping or a default.
            var parameters = new List<EventParameterSpec>();
            var entrypoint = methods.FirstOrDefault(m => m.IsEntrypoint && m.Kind is not null);
            foreach (var (m, p, a) in mapped)
            {
                if (m != entrypoint || !m.EntrypointArguments || p.Value is not null)
                {
                    Problems.Add(problems, ProblemCodes.MappingNotOnEntrypoint, Where(a, fallback), ShortName(a), p.Name, m.Symbol.Name);
                }
            }

            if (entrypoint is { EntrypointArguments: true })
            {
                foreach (var p in entrypoint.Parameters.Where(p => p.Value is null))
                {
                    ct.ThrowIfCancellationRequested();
                    var a = p.Symbol.GetAttributes().FirstOrDefault(x => Parser.AttributeName(x) is FromMessage or FromEvent);
                    if (a is null)
                    {
                        if (p.Default is null)
                        {
                            var at = p.Symbol.Locations.FirstOrDefault() ?? fallback;
                            Problems.Add(problems, ProblemCodes.InputWithoutMapping, at, p.Name, template);
                        }

                        continue;
                    }

                    if (Parser.AttributeName(a) == FromEvent)
                    {
                        parameters.Add(new EventParameterSpec(p.Name, null, null, true));
                        continue;
                    }

                    var path = Breadth.Scalar(a, 0) as string ?? string.Empty;
                    CheckPath(problems, a, 0, path, sourceType, message, jsonBody, fallback);
                    parameters.Add(new EventParameterSpec(p.Name, path, String(a, "Default"), false));
                }
            }

            var filters = new List<EventFilterSpec>();
            foreach (var a in attributes.Where(a => Parser.AttributeName(a) == MessageFilter))
            {
                var path = Breadth.Scalar(a, 0) as string ?? string.Empty;
                CheckPath(problems, a, 0, path, sourceType, message, jsonBody, fallback);
                var values = a.ConstructorArguments.Length > 1 && a.ConstructorArguments[1] is { Kind: TypedConstantKind.Array, IsNull: false } array
                    ? array.Values.Select(v => v.Value as string ?? string.Empty).ToList()
                    : [];
                var filterType = Enum(a, "Type") switch
                {
                    1 => "number",
                    2 => "bool",
                    _ => "string",
                };
                var comparator = String(a, "Comparator") ?? "=";
                if (values.Count == 0 || values.Any(v => v.Length == 0))
                {
                    Problems.Add(problems, ProblemCodes.InvalidTriggerSetting, Where(a, fallback), "MessageFilter", "give at least one value, none empty: a filter without values is rejected by Argo Events");
                }
                else if (!Comparators.Contains(comparator) || (filterType == "string" && comparator is not ("=" or "!=")))
                {
                    Problems.Add(problems, ProblemCodes.InvalidTriggerSetting, Argument(a, "Comparator", -1, fallback), "MessageFilter", "comparator '" + comparator + "' never matches a " + filterType + " filter (strings take = and !=; numbers =, !=, <, <=, >, >=)");
                }
                else if (filterType == "number" && values.Any(v => !double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
                {
                    Problems.Add(problems, ProblemCodes.InvalidTriggerSetting, Where(a, fallback), "MessageFilter", "a number filter's values must be numbers");
                }
                else if (filterType == "bool" && values.Any(v => v is not ("true" or "false")))
                {
                    Problems.Add(problems, ProblemCodes.InvalidTriggerSetting, Where(a, fallback), "MessageFilter", "a bool filter's values must be true or false");
                }

                filters.Add(new EventFilterSpec(path, filterType, comparator, values.ToImmutableEquatableArray()));
            }

            var atLeastOnce = attributes.Any(a => Parser.AttributeName(a) == AtLeastOnce);
            BackoffSpec? retry = null;
            RateLimitSpec? rateLimit = null;
            PolicySpec? policy = null;
            DeadLetterSpec? deadLetter = null;
            foreach (var a in settings)
            {
                switch (Parser.AttributeName(a))
                {
                    case TriggerRetry:
                        retry = ReadBackoff(a, Int(a, "Steps") ?? 0, "1s", 2, 0.2, problems, fallback);
                        break;
                    case TriggerRateLimit:
                        var perUnit = Breadth.Scalar(a, 0) is int n ? n : 0;
                        if (perUnit < 1)
                        {
                            Problems.Add(problems, ProblemCodes.InvalidTriggerSetting, Argument(a, null, 0, fallback), "TriggerRateLimit", "requestsPerUnit must be at least 1 (0 stops the Sensor at start)");
                        }

                        rateLimit = new RateLimitSpec(Enum(a, "Unit") switch { 1 => "Minute", 2 => "Hour", _ => "Second" }, perUnit);
                        break;
                    case TriggerPolicy:
                        var labels = a.ConstructorArguments.Length > 0 && a.ConstructorArguments[0] is { Kind: TypedConstantKind.Array, IsNull: false } list
                            ? list.Values.Select(v => v.Value as string ?? string.Empty).ToList()
                            : [];
                        if (labels.Count == 0)
                        {
                            labels.Add("workflows.argoproj.io/phase=Succeeded");
                        }

                        var pairs = new List<KeyValueSpec>();
                        foreach (var label in labels)
                        {
                            var eq = label.IndexOf('=');
                            if (eq <= 0)
                            {
                                Problems.Add(problems, ProblemCodes.InvalidTriggerSetting, Where(a, fallback), "TriggerPolicy", "label '" + label + "' is not key=value");
                                continue;
                            }

                            pairs.Add(new KeyValueSpec(label.Substring(0, eq).Trim(), label.Substring(eq + 1).Trim()));
                        }

                        policy = new PolicySpec(pairs.ToImmutableEquatableArray(), ReadBackoff(a, Int(a, "Steps") ?? 5, "5s", 2, null, problems, fallback, maxSteps: 20), Bool(a, "ErrorOnTimeout") ?? true);
                        break;
                    case DeadLetterTopic when deadLetter is null:
                        deadLetter = ReadDeadLetterTopic(a, kafka, problems, fallback);
                        break;
                    case DeadLetterTemplate when deadLetter is null:
                        deadLetter = ReadDeadLetterTemplate(a, template, methods, problems, fallback);
                        break;
                    case DeadLetterTopic or DeadLetterTemplate:
                        Problems.Add(problems, ProblemCodes.InvalidTriggerSetting, Where(a, fallback), ShortName(a), "a trigger has one dead-letter path; keep [DeadLetterTopic] or [DeadLetterTemplate]");
                        break;
                }
            }

            if (!atLeastOnce)
            {
                foreach (var a in settings.Where(a => Parser.AttributeName(a) is TriggerRetry or TriggerPolicy or DeadLetterTopic or DeadLetterTemplate))
                {
                    Problems.Add(problems, ProblemCodes.NeedsAtLeastOnce, Where(a, fallback), ShortName(a), type.Name);
                }
            }

            var identities = ReadIdentities(type, attributes, eventSource, template, problems, fallback);
            var declaredIdentities = attributes.Where(a => Parser.AttributeName(a) == EventsIdentity).ToList();
            if (!identities[1].Managed)
            {
                var at = declaredIdentities.FirstOrDefault(a => Breadth.Scalar(a, 0) is 1) is { } sensorIdentity ? Where(sensorIdentity, fallback) : Where(source, fallback);
                Problems.Add(problems, ProblemCodes.SensorAccountUnmanaged, at, template, identities[1].ServiceAccount);
            }

            if (kafka?.MskRegion is not null && (!identities[0].Managed || identities[0].Annotations.Count == 0))
            {
                Problems.Add(problems, ProblemCodes.MskWithoutIdentity, Argument(source, "AwsMskIamRegion", -1, fallback), eventSource, kafka.Topic, kafka.ConsumerGroup ?? "(none)");
            }

            var sensor = attributes.FirstOrDefault(a => Parser.AttributeName(a) == TriggerSensor);
            var sensorName = sensor is null ? template : Breadth.Scalar(sensor, 0) as string ?? template;
            string? dependency = null;
            string? triggerName = null;
            var action = "submit";
            if (sensor is not null)
            {
                CheckName(problems, sensor, null, sensorName, fallback);
                dependency = String(sensor, "Dependency");
                triggerName = String(sensor, "Trigger");
                action = Enum(sensor, "Action") == 1 ? "create" : "submit";
                if (dependency is { Length: 0 } || triggerName is { Length: 0 })
                {
                    Problems.Add(problems, ProblemCodes.InvalidTriggerSetting, Where(sensor, fallback), "TriggerSensor", "Dependency and Trigger must not be empty");
                }
            }

            if (attributes.FirstOrDefault(a => Parser.AttributeName(a) == KafkaConnectionBackoff) is { } connection && kafka is not null)
            {
                kafka = kafka with { ConnectionBackoff = ReadBackoff(connection, Int(connection, "Steps") ?? 5, "1s", 2, 0.2, problems, fallback) };
            }

            return new EventsSpec(
                template,
                sourceType,
                eventSource,
                eventName,
                sensorName,
                kafka,
                webhook,
                calendar,
                parameters.ToImmutableEquatableArray(),
                filters.ToImmutableEquatableArray(),
                atLeastOnce,
                retry,
                rateLimit,
                policy,
                deadLetter,
                identities,
                inline,
                dependency,
                triggerName,
                action);
        }

        private static KafkaSourceSpec ReadKafka(AttributeData a, List<ProblemSpec> problems, Location fallback)
        {
            var topic = Breadth.Scalar(a, 0) as string ?? string.Empty;
            var url = String(a, "Brokers") ?? string.Empty;
            if (topic.Trim().Length == 0)
            {
                Problems.Add(problems, ProblemCodes.InvalidTriggerSetting, Argument(a, null, 0, fallback), "KafkaTrigger", "the topic is empty");
            }

            CheckBrokers(problems, a, url, fallback);
            var group = String(a, "ConsumerGroup");
            var partition = Int(a, "Partition") is int p && p >= 0 ? p : (int?)null;
            if (group is null && partition is null)
            {
                Problems.Add(problems, ProblemCodes.InvalidTriggerSetting, Where(a, fallback), "KafkaTrigger", "set ConsumerGroup (or Partition for a demo): Argo Events needs one of them");
            }

            var msk = String(a, "AwsMskIamRegion");
            var tls = Bool(a, "Tls") ?? false;
            var ca = Secret(problems, a, "TlsCaSecret", fallback);
            var cert = Secret(problems, a, "TlsClientCertSecret", fallback);
            var key = Secret(problems, a, "TlsClientKeySecret", fallback);
            var user = Secret(problems, a, "SaslUserSecret", fallback);
            var password = Secret(problems, a, "SaslPasswordSecret", fallback);
            var mechanism = user is not null || password is not null ? Mechanism(a) : null;
            if ((cert is null) != (key is null))
            {
                Problems.Add(problems, ProblemCodes.InvalidTriggerSetting, Where(a, fallback), "KafkaTrigger", "set TlsClientCertSecret and TlsClientKeySecret together");
            }

            if ((user is null) != (password is null))
            {
                Problems.Add(problems, ProblemCodes.InvalidTriggerSetting, Where(a, fallback), "KafkaTrigger", "set SaslUserSecret and SaslPasswordSecret together");
            }

            if (msk is not null && (tls || ca is not null || cert is not null || user is not null))
            {
                Problems.Add(problems, ProblemCodes.InvalidTriggerSetting, Argument(a, "AwsMskIamRegion", -1, fallback), "KafkaTrigger", "AwsMskIamRegion brings its own TLS and authentication; remove the TLS and SASL settings");
            }
            else if (msk is { Length: 0 })
            {
                Problems.Add(problems, ProblemCodes.InvalidTriggerSetting, Argument(a, "AwsMskIamRegion", -1, fallback), "KafkaTrigger", "AwsMskIamRegion is empty");
            }

            if (String(a, "Version") is { } version && !Regex.IsMatch(version, "^[0-9]+\\.[0-9]+\\.[0-9]+(\\.[0-9]+)?$"))
            {
                Problems.Add(problems, ProblemCodes.InvalidTriggerSetting, Argument(a, "Version", -1, fallback), "KafkaTrigger", "Version '" + version + "' is not a Kafka version such as 2.8.0");
            }

            return new KafkaSourceSpec(url, topic, group, Bool(a, "Oldest") ?? false, group is null ? partition : null, Bool(a, "JsonBody") ?? true, String(a, "Version"), Math.Max(0, Int(a, "LimitEventsPerSecond") ?? 0), msk, tls, ca, cert, key, mechanism, user, password);
        }

        private static WebhookSourceSpec ReadWebhook(AttributeData a, List<ProblemSpec> problems, Location fallback)
        {
            var endpoint = Breadth.Scalar(a, 0) as string ?? string.Empty;
            if (!endpoint.StartsWith("/", StringComparison.Ordinal))
            {
                Problems.Add(problems, ProblemCodes.InvalidTriggerSetting, Argument(a, null, 0, fallback), "WebhookTrigger", "the endpoint must be a URL path starting with '/'");
            }

            var port = Int(a, "Port") ?? 12000;
            if (port is < 1 or > 65535)
            {
                Problems.Add(problems, ProblemCodes.InvalidTriggerSetting, Argument(a, "Port", -1, fallback), "WebhookTrigger", "Port must be 1 to 65535");
            }

            var method = String(a, "Method") ?? "POST";
            if (method is not ("GET" or "POST" or "PUT" or "PATCH" or "DELETE"))
            {
                Problems.Add(problems, ProblemCodes.InvalidTriggerSetting, Argument(a, "Method", -1, fallback), "WebhookTrigger", "Method must be GET, POST, PUT, PATCH or DELETE (upper case)");
            }

            return new WebhookSourceSpec(endpoint, port, method, Secret(problems, a, "AuthSecret", fallback));
        }

        private static CalendarSourceSpec ReadCalendar(AttributeData a, List<ProblemSpec> problems, Location fallback)
        {
            var schedule = Breadth.Scalar(a, 0) as string;
            var interval = String(a, "Interval");
            if (string.IsNullOrWhiteSpace(schedule) == (interval is null))
            {
                Problems.Add(problems, ProblemCodes.InvalidTriggerSetting, Where(a, fallback), "CalendarTrigger", "give either a schedule or an Interval");
            }
            else if (!string.IsNullOrWhiteSpace(schedule) && schedule!.Split([' '], StringSplitOptions.RemoveEmptyEntries).Length != 5)
            {
                Problems.Add(problems, ProblemCodes.InvalidTriggerSetting, Argument(a, null, 0, fallback), "CalendarTrigger", "the schedule must be a five-field cron expression");
            }
            else if (interval is not null && GoDurationSeconds(interval) is not > 0)
            {
                Problems.Add(problems, ProblemCodes.InvalidTriggerSetting, Argument(a, "Interval", -1, fallback), "CalendarTrigger", "Interval '" + interval + "' is not a Go duration such as 10m");
            }

            return new CalendarSourceSpec(string.IsNullOrWhiteSpace(schedule) ? null : schedule, interval, String(a, "Timezone"));
        }

        private static DeadLetterSpec ReadDeadLetterTopic(AttributeData a, KafkaSourceSpec? kafka, List<ProblemSpec> problems, Location fallback)
        {
            var topic = Breadth.Scalar(a, 0) as string ?? string.Empty;
            var url = String(a, "Brokers") ?? kafka?.Url ?? string.Empty;
            if (String(a, "Brokers") is { } brokers)
            {
                CheckBrokers(problems, a, brokers, fallback);
            }
            else if (kafka is null)
            {
                Problems.Add(problems, ProblemCodes.InvalidTriggerSetting, Where(a, fallback), "DeadLetterTopic", "set Brokers: only a Kafka trigger lends its brokers to the dead-letter topic");
            }

            if (topic.Trim().Length == 0)
            {
                Problems.Add(problems, ProblemCodes.InvalidTriggerSetting, Argument(a, null, 0, fallback), "DeadLetterTopic", "the topic is empty");
            }
            else if (kafka is not null && topic == kafka.Topic && SameBrokers(url, kafka.Url))
            {
                Problems.Add(problems, ProblemCodes.DeadLetterIsSource, Argument(a, null, 0, fallback), topic);
            }

            var steps = Int(a, "Steps") ?? 3;
            CheckSteps(problems, a, "Steps", steps, fallback);
            var user = Secret(problems, a, "SaslUserSecret", fallback);
            var password = Secret(problems, a, "SaslPasswordSecret", fallback);
            if ((user is null) != (password is null))
            {
                Problems.Add(problems, ProblemCodes.InvalidTriggerSetting, Where(a, fallback), "DeadLetterTopic", "set SaslUserSecret and SaslPasswordSecret together");
            }

            return new DeadLetterSpec(topic, url, Bool(a, "Tls") ?? false, Secret(problems, a, "TlsCaSecret", fallback), user is null ? null : Mechanism(a), user, password, null, null, null, steps);
        }

        private static DeadLetterSpec ReadDeadLetterTemplate(AttributeData a, string template, IReadOnlyList<MethodHeader> methods, List<ProblemSpec> problems, Location fallback)
        {
            var name = Breadth.Scalar(a, 0) as string ?? string.Empty;
            CheckName(problems, a, null, name, fallback);
            var entrypoint = String(a, "Entrypoint");
            if (entrypoint is not null && name == template && !methods.Any(m => m.Kind is not null && m.TemplateName == entrypoint))
            {
                Problems.Add(problems, ProblemCodes.InvalidTriggerSetting, Argument(a, "Entrypoint", -1, fallback), "DeadLetterTemplate", "'" + entrypoint + "' is not a template of " + template + " (give the template name, kebab case)");
            }

            var parameter = String(a, "Parameter") ?? "message";
            var steps = Int(a, "Steps") ?? 3;
            CheckSteps(problems, a, "Steps", steps, fallback);
            return new DeadLetterSpec(null, null, false, null, null, null, null, name, entrypoint, parameter, steps);
        }

        private static ImmutableEquatableArray<IdentitySpec> ReadIdentities(INamedTypeSymbol type, IEnumerable<AttributeData> attributes, string eventSource, string template, List<ProblemSpec> problems, Location fallback)
        {
            var declared = new Dictionary<int, AttributeData>();
            foreach (var a in attributes.Where(a => Parser.AttributeName(a) == EventsIdentity))
            {
                var component = Breadth.Scalar(a, 0) is int c ? c : 0;
                if (declared.ContainsKey(component))
                {
                    Problems.Add(problems, ProblemCodes.InvalidTriggerSetting, Where(a, fallback), "EventsIdentity", "the " + ComponentName(component) + " already has an identity on " + type.Name);
                    continue;
                }

                declared[component] = a;
            }

            var result = new List<IdentitySpec>();
            for (var component = 0; component < 3; component++)
            {
                var defaultName = component switch
                {
                    0 => eventSource + "-eventsource",
                    1 => template + "-sensor",
                    _ => template,
                };
                if (!declared.TryGetValue(component, out var a))
                {
                    result.Add(new IdentitySpec(ComponentName(component), defaultName, ImmutableEquatableArray<KeyValueSpec>.Empty, ImmutableEquatableArray<KeyValueSpec>.Empty));
                    continue;
                }

                var name = String(a, "ServiceAccount") ?? defaultName;
                CheckName(problems, a, "ServiceAccount", name, fallback);
                var annotations = new List<KeyValueSpec>();
                var labels = new List<KeyValueSpec>();
                if (String(a, "AwsRoleArn") is { } arn)
                {
                    if (!AwsRole.IsMatch(arn))
                    {
                        Problems.Add(problems, ProblemCodes.InvalidTriggerSetting, Argument(a, "AwsRoleArn", -1, fallback), "EventsIdentity", "AwsRoleArn '" + arn + "' is not an IAM role ARN (arn:aws:iam::<12-digit account>:role/<name>)");
                    }

                    annotations.Add(new KeyValueSpec("eks.amazonaws.com/role-arn", arn));
                }

                if (String(a, "AzureClientId") is { } client)
                {
                    if (!Guid.IsMatch(client))
                    {
                        Problems.Add(problems, ProblemCodes.InvalidTriggerSetting, Argument(a, "AzureClientId", -1, fallback), "EventsIdentity", "AzureClientId '" + client + "' is not a client id (a GUID)");
                    }

                    annotations.Add(new KeyValueSpec("azure.workload.identity/client-id", client));
                    labels.Add(new KeyValueSpec("azure.workload.identity/use", "true"));
                }

                if (String(a, "GcpServiceAccount") is { } gsa)
                {
                    if (!GcpAccount.IsMatch(gsa))
                    {
                        Problems.Add(problems, ProblemCodes.InvalidTriggerSetting, Argument(a, "GcpServiceAccount", -1, fallback), "EventsIdentity", "GcpServiceAccount '" + gsa + "' is not a Google service account e-mail (<name>@<project>.iam.gserviceaccount.com)");
                    }

                    annotations.Add(new KeyValueSpec("iam.gke.io/gcp-service-account", gsa));
                }

                var managed = Bool(a, "Manage") ?? true;
                if (!managed && annotations.Count > 0)
                {
                    Problems.Add(problems, ProblemCodes.InvalidTriggerSetting, Where(a, fallback), "EventsIdentity", "an identity annotation needs a ServiceAccount the build writes; remove Manage = false or the annotation");
                }

                result.Add(new IdentitySpec(ComponentName(component), name, annotations.OrderBy(p => p.Key, StringComparer.Ordinal).ToImmutableEquatableArray(), labels.ToImmutableEquatableArray(), managed));
            }

            return result.ToImmutableEquatableArray();
        }

        private static string ComponentName(int component) => component switch
        {
            0 => "eventsource",
            1 => "sensor",
            _ => "workflow",
        };

        private static BackoffSpec ReadBackoff(AttributeData a, int steps, string defaultDuration, double defaultFactor, double? defaultJitter, List<ProblemSpec> problems, Location fallback, int maxSteps = MaxSteps)
        {
            var duration = String(a, "Duration") ?? defaultDuration;
            var factor = Double(a, "Factor") ?? defaultFactor;
            var jitter = Double(a, "Jitter") ?? defaultJitter;
            var first = GoDurationSeconds(duration);
            if (first is null)
            {
                Problems.Add(problems, ProblemCodes.InvalidTriggerSetting, Argument(a, "Duration", -1, fallback), ShortName(a), "Duration '" + duration + "' is not a Go duration such as 500ms, 2s or 1m");
            }

            if (factor < 1 || double.IsNaN(factor))
            {
                Problems.Add(problems, ProblemCodes.InvalidTriggerSetting, Argument(a, "Factor", -1, fallback), ShortName(a), "Factor must be at least 1");
            }

            if (jitter is < 0 or > 1)
            {
                Problems.Add(problems, ProblemCodes.InvalidTriggerSetting, Argument(a, "Jitter", -1, fallback), ShortName(a), "Jitter must be between 0 and 1");
            }

            if (steps < 1 || steps > maxSteps)
            {
                Problems.Add(problems, ProblemCodes.UnboundedRetries, Argument(a, "Steps", -1, fallback), ShortName(a), steps < 1 ? "sets no Steps (total attempts): Argo Events would silently use 5" : "has " + steps.ToString(CultureInfo.InvariantCulture) + " attempts, more than " + maxSteps.ToString(CultureInfo.InvariantCulture));
            }
            else if (first is { } seconds && factor >= 1 && seconds * Math.Pow(factor, steps - 2) > MaxWaitSeconds)
            {
                Problems.Add(problems, ProblemCodes.UnboundedRetries, Argument(a, "Steps", -1, fallback), ShortName(a), "waits up to " + (seconds * Math.Pow(factor, steps - 2)).ToString("0", CultureInfo.InvariantCulture) + " s before its last attempt, longer than " + MaxWaitSeconds.ToString(CultureInfo.InvariantCulture) + " s");
            }

            return new BackoffSpec(Math.Max(steps, 1), duration, Format(factor), jitter is { } j ? Format(j) : null);
        }

        private static void CheckSteps(List<ProblemSpec> problems, AttributeData a, string property, int steps, Location fallback)
        {
            if (steps < 1 || steps > MaxSteps)
            {
                Problems.Add(problems, ProblemCodes.UnboundedRetries, Argument(a, property, -1, fallback), ShortName(a), "has " + steps.ToString(CultureInfo.InvariantCulture) + " attempts; give 1 to " + MaxSteps.ToString(CultureInfo.InvariantCulture));
            }
        }

        private static void CheckBrokers(List<ProblemSpec> problems, AttributeData a, string url, Location fallback)
        {
            if (url.Trim().Length == 0)
            {
                Problems.Add(problems, ProblemCodes.InvalidTriggerSetting, Where(a, fallback), ShortName(a), "set Brokers (comma-separated host:port)");
            }
            else if (url.IndexOf('@') >= 0)
            {
                Problems.Add(problems, ProblemCodes.LiteralSecret, Argument(a, "Brokers", -1, fallback), "Brokers", "credentials in the broker address");
            }
        }

        private static bool SameBrokers(string a, string b)
        {
            static string Key(string s) => string.Join(",", s.Split(',').Select(x => x.Trim()).Where(x => x.Length > 0).OrderBy(x => x, StringComparer.Ordinal));
            return Key(a) == Key(b);
        }

        private static SecretRefSpec? Secret(List<ProblemSpec> problems, AttributeData a, string property, Location fallback)
        {
            if (String(a, property) is not { } value)
            {
                return null;
            }

            if (!SecretReference.IsMatch(value))
            {
                Problems.Add(problems, ProblemCodes.LiteralSecret, Argument(a, property, -1, fallback), property, "a value that is not a Secret reference 'secret-name:key'");
                return null;
            }

            var colon = value.IndexOf(':');
            return new SecretRefSpec(value.Substring(0, colon), value.Substring(colon + 1));
        }

        private static string Mechanism(AttributeData a) => Enum(a, "SaslMechanism") switch
        {
            1 => "SCRAM-SHA-256",
            2 => "SCRAM-SHA-512",
            _ => "PLAIN",
        };

        private static void CheckName(List<ProblemSpec> problems, AttributeData a, string? property, string name, Location fallback)
        {
            if (name.Length > 63 || !Dns1123.IsMatch(name))
            {
                Problems.Add(problems, ProblemCodes.InvalidTriggerSetting, Argument(a, property, property is null ? 0 : -1, fallback), ShortName(a), "'" + name + "' is not a Kubernetes name (lowercase letters, digits and '-', at most 63 characters)");
            }
        }

        /// <summary>
        /// Checks a gjson path against the event of the source type and, below <c>body.</c>, the message type. Paths with
        /// gjson wildcards, modifiers or escapes are checked only up to them.
        /// </summary>
        private static void CheckPath(List<ProblemSpec> problems, AttributeData a, int index, string path, string sourceType, INamedTypeSymbol? message, bool jsonBody, Location fallback)
        {
            var at = Argument(a, null, index, fallback);
            var segments = path.Split('.');
            var envelope = Envelope(sourceType);
            if (path.Length == 0 || !envelope.Contains(segments[0]))
            {
                Problems.Add(problems, ProblemCodes.PathNotOnMessage, at, path, "the " + sourceType + " event has " + string.Join(", ", envelope));
                return;
            }

            if (segments[0] != "body" || segments.Length == 1)
            {
                return;
            }

            if (sourceType == "kafka" && !jsonBody)
            {
                Problems.Add(problems, ProblemCodes.PathNotOnMessage, at, path, "with JsonBody = false the body is base64 text, which has no fields");
                return;
            }

            if (message is null)
            {
                return;
            }

            ITypeSymbol current = message;
            for (var i = 1; i < segments.Length; i++)
            {
                var segment = segments[i];
                if (segment.Length == 0 || segment.IndexOfAny(['*', '?', '|', '@', '\\', '#', '(', '=']) >= 0 && segment != "#")
                {
                    return;
                }

                if (IsOpen(current))
                {
                    return;
                }

                if (ElementType(current) is { } element)
                {
                    if (segment == "#" || segment.All(char.IsDigit))
                    {
                        current = element;
                        continue;
                    }

                    if (DictionaryValue(current) is { } value)
                    {
                        current = value;
                        continue;
                    }
                }

                var property = JsonProperties(current).FirstOrDefault(p => p.Name == segment);
                if (property.Type is null)
                {
                    var known = string.Join(", ", JsonProperties(current).Select(p => p.Name));
                    Problems.Add(problems, ProblemCodes.PathNotOnMessage, at, path, current.Name + " has no JSON property '" + segment + "'" + (known.Length > 0 ? " (it has " + known + ")" : string.Empty));
                    return;
                }

                current = property.Type;
            }
        }

        private static bool IsOpen(ITypeSymbol type) =>
            type.SpecialType == SpecialType.System_Object
            || type.ToDisplayString() is "System.Text.Json.JsonElement" or "System.Text.Json.Nodes.JsonNode" or "System.Text.Json.Nodes.JsonObject" or "System.Text.Json.JsonDocument";

        private static ITypeSymbol? ElementType(ITypeSymbol type)
        {
            if (type is IArrayTypeSymbol array)
            {
                return array.ElementType;
            }

            if (type.SpecialType == SpecialType.System_String)
            {
                return null;
            }

            return DictionaryValue(type) ?? type.AllInterfaces.Concat(type is INamedTypeSymbol n ? [n] : [])
                .FirstOrDefault(i => i.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T)?.TypeArguments[0];
        }

        private static ITypeSymbol? DictionaryValue(ITypeSymbol type) =>
            type.AllInterfaces.Concat(type is INamedTypeSymbol n ? [n] : [])
                .FirstOrDefault(i => i.OriginalDefinition.ToDisplayString() is "System.Collections.Generic.IDictionary<TKey, TValue>" or "System.Collections.Generic.IReadOnlyDictionary<TKey, TValue>")?.TypeArguments[1];

        /// <summary>The public instance properties of a type (and its bases) by JSON name: <c>[JsonPropertyName]</c>, else camelCase.</summary>
        private static IEnumerable<(string Name, ITypeSymbol Type)> JsonProperties(ITypeSymbol type)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var t = type; t is not null && t.SpecialType != SpecialType.System_Object; t = t.BaseType)
            {
                foreach (var member in t.GetMembers().OfType<IPropertySymbol>())
                {
                    if (member.IsStatic || member.DeclaredAccessibility != Accessibility.Public || member.IsIndexer || !seen.Add(member.Name)
                        || member.GetAttributes().Any(x => x.AttributeClass?.ToDisplayString() == "System.Text.Json.Serialization.JsonIgnoreAttribute"))
                    {
                        continue;
                    }

                    var renamed = member.GetAttributes().FirstOrDefault(x => x.AttributeClass?.ToDisplayString() == "System.Text.Json.Serialization.JsonPropertyNameAttribute");
                    var name = renamed is not null && Breadth.Scalar(renamed, 0) is string s ? s : CamelCase(member.Name);
                    yield return (name, member.Type);
                }
            }
        }

        private static string CamelCase(string name) =>
            name.Length == 0 || char.IsLower(name[0]) ? name : char.ToLowerInvariant(name[0]) + name.Substring(1);

        /// <summary>A Go duration (<c>1h30m</c>, <c>500ms</c>) in seconds; null when it is not one.</summary>
        public static double? GoDurationSeconds(string? text)
        {
            if (string.IsNullOrEmpty(text))
            {
                return null;
            }

            var total = 0.0;
            var at = 0;
            foreach (Match m in GoDurationPart.Matches(text))
            {
                if (m.Index != at)
                {
                    return null;
                }

                var value = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
                total += m.Groups[2].Value switch
                {
                    "ns" => value / 1e9,
                    "us" or "µs" => value / 1e6,
                    "ms" => value / 1e3,
                    "s" => value,
                    "m" => value * 60,
                    _ => value * 3600,
                };
                at = m.Index + m.Length;
            }

            return at == text!.Length && at > 0 ? total : null;
        }

        private static string Format(double value) => value.ToString("0.############", CultureInfo.InvariantCulture);

        /// <summary>The attribute's name as written in C# (<c>TriggerRetry</c>).</summary>
        private static string ShortName(AttributeData a)
        {
            var name = a.AttributeClass?.Name ?? "attribute";
            return name.EndsWith("Attribute", StringComparison.Ordinal) ? name.Substring(0, name.Length - "Attribute".Length) : name;
        }

        private static Location Where(AttributeData a, Location fallback) =>
            a.ApplicationSyntaxReference?.GetSyntax().GetLocation() ?? fallback;

        /// <summary>The location of a named argument, or of the positional argument at <paramref name="position"/>, else of the attribute.</summary>
        private static Location Argument(AttributeData a, string? named, int position, Location fallback)
        {
            if (a.ApplicationSyntaxReference?.GetSyntax() is AttributeSyntax { ArgumentList: { } list })
            {
                var index = 0;
                foreach (var argument in list.Arguments)
                {
                    var name = argument.NameEquals?.Name.Identifier.ValueText ?? argument.NameColon?.Name.Identifier.ValueText;
                    if (named is not null && name == named)
                    {
                        return argument.Expression.GetLocation();
                    }

                    if (named is null && argument.NameEquals is null && index++ == position)
                    {
                        return argument.Expression.GetLocation();
                    }
                }
            }

            return Where(a, fallback);
        }

        private static object? Named(AttributeData a, string name)
        {
            foreach (var pair in a.NamedArguments)
            {
                if (pair.Key == name && pair.Value.Kind != TypedConstantKind.Array)
                {
                    return pair.Value.Value;
                }
            }

            return null;
        }

        private static string? String(AttributeData a, string name) => Named(a, name) as string;

        private static int? Int(AttributeData a, string name) => Named(a, name) is int i ? i : null;

        private static int Enum(AttributeData a, string name) => Named(a, name) is int i ? i : 0;

        private static bool? Bool(AttributeData a, string name) => Named(a, name) is bool b ? b : null;

        private static double? Double(AttributeData a, string name) => Named(a, name) switch
        {
            double d => d,
            int i => i,
            _ => null,
        };

        /// <summary>The description the build task reads (docs/events.md, "What the build reads").</summary>
        public static string Json(EventsSpec spec, string id)
        {
            var json = new JsonWriter().BeginObject()
                .Property("id", id)
                .Property("template", spec.Template)
                .Property("sourceType", spec.SourceType)
                .Property("eventSource", spec.EventSource)
                .Property("eventName", spec.EventName)
                .Property("sensor", spec.Sensor)
                .Property("inline", spec.Inline ? true : null)
                .Property("dependency", spec.Dependency)
                .Property("trigger", spec.Trigger)
                .Property("action", spec.Action);
            if (spec.Kafka is { } k)
            {
                json.Name("kafka").BeginObject()
                    .Property("url", k.Url).Property("topic", k.Topic).Property("consumerGroup", k.ConsumerGroup).Property("oldest", k.Oldest)
                    .Property("partition", k.Partition).Property("jsonBody", k.JsonBody).Property("version", k.Version)
                    .Property("limitEventsPerSecond", k.LimitEventsPerSecond == 0 ? null : k.LimitEventsPerSecond)
                    .Property("mskRegion", k.MskRegion).Property("tls", k.Tls);
                SecretRef(json, "tlsCa", k.TlsCa);
                SecretRef(json, "tlsClientCert", k.TlsClientCert);
                SecretRef(json, "tlsClientKey", k.TlsClientKey);
                json.Property("saslMechanism", k.SaslMechanism);
                SecretRef(json, "saslUser", k.SaslUser);
                SecretRef(json, "saslPassword", k.SaslPassword);
                Backoff(json, "connectionBackoff", k.ConnectionBackoff);
                json.EndObject();
            }

            if (spec.Webhook is { } w)
            {
                json.Name("webhook").BeginObject().Property("endpoint", w.Endpoint).Property("port", w.Port).Property("method", w.Method);
                SecretRef(json, "auth", w.Auth);
                json.EndObject();
            }

            if (spec.Calendar is { } c)
            {
                json.Name("calendar").BeginObject().Property("schedule", c.Schedule).Property("interval", c.Interval).Property("timezone", c.Timezone).EndObject();
            }

            json.Name("parameters").BeginArray();
            foreach (var p in spec.Parameters)
            {
                json.BeginObject().Property("name", p.Name).Property("path", p.Path).Property("default", p.Default).Property("wholeEvent", p.WholeEvent ? true : null).EndObject();
            }

            json.EndArray();
            json.Name("filters").BeginArray();
            foreach (var f in spec.Filters)
            {
                json.BeginObject().Property("path", f.Path).Property("type", f.Type).Property("comparator", f.Comparator).StringArray("values", f.Values).EndObject();
            }

            json.EndArray();
            json.Property("atLeastOnce", spec.AtLeastOnce);
            Backoff(json, "retry", spec.Retry);
            if (spec.RateLimit is { } r)
            {
                json.Name("rateLimit").BeginObject().Property("unit", r.Unit).Property("requestsPerUnit", r.RequestsPerUnit).EndObject();
            }

            if (spec.Policy is { } policy)
            {
                json.Name("policy").BeginObject().Name("labels").BeginObject();
                foreach (var label in policy.Labels)
                {
                    json.Property(label.Key, label.Value);
                }

                json.EndObject();
                Backoff(json, "backoff", policy.Backoff);
                json.Property("errorOnTimeout", policy.ErrorOnTimeout).EndObject();
            }

            if (spec.DeadLetter is { } d)
            {
                json.Name("deadLetter").BeginObject()
                    .Property("topic", d.Topic).Property("url", d.Url).Property("tls", d.Topic is null ? null : d.Tls);
                SecretRef(json, "tlsCa", d.TlsCa);
                json.Property("saslMechanism", d.SaslMechanism);
                SecretRef(json, "saslUser", d.SaslUser);
                SecretRef(json, "saslPassword", d.SaslPassword);
                json.Property("workflowTemplate", d.WorkflowTemplate).Property("entrypoint", d.Entrypoint).Property("parameter", d.Parameter)
                    .Property("steps", d.Steps).EndObject();
            }

            json.Name("identities").BeginArray();
            foreach (var identity in spec.Identities)
            {
                json.BeginObject().Property("component", identity.Component).Property("serviceAccount", identity.ServiceAccount).Property("managed", identity.Managed ? null : false);
                KeyValues(json, "annotations", identity.Annotations);
                KeyValues(json, "podLabels", identity.PodLabels);
                json.EndObject();
            }

            json.EndArray();
            return json.EndObject().ToString();
        }

        /// <summary>The fragment that runs the template's pods as the workflow identity the build writes RBAC for.</summary>
        public static FragmentSpec ServiceAccountFragment(EventsSpec spec, SourcePosition position) =>
            new("spec", new JsonWriter().BeginObject().Property("serviceAccountName", spec.Identities[2].ServiceAccount).EndObject().ToString(), position);

        private static void Backoff(JsonWriter json, string name, BackoffSpec? backoff)
        {
            if (backoff is null)
            {
                return;
            }

            json.Name(name).BeginObject().Property("steps", backoff.Steps).Property("duration", backoff.Duration).Name("factor").Raw(backoff.Factor);
            if (backoff.Jitter is { } jitter)
            {
                json.Name("jitter").Raw(jitter);
            }

            json.EndObject();
        }

        private static void SecretRef(JsonWriter json, string name, SecretRefSpec? secret)
        {
            if (secret is not null)
            {
                json.Name(name).BeginObject().Property("name", secret.Name).Property("key", secret.Key).EndObject();
            }
        }

        private static void KeyValues(JsonWriter json, string name, ImmutableEquatableArray<KeyValueSpec> pairs)
        {
            if (pairs.Count == 0)
            {
                return;
            }

            json.Name(name).BeginObject();
            foreach (var pair in pairs)
            {
                json.Property(pair.Key, pair.Value);
            }

            json.EndObject();
        }
    }
}
