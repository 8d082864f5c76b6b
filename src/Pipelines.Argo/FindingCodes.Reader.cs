namespace Pipelines.Argo;

public static partial class FindingCodes
{
    /// <summary>The text is not well-formed YAML.</summary>
    public static readonly FindingDescriptor YamlSyntax = new("PIPE3001", Severity.Error, "The file is not well-formed YAML.", Source: "sigs.k8s.io/yaml YAMLToJSON (common.ParseObjects)");

    /// <summary>A field the Argo type does not have (Argo decodes strictly).</summary>
    public static readonly FindingDescriptor UnknownField = new("PIPE3002", Severity.Error, "Unknown field: Argo decodes manifests strictly and rejects fields its types do not have.", Source: "common.ParseObjects with strict decoding (argo lint --strict, the default)");

    /// <summary>A value of the wrong type (a list where a string is expected, a quoted number for an integer field...).</summary>
    public static readonly FindingDescriptor WrongType = new("PIPE3003", Severity.Error, "A value has the wrong type for its field.", Source: "encoding/json Unmarshal into the Go types (common.ParseObjects)");

    /// <summary>A mapping repeats a key; like Kubernetes, the last value is kept.</summary>
    public static readonly FindingDescriptor DuplicateKey = new("PIPE3004", Severity.Warning, "A mapping repeats a key; the last value is kept, as Kubernetes does.", Source: "sigs.k8s.io/yaml (keeps the last value), so a warning");

    /// <summary>Aliases expand beyond the limit (a "billion laughs" document).</summary>
    public static readonly FindingDescriptor AliasLimit = new("PIPE3005", Severity.Error, "Aliases expand the document beyond the allowed size.", Source: "not Argo: a reader limit");

    /// <summary>Nesting deeper than the reader allows.</summary>
    public static readonly FindingDescriptor TooDeep = new("PIPE3006", Severity.Error, "The document nests deeper than the reader allows.", Source: "not Argo: a reader limit");

    /// <summary>A file larger than any Kubernetes object could be.</summary>
    public static readonly FindingDescriptor FileTooLarge = new("PIPE3007", Severity.Error, "The file is larger than the reader accepts.", Source: "not Argo: a reader limit");

    /// <summary>The file is not text (binary data, invalid UTF-8, control characters).</summary>
    public static readonly FindingDescriptor NotText = new("PIPE3008", Severity.Error, "The file is not UTF-8 or UTF-16 text.", Source: "sigs.k8s.io/yaml (UTF-8 only)");

    /// <summary>A multi-line quoted string whose continuation lines are indented less than YAML 1.2 requires.</summary>
    public static readonly FindingDescriptor ShallowContinuation = new("PIPE3009", Severity.Warning, "A multi-line quoted string has continuation lines indented less than YAML requires; Argo accepts it, strict YAML readers do not.", Source: "Go yaml accepts it; stricter YAML readers do not, so a warning");

    /// <summary>The file holds no YAML document.</summary>
    public static readonly FindingDescriptor NoDocuments = new("PIPE3010", Severity.Error, "The file holds no YAML document.", Source: "common.ParseObjects (nothing to lint)");

    /// <summary>A document is not a Kubernetes object (no mapping, no apiVersion or kind).</summary>
    public static readonly FindingDescriptor NotAnObject = new("PIPE3011", Severity.Error, "A document is not a Kubernetes object with apiVersion and kind.", Source: "common.ParseObjects (not a Kubernetes object)");

    /// <summary>A field the schema requires is missing.</summary>
    public static readonly FindingDescriptor RequiredField = new("PIPE3012", Severity.Warning, "A required field is missing.", Source: "full CRD schema only; Argo's Go types decode without it, so a warning");

    /// <summary>An Argo kind with an apiVersion other than argoproj.io/v1alpha1.</summary>
    public static readonly FindingDescriptor ApiVersion = new("PIPE3013", Severity.Error, "An Argo kind has an apiVersion other than argoproj.io/v1alpha1.", Source: "Kubernetes API server (the CRDs serve v1alpha1 only)");

    /// <summary>The file could not be read.</summary>
    public static readonly FindingDescriptor IoError = new("PIPE3014", Severity.Error, "The file could not be read.", Source: "not Argo: the file system");

    /// <summary>A mapping key that is not a scalar.</summary>
    public static readonly FindingDescriptor ComplexKey = new("PIPE3015", Severity.Error, "A mapping key is a list or a mapping; Kubernetes objects only have string keys.", Source: "sigs.k8s.io/yaml YAMLToJSON (keys must be strings)");

    /// <summary>The file starts with a byte-order mark.</summary>
    public static readonly FindingDescriptor ByteOrderMark = new("PIPE3016", Severity.Warning, "The file starts with a byte-order mark; it is accepted, and `pipelines fmt` removes it.", Source: "sigs.k8s.io/yaml accepts it, so a warning");
}
