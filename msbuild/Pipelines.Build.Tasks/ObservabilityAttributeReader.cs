using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Pipelines.Build.Tasks;

/// <summary>One <c>[assembly: PipelineObservability(id, json)]</c>, decoded.</summary>
internal sealed record EmbeddedObservability(string Id, string Json);

internal static partial class ManifestAttributeReader
{
    public const string ObservabilityAttributeName = "PipelineObservabilityAttribute";

    /// <summary>
    /// The SLO descriptions of an assembly (<c>[PipelineObservability]</c>), read like the manifests; attributes that
    /// cannot be decoded are listed in <paramref name="problems"/>.
    /// </summary>
    public static List<EmbeddedObservability> ReadObservability(byte[] assembly, List<string> problems)
    {
        var result = new List<EmbeddedObservability>();
        using var pe = new PEReader(ImmutableArray.Create(assembly));
        if (!pe.HasMetadata)
        {
            return result;
        }

        var md = pe.GetMetadataReader();
        if (!md.IsAssembly)
        {
            return result;
        }

        foreach (var handle in md.GetAssemblyDefinition().GetCustomAttributes())
        {
            var attribute = md.GetCustomAttribute(handle);
            if (!IsAttribute(md, attribute, ObservabilityAttributeName))
            {
                continue;
            }

            try
            {
                var value = attribute.DecodeValue(StringTypeProvider.Instance);
                if (value.FixedArguments.Length == 2 && value.FixedArguments[0].Value is string id && value.FixedArguments[1].Value is string json)
                {
                    result.Add(new EmbeddedObservability(id, json));
                }
                else
                {
                    problems.Add("a PipelineObservability attribute does not have two string arguments");
                }
            }
            catch (Exception e) when (e is BadImageFormatException or InvalidOperationException or NotSupportedException or ArgumentException)
            {
                problems.Add("a PipelineObservability attribute cannot be decoded: " + e.Message);
            }
        }

        return result;
    }
}
