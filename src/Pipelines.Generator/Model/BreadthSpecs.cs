namespace Pipelines.Generator.Model;

/// <summary>
/// A JSON value merged into the manifest at <see cref="Path"/> (from the manifest root: field names, <c>[n]</c> indexes
/// and <c>[name=x]</c> list items by name). Typed <c>[Spec]</c> initializers, first-class template kinds and the
/// <c>[Patch]</c> escape hatch all become fragments; <see cref="Position"/> is where the source map points.
/// </summary>
internal sealed record FragmentSpec(string Path, string Json, SourcePosition Position);
