using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Pipelines.Build.Tasks;

/// <summary>One <c>[assembly: PipelineManifest(id, manifestJson, sourceMapJson)]</c>, decoded.</summary>
internal sealed record EmbeddedManifest(string Id, string ManifestJson, string SourceMapJson);

/// <summary>What reading an assembly gave: the manifests, and problems with single attributes.</summary>
internal sealed class EmbeddedManifests
{
    public List<EmbeddedManifest> Manifests { get; } = [];

    /// <summary>Messages about attributes that could not be decoded (one per attribute).</summary>
    public List<string> BadAttributes { get; } = [];

    /// <summary>
    /// The lint codes each type turns off with <c>[SuppressLint(code)]</c>, by manifest id (the type's namespace and
    /// name, as the generator writes the id).
    /// </summary>
    public Dictionary<string, HashSet<string>> Suppressions { get; } = new(StringComparer.Ordinal);
}

/// <summary>
/// Finds the PipelineManifest attributes of an assembly with System.Reflection.Metadata: the assembly is never loaded,
/// so the task works whatever the assembly's target framework, and holds no lock on the file.
/// </summary>
internal static partial class ManifestAttributeReader
{
    public const string AttributeNamespace = "Pipelines";
    public const string AttributeName = "PipelineManifestAttribute";
    public const string SuppressLintAttributeName = "SuppressLintAttribute";

    /// <summary>
    /// Reads the attributes from the bytes of an assembly. Throws <see cref="BadImageFormatException"/> (or
    /// <see cref="InvalidOperationException"/>) when the bytes are not a .NET assembly; the caller reports it.
    /// </summary>
    public static EmbeddedManifests Read(byte[] assembly)
    {
        var result = new EmbeddedManifests();
        using var pe = new PEReader(ImmutableArray.Create(assembly));
        if (!pe.HasMetadata)
        {
            throw new BadImageFormatException("the file has no .NET metadata");
        }

        var md = pe.GetMetadataReader();
        if (!md.IsAssembly)
        {
            throw new BadImageFormatException("the file is a module, not an assembly");
        }

        var index = 0;
        foreach (var handle in md.GetAssemblyDefinition().GetCustomAttributes())
        {
            var attribute = md.GetCustomAttribute(handle);
            if (!IsAttribute(md, attribute, AttributeName))
            {
                continue;
            }

            index++;
            try
            {
                var value = attribute.DecodeValue(StringTypeProvider.Instance);
                if (value.FixedArguments.Length != 3)
                {
                    result.BadAttributes.Add($"attribute #{index} has {value.FixedArguments.Length} arguments instead of 3");
                    continue;
                }

                var id = value.FixedArguments[0].Value as string;
                var json = value.FixedArguments[1].Value as string;
                var map = value.FixedArguments[2].Value as string;
                if (id is null || json is null || map is null)
                {
                    result.BadAttributes.Add($"attribute #{index}{(id is null ? string.Empty : " (" + id + ")")} has a null or non-string argument");
                    continue;
                }

                result.Manifests.Add(new EmbeddedManifest(id, json, map));
            }
            catch (Exception e) when (e is BadImageFormatException or InvalidOperationException or NotSupportedException or ArgumentException)
            {
                result.BadAttributes.Add($"attribute #{index} cannot be decoded: {e.Message}");
            }
        }

        ReadSuppressions(md, result);
        return result;
    }

    /// <summary>
    /// Collects <c>[SuppressLint("PIPEnnnn")]</c> on type definitions. An attribute that cannot be decoded, or whose code
    /// is not a string, suppresses nothing (the findings are then reported as usual).
    /// </summary>
    private static void ReadSuppressions(MetadataReader md, EmbeddedManifests result)
    {
        foreach (var typeHandle in md.TypeDefinitions)
        {
            var type = md.GetTypeDefinition(typeHandle);
            HashSet<string>? codes = null;
            foreach (var handle in type.GetCustomAttributes())
            {
                var attribute = md.GetCustomAttribute(handle);
                if (!IsAttribute(md, attribute, SuppressLintAttributeName))
                {
                    continue;
                }

                try
                {
                    var value = attribute.DecodeValue(StringTypeProvider.Instance);
                    if (value.FixedArguments.Length == 1 && value.FixedArguments[0].Value is string { Length: > 0 } code)
                    {
                        (codes ??= new HashSet<string>(StringComparer.Ordinal)).Add(code.Trim());
                    }
                }
                catch (Exception e) when (e is BadImageFormatException or InvalidOperationException or NotSupportedException or ArgumentException)
                {
                    // Suppresses nothing; the findings stay visible.
                }
            }

            if (codes is not null)
            {
                var id = TypeId(md, type);
                if (result.Suppressions.TryGetValue(id, out var existing))
                {
                    existing.UnionWith(codes);
                }
                else
                {
                    result.Suppressions[id] = codes;
                }
            }
        }
    }

    /// <summary>The manifest id of a type: its namespace (the outermost type's, for a nested one) and its own name.</summary>
    private static string TypeId(MetadataReader md, TypeDefinition type)
    {
        var outer = type;
        while (outer.GetDeclaringType() is { IsNil: false } declaring)
        {
            outer = md.GetTypeDefinition(declaring);
        }

        var ns = md.GetString(outer.Namespace);
        var name = md.GetString(type.Name);
        return ns.Length == 0 ? name : ns + "." + name;
    }

    private static bool IsAttribute(MetadataReader md, CustomAttribute attribute, string attributeName)
    {
        StringHandle name;
        StringHandle ns;
        switch (attribute.Constructor.Kind)
        {
            case HandleKind.MemberReference:
                var member = md.GetMemberReference((MemberReferenceHandle)attribute.Constructor);
                switch (member.Parent.Kind)
                {
                    case HandleKind.TypeReference:
                        var typeRef = md.GetTypeReference((TypeReferenceHandle)member.Parent);
                        name = typeRef.Name;
                        ns = typeRef.Namespace;
                        break;
                    case HandleKind.TypeDefinition:
                        var typeDef = md.GetTypeDefinition((TypeDefinitionHandle)member.Parent);
                        name = typeDef.Name;
                        ns = typeDef.Namespace;
                        break;
                    default:
                        return false;
                }

                break;
            case HandleKind.MethodDefinition:
                var method = md.GetMethodDefinition((MethodDefinitionHandle)attribute.Constructor);
                var declaring = md.GetTypeDefinition(method.GetDeclaringType());
                name = declaring.Name;
                ns = declaring.Namespace;
                break;
            default:
                return false;
        }

        return md.StringComparer.Equals(name, attributeName) && md.StringComparer.Equals(ns, AttributeNamespace);
    }

    /// <summary>Describes attribute argument types by name; only <c>string</c> matters here.</summary>
    internal sealed class StringTypeProvider : ICustomAttributeTypeProvider<string>
    {
        public static readonly StringTypeProvider Instance = new();

        public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode == PrimitiveTypeCode.String ? "string" : typeCode.ToString();

        public string GetSystemType() => "System.Type";

        public string GetSZArrayType(string elementType) => elementType + "[]";

        public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) =>
            reader.GetString(reader.GetTypeDefinition(handle).Name);

        public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) =>
            reader.GetString(reader.GetTypeReference(handle).Name);

        public string GetTypeFromSerializedName(string name) => name;

        // Enums never occur in the expected signature; report them as int so that decoding does not fail on them.
        public PrimitiveTypeCode GetUnderlyingEnumType(string type) => PrimitiveTypeCode.Int32;

        public bool IsSystemType(string type) => type == "System.Type";
    }
}
