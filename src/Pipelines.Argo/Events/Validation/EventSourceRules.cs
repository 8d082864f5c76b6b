using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using Pipelines.Argo.Validation.Syntax;
using Pipelines.Argo.Yaml;

namespace Pipelines.Argo.Events.Validation;

/// <summary>EventSource rules ES-01..04, the Kafka, calendar and webhook checks, SEC-01..04 and RT-09/10.</summary>
internal static class EventSourceRules
{
    /// <summary>Fields of EventSourceSpec that are not event source types.</summary>
    private static readonly HashSet<string> NotSourceTypes = new(StringComparer.Ordinal) { "eventBusName", "template", "service", "replicas" };

    /// <summary>Source types deployed with the Recreate strategy (RecreateStrategyEventSources in Argo Events' const.go), by spec field.</summary>
    private static readonly HashSet<string> RecreateTypes = new(StringComparer.Ordinal)
    {
        "amqp", "calendar", "kafka", "pubSub", "azureEventsHub", "azureServiceBus", "nats", "mqtt", "minio", "emitter",
        "nsq", "pulsar", "redis", "redisStream", "resource", "hdfs", "file", "sftp", "generic",
    };

    private static readonly string[] SaslMechanisms = ["PLAIN", "OAUTHBEARER", "SCRAM-SHA-256", "SCRAM-SHA-512", "GSSAPI"];

    private static readonly Regex KafkaVersion = new(@"^(\d+)\.(\d+)\.(\d+)(\.(\d+))?$", RegexOptions.CultureInvariant);

    public static void Check(EventsContext ctx, EventSource source)
    {
        var specPath = FieldPath.Root.Field("spec");
        if (source.Spec is not { } spec)
        {
            ctx.Report(FindingCodes.EventSourceEmpty, "the EventSource has no spec, so no event configuration; add one, e.g. spec.kafka.<event name>", specPath);
            return;
        }

        // The written spec lists the source types that are set, in Go field order.
        var written = EventsSerializer.WriteEventSourceSpec(spec);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var recreate = new List<string>();
        var rolling = new List<string>();
        var events = 0;
        foreach (var entry in written.Entries)
        {
            var type = entry.Key.Value;
            if (NotSourceTypes.Contains(type) || entry.Value is not YamlMapping map || map.Entries.Count == 0)
            {
                continue;
            }

            (RecreateTypes.Contains(type) ? recreate : rolling).Add(type);
            foreach (var e in map.Entries)
            {
                events++;
                var name = e.Key.Value;
                if (names.TryGetValue(name, out var firstType))
                {
                    ctx.Report(FindingCodes.EventSourceDuplicateEvent, $"more than one \"{name}\" found in the spec (also under {firstType}); event names must be unique across all source types of an EventSource", specPath.Field(type).Field(name));
                }
                else
                {
                    names[name] = type;
                }
            }
        }

        if (events == 0)
        {
            ctx.Report(FindingCodes.EventSourceEmpty, "the EventSource has no event configuration; add one, e.g. spec.kafka.<event name>", specPath);
        }

        if (recreate.Count > 0 && rolling.Count > 0)
        {
            ctx.Report(FindingCodes.EventSourceMixedStrategies, $"event sources with rolling update ({string.Join(", ", rolling)}) and recreate update strategy ({string.Join(", ", recreate)}) can not be put together; split them into two EventSources", specPath.Field(rolling[0]));
        }

        foreach (var (name, kafka) in Entries(spec.Kafka))
        {
            CheckKafka(ctx, kafka, specPath.Field("kafka").Field(name));
        }

        foreach (var (name, calendar) in Entries(spec.Calendar))
        {
            CheckCalendar(ctx, calendar, specPath.Field("calendar").Field(name));
        }

        foreach (var (name, webhook) in Entries(spec.Webhook))
        {
            CheckWebhook(ctx, webhook.Endpoint, webhook.Port, specPath.Field("webhook").Field(name));
        }
    }

    private static IEnumerable<(string Name, T Value)> Entries<T>(Model.OrderedMap<T>? map)
        where T : class =>
        map is null ? [] : map.Where(p => p.Value is not null).Select(p => (p.Key, p.Value));

    private static void CheckKafka(EventsContext ctx, KafkaEventSource kafka, FieldPath path)
    {
        if (string.IsNullOrEmpty(kafka.Url))
        {
            ctx.Report(FindingCodes.KafkaSourceFields, "url must be specified: the broker list, host:port,host:port", path.Field("url"));
        }

        if (string.IsNullOrEmpty(kafka.Topic))
        {
            ctx.Report(FindingCodes.KafkaSourceFields, "topic must be specified", path.Field("topic"));
        }

        if (string.IsNullOrEmpty(kafka.Partition) && kafka.ConsumerGroup is null)
        {
            ctx.Report(FindingCodes.KafkaSourceFields, "consumerGroup or partition must be specified; use consumerGroup.groupName for production", path);
        }

        // KAF-04/05: Argo Events stops at tls, or at sasl; what it skips is still checked here, as a warning.
        var argoStops = false;
        if (kafka.Tls is { } tls)
        {
            CheckTls(ctx, tls, path.Field("tls"));
            argoStops = true;
        }

        if (kafka.Sasl is { } sasl)
        {
            CheckSasl(ctx, sasl, path.Field("sasl"), skippedByArgo: argoStops);
            argoStops = true;
        }

        if (kafka.AwsMskIamAuth is { } msk)
        {
            if (string.IsNullOrEmpty(msk.Region))
            {
                var message = "awsMskIamAuth.region must be specified, e.g. eu-west-1";
                if (argoStops)
                {
                    ctx.Report(FindingCodes.KafkaAuthRuntime, message + " (Argo Events does not check it when tls or sasl is set; the source fails at start-up)", path.Field("awsMskIamAuth").Field("region"));
                }
                else
                {
                    ctx.Report(FindingCodes.KafkaSourceFields, message, path.Field("awsMskIamAuth").Field("region"));
                }
            }

            if (kafka.Tls is not null || kafka.Sasl is not null)
            {
                ctx.Report(FindingCodes.KafkaAuthRuntime, "awsMskIamAuth brings its own TLS and SASL/OAUTHBEARER; do not combine it with tls or sasl", path.Field(kafka.Sasl is not null ? "sasl" : "tls"));
            }
        }

        // RT-09
        if (!string.IsNullOrEmpty(kafka.Partition) && !int.TryParse(kafka.Partition, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
        {
            ctx.Report(FindingCodes.KafkaSourceRuntime, $"partition \"{kafka.Partition}\" is not an integer; the source fails at start-up", path.Field("partition"));
        }

        if (!string.IsNullOrEmpty(kafka.Version) && !KafkaVersion.IsMatch(kafka.Version))
        {
            ctx.Report(FindingCodes.KafkaSourceRuntime, $"version \"{kafka.Version}\" is not a Kafka version such as 2.5.0; the source fails at start-up", path.Field("version"));
        }

        if (kafka.ConsumerGroup?.RebalanceStrategy is { Length: > 0 } strategy && strategy is not ("range" or "sticky" or "roundrobin"))
        {
            ctx.Report(FindingCodes.KafkaSourceRuntime, $"rebalanceStrategy \"{strategy}\" is not range, sticky or roundrobin; Argo Events silently uses range", path.Field("consumerGroup").Field("rebalanceStrategy"));
        }

        if (kafka.ConsumerGroup is { } group && string.IsNullOrEmpty(group.GroupName))
        {
            ctx.Report(FindingCodes.KafkaSourceRuntime, "consumerGroup has no groupName; name the consumer group", path.Field("consumerGroup").Field("groupName"));
        }

        if (kafka.ConnectionBackoff is { } backoff)
        {
            SensorRules.CheckBackoff(ctx, backoff, path.Field("connectionBackoff"));
        }
    }

    internal static void CheckTls(EventsContext ctx, TLSConfig tls, FieldPath path)
    {
        if (tls.InsecureSkipVerify == true)
        {
            return;
        }

        bool ca = tls.CaCertSecret is not null, cert = tls.ClientCertSecret is not null, key = tls.ClientKeySecret is not null;
        if (!ca && !cert && !key && tls.Enabled != true)
        {
            ctx.Report(FindingCodes.TlsConfig, "invalid tls config, please configure either caCertSecret, or clientCertSecret and clientKeySecret, or both (or enabled: true for TLS with the system roots)", path);
        }
        else if ((cert || key) && !(cert && key))
        {
            ctx.Report(FindingCodes.TlsConfig, "invalid tls config, both clientCertSecret and clientKeySecret need to be configured", path.Field(cert ? "clientKeySecret" : "clientCertSecret"));
        }
    }

    internal static void CheckSasl(EventsContext ctx, SASLConfig sasl, FieldPath path, bool skippedByArgo)
    {
        var descriptor = skippedByArgo ? FindingCodes.KafkaAuthRuntime : FindingCodes.SaslConfig;
        var suffix = skippedByArgo ? " (Argo Events skips this check when tls is set; the source fails at start-up)" : string.Empty;
        var mechanism = sasl.Mechanism ?? string.Empty;
        if (mechanism.Length > 0 && Array.IndexOf(SaslMechanisms, mechanism) < 0)
        {
            ctx.Report(descriptor, $"invalid sasl config: mechanism \"{mechanism}\" is not one of {string.Join(", ", SaslMechanisms)} (case-sensitive)" + suffix, path.Field("mechanism"));
        }

        if (sasl.UserSecret is null || sasl.PasswordSecret is null)
        {
            ctx.Report(descriptor, "invalid sasl config, both userSecret and passwordSecret must be defined" + suffix, path.Field(sasl.UserSecret is null ? "userSecret" : "passwordSecret"));
        }

        if (mechanism == "OAUTHBEARER")
        {
            ctx.Report(FindingCodes.KafkaAuthRuntime, "sasl mechanism OAUTHBEARER has no token provider in Argo Events, so the source fails at start-up; for Amazon MSK use awsMskIamAuth instead", path.Field("mechanism"));
        }
    }

    private static void CheckCalendar(EventsContext ctx, CalendarEventSource calendar, FieldPath path)
    {
        if (string.IsNullOrEmpty(calendar.Schedule) && string.IsNullOrEmpty(calendar.Interval))
        {
            ctx.Report(FindingCodes.CalendarSource, "must have either schedule or interval", path);
            return;
        }

        if (!string.IsNullOrEmpty(calendar.Schedule))
        {
            if (!CronSchedule.TryParse(calendar.Schedule, out var error))
            {
                ctx.Report(FindingCodes.CalendarSource, $"schedule \"{calendar.Schedule}\" is not a cron schedule: {error}", path.Field("schedule"));
            }
        }
        else if (!GoDuration.TryParse(calendar.Interval, out _, out var error))
        {
            ctx.Report(FindingCodes.CalendarSource, $"interval \"{calendar.Interval}\" is not a Go duration such as 10s or 1h: {error}", path.Field("interval"));
        }

        if (!string.IsNullOrEmpty(calendar.Timezone) && !TimeZones.IsValid(calendar.Timezone))
        {
            ctx.Report(FindingCodes.CalendarSource, $"unknown timezone \"{calendar.Timezone}\"; use an IANA name such as Europe/Berlin", path.Field("timezone"));
        }
    }

    private static void CheckWebhook(EventsContext ctx, string? endpoint, string? port, FieldPath path)
    {
        if (string.IsNullOrEmpty(endpoint))
        {
            ctx.Report(FindingCodes.WebhookSource, "endpoint can't be empty; give the HTTP path, e.g. /orders", path.Field("endpoint"));
        }

        if (string.IsNullOrEmpty(port))
        {
            ctx.Report(FindingCodes.WebhookSource, "port can't be empty; give the port as a string, e.g. \"12000\"", path.Field("port"));
        }
        else if (!int.TryParse(port, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
        {
            ctx.Report(FindingCodes.WebhookSource, $"failed to parse server port {port}: it must be a number", path.Field("port"));
        }
    }
}
