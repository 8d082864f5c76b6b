using System;
using System.Linq;

namespace Pipelines.Argo.Events.Validation;

/// <summary>EventBus rules EB-01..09 and RT-13 of the guide's section 9.1.</summary>
internal static class EventBusRules
{
    /// <summary>
    /// The JetStream versions the default controller ConfigMap of Argo Events v1.9.11 lists
    /// (manifests/base/controller-manager/controller-config.yaml).
    /// </summary>
    internal static readonly string[] JetStreamVersions = ["latest", "2.8.1", "2.8.1-alpine", "2.8.2", "2.8.2-alpine", "2.9.1", "2.9.12", "2.9.16", "2.10.29"];

    public static void Check(EventsContext ctx, EventBus bus)
    {
        var spec = bus.Spec;
        var path = FieldPath.Root.Field("spec");
        var set = new[] { ("nats", spec?.Nats is not null), ("jetstream", spec?.Jetstream is not null), ("kafka", spec?.Kafka is not null), ("jetstreamExotic", spec?.JetstreamExotic is not null) }
            .Where(x => x.Item2).Select(x => x.Item1).ToList();
        if (spec is null || set.Count == 0)
        {
            ctx.Report(FindingCodes.EventBusNoImplementation, "either \"nats\", \"jetstream\", \"jetstreamExotic\", or \"kafka\" needs to be specified; add spec.jetstream with a pinned version", path);
            return;
        }

        if (set.Count > 1)
        {
            ctx.Report(FindingCodes.EventBusSeveral, $"the EventBus sets {string.Join(", ", set)}; the controller uses only {set[0]} and ignores the rest; keep one", path.Field(set[1]));
        }

        if (spec.Nats is { } nats)
        {
            var p = path.Field("nats");
            if (nats.Native is not null && nats.Exotic is not null)
            {
                ctx.Report(FindingCodes.EventBusNats, "\"spec.nats.native\" and \"spec.nats.exotic\" can not be defined together; keep one", p);
            }
            else if (nats.Native is null && nats.Exotic is null)
            {
                ctx.Report(FindingCodes.EventBusNats, "either \"native\" or \"exotic\" must be defined under spec.nats", p);
            }
            else if (nats.Exotic is { } exotic)
            {
                if (string.IsNullOrEmpty(exotic.ClusterID))
                {
                    ctx.Report(FindingCodes.EventBusNats, "\"spec.nats.exotic.clusterID\" is missing", p.Field("exotic").Field("clusterID"));
                }

                if (string.IsNullOrEmpty(exotic.Url))
                {
                    ctx.Report(FindingCodes.EventBusNats, "\"spec.nats.exotic.url\" is missing", p.Field("exotic").Field("url"));
                }
            }
        }

        if (spec.Jetstream is { } js)
        {
            var p = path.Field("jetstream");
            if (string.IsNullOrEmpty(js.Version))
            {
                ctx.Report(FindingCodes.EventBusJetStream, "a version for jetstream needs to be specified; pin one such as 2.10.29", p.Field("version"));
            }
            else if (js.Version == "latest")
            {
                ctx.Report(FindingCodes.EventBusVersion, "jetstream version 'latest' is not pinned: the bus changes under you on a controller upgrade; pin one such as 2.10.29", p.Field("version"));
            }
            else if (Array.IndexOf(JetStreamVersions, js.Version) < 0)
            {
                ctx.Report(FindingCodes.EventBusVersion, $"unsupported version \"{js.Version}\" unless the controller ConfigMap was changed; the default one lists: {string.Join(", ", JetStreamVersions)}", p.Field("version"));
            }

            if (js.Replicas is { } replicas && replicas != 1 && replicas < 3)
            {
                ctx.Report(FindingCodes.EventBusJetStream, $"a jetstream eventbus requires 1 replica or >= 3 replicas, not {EventsContext.Num(replicas)}", p.Field("replicas"));
            }
        }

        if (spec.Kafka is { } kafka && string.IsNullOrEmpty(kafka.Url))
        {
            ctx.Report(FindingCodes.EventBusUrl, "\"spec.kafka.url\" is missing; give the broker list host:port,host:port", path.Field("kafka").Field("url"));
        }

        if (spec.JetstreamExotic is { } exo && string.IsNullOrEmpty(exo.Url))
        {
            ctx.Report(FindingCodes.EventBusUrl, "\"spec.jetstreamExotic.url\" is missing", path.Field("jetstreamExotic").Field("url"));
        }
    }
}
