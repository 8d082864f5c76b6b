using Pipelines.Argo.Yaml;

namespace Pipelines.Argo.Model;

/// <summary>The lenient parts of strict reading, for Argo Events objects (used by the generated <c>EventsSerializer</c>).</summary>
public sealed partial class ModelReader
{
    /// <summary>
    /// A field the Argo Events type does not have: Argo Events decodes leniently and drops it without a word, so the
    /// setting has no effect. A warning, with the closest known name when there is one.
    /// </summary>
    internal void UnknownDropped(YamlEntry entry, FieldPath path, string typeName, string[] known)
    {
        var name = entry.Key.Value;
        var suggestion = Suggest(name, known);
        var message = $"unknown field '{name}' in {typeName}: Argo Events ignores it, so it has no effect";
        message += suggestion is null
            ? $"; remove it or use one of: {string.Join(", ", known)}"
            : $"; did you mean '{suggestion}'?";
        Report(FindingCodes.EventsUnknownField, message, path.Field(name), entry.Key);
    }

    /// <summary>
    /// A field schema.json lists as required (its Go JSON tag has no omitempty) that is missing. Argo Events itself
    /// accepts the object when its own validation passes, so this is a warning.
    /// </summary>
    internal void SchemaRequired(YamlMapping map, FieldPath path, string typeName, string field) =>
        Report(FindingCodes.EventsSchemaRequired, $"{typeName} has no '{field}': Argo Events' schema.json requires it (Argo Events accepts it missing); set it so schema-based tools accept the object", path.Field(field), map);
}
