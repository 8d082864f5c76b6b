using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Pipelines.Argo.Model;
using Pipelines.Argo.Yaml;

namespace Pipelines.Argo;

/// <summary>One document of a manifest file.</summary>
public sealed class ManifestDocument
{
    internal ManifestDocument(int index, int line, YamlValue root)
    {
        Index = index;
        Line = line;
        Root = root;
    }

    /// <summary>0-based index among the file's non-empty documents.</summary>
    public int Index { get; }

    /// <summary>1-based line where the document starts.</summary>
    public int Line { get; }

    /// <summary>The document as read.</summary>
    public YamlValue Root { get; }

    /// <summary>The <c>apiVersion</c>, if any.</summary>
    public string? ApiVersion { get; internal set; }

    /// <summary>The <c>kind</c>, if any.</summary>
    public string? Kind { get; internal set; }

    /// <summary><c>metadata.name</c>, or <c>metadata.generateName</c> when there is no name.</summary>
    public string? Name { get; internal set; }

    /// <summary>The Argo kind, when the document is one of the four Argo kinds.</summary>
    public ArgoKind? ArgoKind { get; internal set; }

    /// <summary>The typed object, for Argo kinds (best effort even when it has findings).</summary>
    public IArgoObject? Object { get; internal set; }

    /// <summary>The Argo Events or RBAC kind, when the document is one of <see cref="Events.EventsKind"/>.</summary>
    public Events.EventsKind? EventsKind { get; internal set; }

    /// <summary>The typed Argo Events or RBAC object (best effort even when it has findings).</summary>
    public Events.IEventsObject? EventsObject { get; internal set; }

    /// <summary>Findings from reading this document.</summary>
    public List<Finding> Findings { get; } = [];

    /// <summary>True when reading the document found an error.</summary>
    public bool HasErrors => Findings.Any(f => f.Severity == Severity.Error);
}

/// <summary>A manifest file: its documents, and findings that belong to the file as a whole.</summary>
public sealed class ManifestFile
{
    internal ManifestFile(string path) => Path = path;

    /// <summary>The path the file was read from (or the name given for text).</summary>
    public string Path { get; }

    /// <summary>The non-empty documents, in order (those read before a syntax error, if any).</summary>
    public List<ManifestDocument> Documents { get; } = [];

    /// <summary>Findings about the file itself: I/O, encoding, size, YAML syntax.</summary>
    public List<Finding> Findings { get; } = [];

    /// <summary>True when the file could not be read completely (I/O, encoding, size or YAML syntax errors).</summary>
    public bool HasFileErrors => Findings.Any(f => f.Severity == Severity.Error);

    /// <summary>All findings, file-level first, then per document.</summary>
    public IEnumerable<Finding> AllFindings => Findings.Concat(Documents.SelectMany(d => d.Findings));
}

/// <summary>
/// Reads and writes Argo manifests: strict reading into the model with findings, and canonical, deterministic writing.
/// </summary>
public static class ArgoYaml
{
    /// <summary>The apiVersion of every Argo kind.</summary>
    public const string ApiVersion = "argoproj.io/v1alpha1";

    /// <summary>Reads a file. Never throws for bad content or I/O problems: they become findings.</summary>
    public static ManifestFile ReadFile(string path, YamlLimits? limits = null)
    {
        limits ??= YamlLimits.Default;
        var file = new ManifestFile(path);
        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            if (info.Exists && info.Length > limits.MaxFileBytes)
            {
                // Do not even load an oversized file into memory: report its size the way Decode does.
                YamlDocumentReader.ReportTooLarge(info.Length, file.Findings, limits);
                return file;
            }

            // Read with a byte budget: a device (/dev/zero, or a link to it) reports a length of 0 and never ends.
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > limits.MaxFileBytes)
                {
                    file.Findings.Add(FindingCodes.FileTooLarge.Create(
                        $"reading stopped after {limits.MaxFileBytes:N0} bytes, the most the reader accepts: is this a device or a pipe rather than a manifest file?",
                        FieldPath.Root,
                        1,
                        1));
                    return file;
                }
            }

            bytes = buffer.ToArray();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            file.Findings.Add(FindingCodes.IoError.Create("cannot read the file: " + e.Message, FieldPath.Root));
            return file;
        }

        return ReadBytes(file, bytes, limits);
    }

    /// <summary>Reads file content given as bytes.</summary>
    public static ManifestFile ReadBytes(string path, byte[] bytes, YamlLimits? limits = null) =>
        ReadBytes(new ManifestFile(path), bytes, limits ?? YamlLimits.Default);

    /// <summary>Reads YAML text.</summary>
    public static ManifestFile ReadText(string text, string path = "<text>", YamlLimits? limits = null)
    {
        var file = new ManifestFile(path);
        Parse(file, text, limits ?? YamlLimits.Default);
        return file;
    }

    private static ManifestFile ReadBytes(ManifestFile file, byte[] bytes, YamlLimits limits)
    {
        var text = YamlDocumentReader.Decode(bytes, file.Findings, limits);
        if (text is not null)
        {
            Parse(file, text, limits);
        }

        return file;
    }

    private static void Parse(ManifestFile file, string text, YamlLimits limits)
    {
        var documents = YamlDocumentReader.Parse(text, file.Findings, limits);
        foreach (var d in documents)
        {
            file.Documents.Add(Bind(d));
        }

        if (documents.Count == 0 && !file.HasFileErrors)
        {
            file.Findings.Add(FindingCodes.NoDocuments.Create("the file holds no YAML document; add a manifest or delete the file", FieldPath.Root, 1, 1));
        }
    }

    private static ManifestDocument Bind(YamlDocument source)
    {
        var doc = new ManifestDocument(source.Index, source.Line, source.Root);
        if (source.Root is not YamlMapping map)
        {
            doc.Findings.Add(FindingCodes.NotAnObject.Create($"a manifest document must be a mapping with apiVersion and kind, but this one is {source.Root.Describe()}", FieldPath.Root, source.Root.Line, source.Root.Column));
            return doc;
        }

        doc.ApiVersion = (map.Get("apiVersion") as YamlScalar)?.Value;
        doc.Kind = (map.Get("kind") as YamlScalar)?.Value;
        var metadata = map.Get("metadata") as YamlMapping;
        doc.Name = (metadata?.Get("name") as YamlScalar)?.Value ?? (metadata?.Get("generateName") as YamlScalar)?.Value;
        if (doc.Kind is null || doc.ApiVersion is null)
        {
            var missing = doc.Kind is null && doc.ApiVersion is null ? "apiVersion and kind" : doc.Kind is null ? "kind" : "apiVersion";
            doc.Findings.Add(FindingCodes.NotAnObject.Create($"the document has no {missing}; every Kubernetes manifest needs both (for Argo: apiVersion: {ApiVersion})", FieldPath.Root.Field(doc.Kind is null ? "kind" : "apiVersion"), map.Line, map.Column));
            return doc;
        }

        if (!Enum.TryParse<ArgoKind>(doc.Kind, ignoreCase: false, out var kind) || !Enum.IsDefined(typeof(ArgoKind), kind) || char.IsDigit(doc.Kind[0]))
        {
            return Events.EventsYaml.Bind(doc, map);
        }

        if (!doc.ApiVersion.StartsWith("argoproj.io/", StringComparison.Ordinal))
        {
            return doc;
        }

        doc.ArgoKind = kind;
        if (doc.ApiVersion != ApiVersion)
        {
            var at = map.Get("apiVersion")!;
            doc.Findings.Add(FindingCodes.ApiVersion.Create($"apiVersion '{doc.ApiVersion}' is not served by Argo Workflows v4.1; use {ApiVersion}", FieldPath.Root.Field("apiVersion"), at.Line, at.Column));
        }

        var reader = new ModelReader(doc.Findings);
        doc.Object = kind switch
        {
            Model.ArgoKind.Workflow => ModelSerializer.ReadWorkflow(reader, map, FieldPath.Root),
            Model.ArgoKind.WorkflowTemplate => ModelSerializer.ReadWorkflowTemplate(reader, map, FieldPath.Root),
            Model.ArgoKind.ClusterWorkflowTemplate => ModelSerializer.ReadClusterWorkflowTemplate(reader, map, FieldPath.Root),
            _ => ModelSerializer.ReadCronWorkflow(reader, map, FieldPath.Root),
        };
        return doc;
    }

    /// <summary>Converts an Argo object to its YAML node, fields in the order of Argo's types.</summary>
    public static YamlMapping ToYaml(IArgoObject value) => value switch
    {
        Workflow w => ModelSerializer.WriteWorkflow(w),
        WorkflowTemplate t => ModelSerializer.WriteWorkflowTemplate(t),
        ClusterWorkflowTemplate c => ModelSerializer.WriteClusterWorkflowTemplate(c),
        CronWorkflow c => ModelSerializer.WriteCronWorkflow(c),
        null => throw new ArgumentNullException(nameof(value)),
        _ => throw new ArgumentException("Unknown Argo object type " + value.GetType().Name, nameof(value)),
    };

    /// <summary>Writes Argo objects as canonical YAML, separated by <c>---</c>.</summary>
    public static string Write(IEnumerable<IArgoObject> values) => YamlTextWriter.Write(values.Select(ToYaml));

    /// <summary>Writes one Argo object as canonical YAML.</summary>
    public static string Write(IArgoObject value) => YamlTextWriter.Write(ToYaml(value));

    /// <summary>
    /// The canonical form of a file: Argo and Argo Events documents through the model, other documents (and Argo Events
    /// documents with unknown fields, which the model would drop) formatted generically, comments kept in place.
    /// Null when the file has errors, or when its data cannot be written exactly as read.
    /// </summary>
    public static string? Format(ManifestFile file) => Format(file, out _);

    /// <summary>
    /// The canonical form of a file, or null. When a file without errors is not formatted, <paramref name="refusal"/>
    /// says why, located at the first node that could not be kept (a null the model drops, a tag such as
    /// <c>!!binary</c> in an Argo document...): the output is read back and compared with the input before it is
    /// returned, so formatting never changes the data.
    /// </summary>
    public static string? Format(ManifestFile file, out Finding? refusal)
    {
        refusal = null;
        if (file.HasFileErrors || file.Documents.Any(d => (d.ArgoKind is not null || d.EventsKind is not null) && d.HasErrors))
        {
            return null;
        }

        if (file.Findings.FirstOrDefault(f => f.Code == FindingCodes.CommentsUnreadable.Code) is { } unreadable)
        {
            refusal = unreadable;
            return null;
        }

        var roots = file.Documents.Select(d =>
                d.Object is { } o ? WithComments(ToYaml(o), d.Root)
                : d.EventsObject is { } e && !d.Findings.Any(f => f.Code == FindingCodes.EventsUnknownField.Code) ? WithComments(Events.EventsYaml.ToYaml(e), d.Root)
                : d.Root).ToList();
        var text = YamlTextWriter.Write(roots);
        var findings = new List<Finding>();
        var written = YamlDocumentReader.Parse(text, findings, YamlLimits.Unbounded, readComments: false);
        if (findings.Any(f => f.Severity == Severity.Error) || written.Count != file.Documents.Count)
        {
            refusal = FindingCodes.NotFormattable.Create("the formatted text would not read back as the same documents, so the file is left as it is; please report the file", FieldPath.Root, 1, 1);
            return null;
        }

        for (var i = 0; i < written.Count; i++)
        {
            if (YamlDataComparer.FirstDifference(file.Documents[i].Root, written[i].Root) is { } difference)
            {
                refusal = FindingCodes.NotFormattable.Create(
                    $"fmt cannot keep this exactly ({difference.What}), so the file is left as it is; write it another way (for example an empty mapping {{}} instead of nothing), or leave the file out of fmt",
                    difference.Path,
                    difference.Node.Line,
                    difference.Node.Column);
                return null;
            }
        }

        return text;
    }

    // The model writes a fresh tree in the canonical field order; the comments read from the file go to the same nodes.
    private static YamlValue WithComments(YamlValue written, YamlValue read)
    {
        YamlCommentCopier.Copy(read, written);
        return written;
    }
}
