using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Pipelines.Build.Tasks;

/// <summary>One <c>[assembly: PipelineEvents(id, json)]</c>, decoded.</summary>
internal sealed record EmbeddedEvents(string Id, string Json);

/// <summary>The <c>[assembly: EventBus]</c> opt-in: the bus name, JetStream version and replicas as declared.</summary>
internal sealed record DeclaredEventBus(string Name, string Version, int Replicas);

internal static partial class ManifestAttributeReader
{
    public const string EventsAttributeName = "PipelineEventsAttribute";

    public const string EventBusAttributeName = "EventBusAttribute";

    /// <summary>
    /// The event triggers (<c>[PipelineEvents]</c>) and the EventBus opt-in of an assembly; attributes that cannot be
    /// decoded are listed in <paramref name="problems"/>.
    /// </summary>
    public static (List<EmbeddedEvents> Triggers, DeclaredEventBus? Bus) ReadEvents(byte[] assembly, List<string> problems)
    {
        var triggers = new List<EmbeddedEvents>();
        DeclaredEventBus? bus = null;
        using var pe = new PEReader(ImmutableArray.Create(assembly));
        if (!pe.HasMetadata)
        {
            return (triggers, bus);
        }

        var md = pe.GetMetadataReader();
        if (!md.IsAssembly)
        {
            return (triggers, bus);
        }

        foreach (var handle in md.GetAssemblyDefinition().GetCustomAttributes())
        {
            var attribute = md.GetCustomAttribute(handle);
            var isTrigger = IsAttribute(md, attribute, EventsAttributeName);
            if (!isTrigger && !IsAttribute(md, attribute, EventBusAttributeName))
            {
                continue;
            }

            try
            {
                var value = attribute.DecodeValue(StringTypeProvider.Instance);
                if (isTrigger)
                {
                    if (value.FixedArguments.Length == 2 && value.FixedArguments[0].Value is string id && value.FixedArguments[1].Value is string json)
                    {
                        triggers.Add(new EmbeddedEvents(id, json));
                    }
                    else
                    {
                        problems.Add("a PipelineEvents attribute does not have two string arguments");
                    }

                    continue;
                }

                var name = value.FixedArguments.Length == 1 && value.FixedArguments[0].Value is string n ? n : "default";
                var version = "2.10.29";
                var replicas = 3;
                foreach (var named in value.NamedArguments)
                {
                    switch (named.Name)
                    {
                        case "Version" when named.Value is string v:
                            version = v;
                            break;
                        case "Replicas" when named.Value is int r:
                            replicas = r;
                            break;
                    }
                }

                bus = new DeclaredEventBus(name, version, replicas);
            }
            catch (Exception e) when (e is BadImageFormatException or InvalidOperationException or NotSupportedException or ArgumentException)
            {
                problems.Add("an events attribute cannot be decoded: " + e.Message);
            }
        }

        return (triggers, bus);
    }
}
