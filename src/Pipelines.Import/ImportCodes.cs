using Pipelines.Argo;

namespace Pipelines.Import;

/// <summary>
/// The findings of <c>pipelines import</c> (band <c>PIPE7001</c>-<c>PIPE7099</c>). docs/import.md lists them; a test
/// keeps that page in step with this class.
/// </summary>
public static class ImportCodes
{
    /// <summary>A document has reader or validator errors, so it is not imported.</summary>
    public static readonly FindingDescriptor NotImported = new("PIPE7001", Severity.Error, "A document has errors (reader or validator), so it was not imported; fix it (see `pipelines lint`) and import again.");

    /// <summary>A document of another kind (ConfigMap, ...) is skipped.</summary>
    public static readonly FindingDescriptor OtherKind = new("PIPE7002", Severity.Warning, "A document is not one of the four Argo kinds, so there is nothing to import; keep it as YAML.");

    /// <summary>A value cannot be written exactly at all.</summary>
    public static readonly FindingDescriptor NotExact = new("PIPE7003", Severity.Warning, "A value cannot be written exactly in C#; the document was imported without it. Add it back by hand (see the message).");

    /// <summary>The output file exists with other content.</summary>
    public static readonly FindingDescriptor FileExists = new("PIPE7004", Severity.Error, "The C# file to write already exists with other content; it was left as it is. Import into an empty folder, or remove the file.");

    /// <summary>The output folder or files could not be written.</summary>
    public static readonly FindingDescriptor WriteFailed = new("PIPE7005", Severity.Error, "The output could not be written (I/O error).");

    /// <summary>All descriptors, sorted by code.</summary>
    public static FindingDescriptor[] All { get; } = [NotImported, OtherKind, NotExact, FileExists, WriteFailed];
}
