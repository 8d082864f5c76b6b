using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Pipelines.Analyzers;

/// <summary>
/// Every diagnostic the analyzers report, in one place. IDs are PIPE4xxx, in bands by family (docs/diagnostics.md):
/// 40xx DAG graph, 41xx references in strings, 42xx arguments, 43xx names and limits, 44xx template definition,
/// 45xx control, 46xx authoring, 47xx security, 48xx Argo version. Each ID has a page analyzers/docs/PIPExxxx.md and a
/// line in AnalyzerReleases.Unshipped.md. (Written as plain constructor calls so that release tracking, RS2008, can
/// read the category and severity.)
/// </summary>
internal static class DiagnosticDescriptors
{
    /// <summary>
    /// Where the pages live; the helpLinkUri of an ID is this plus "PIPExxxx.md". The repository's address is the
    /// RepositoryUrl MSBuild property (Directory.Build.props), the same one the packages carry.
    /// </summary>
    public const string HelpLinkBase = RepositoryInfo.Url + "/blob/main/analyzers/docs/";

    /// <summary>PIPE4001: DAG has a dependency cycle.</summary>
    public static readonly DiagnosticDescriptor DagCycle = new(
        "PIPE4001",
        "DAG has a dependency cycle",
        "The tasks of DAG template '{0}' depend on each other in a cycle: {1}",
        "Pipelines.Graph",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + "PIPE4001.md");

    /// <summary>PIPE4002: Dependency is not a task.</summary>
    public static readonly DiagnosticDescriptor UnknownDependency = new(
        "PIPE4002",
        "Dependency is not a task",
        "'{0}' is not a task of this DAG, so the dependency is dropped; pass the local variable a task call was assigned to",
        "Pipelines.Graph",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + "PIPE4002.md");

    /// <summary>PIPE4003: Task depends on itself.</summary>
    public static readonly DiagnosticDescriptor SelfDependency = new(
        "PIPE4003",
        "Task depends on itself",
        "Task '{0}' depends on itself",
        "Pipelines.Graph",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + "PIPE4003.md");

    /// <summary>PIPE4004: Depends expression cannot be translated.</summary>
    public static readonly DiagnosticDescriptor InvalidDepends = new(
        "PIPE4004",
        "Depends expression cannot be translated",
        "'{0}' is not a depends expression; combine task variables or their states (a.Succeeded, b.Failed, ...) with &&, || and !",
        "Pipelines.Graph",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + "PIPE4004.md");

    /// <summary>PIPE4101: Reference does not resolve.</summary>
    public static readonly DiagnosticDescriptor UnknownReference = new(
        "PIPE4101",
        "Reference does not resolve",
        "'{{{{{0}}}}}' does not resolve: {1}{2}",
        "Pipelines.References",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + "PIPE4101.md");

    /// <summary>PIPE4102: Reference to the wrong scope.</summary>
    public static readonly DiagnosticDescriptor WrongScope = new(
        "PIPE4102",
        "Reference to the wrong scope",
        "'{{{{{0}}}}}' cannot be used in {1}",
        "Pipelines.References",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + "PIPE4102.md");

    /// <summary>PIPE4103: 'item' used outside a loop.</summary>
    public static readonly DiagnosticDescriptor ItemOutsideLoop = new(
        "PIPE4103",
        "'item' used outside a loop",
        "'{{{{{0}}}}}' is used outside a loop; 'item' exists only in the arguments of a task or step that loops",
        "Pipelines.References",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + "PIPE4103.md");

    /// <summary>PIPE4104: Malformed reference.</summary>
    public static readonly DiagnosticDescriptor MalformedReference = new(
        "PIPE4104",
        "Malformed reference",
        "'{0}' is not a well-formed reference: {1}",
        "Pipelines.References",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + "PIPE4104.md");

    /// <summary>PIPE4201: Required input not supplied.</summary>
    public static readonly DiagnosticDescriptor MissingArgument = new(
        "PIPE4201",
        "Required input not supplied",
        "Template '{0}' requires input '{1}', but this call does not supply it",
        "Pipelines.Arguments",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + "PIPE4201.md");

    /// <summary>PIPE4202: Artifact argument is not an input of the template.</summary>
    public static readonly DiagnosticDescriptor UndeclaredArtifactArgument = new(
        "PIPE4202",
        "Artifact argument is not an input of the template",
        "Template '{0}' declares no input artifact '{1}'{2}",
        "Pipelines.Arguments",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + "PIPE4202.md");

    /// <summary>PIPE4203: Input artifact not supplied.</summary>
    public static readonly DiagnosticDescriptor MissingArtifactArgument = new(
        "PIPE4203",
        "Input artifact not supplied",
        "Template '{0}' requires input artifact '{1}'; add .WithArtifact(\"{1}\", ...) to this call",
        "Pipelines.Arguments",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + "PIPE4203.md");

    /// <summary>PIPE4204: Value does not fit the parameter type.</summary>
    public static readonly DiagnosticDescriptor ValueDoesNotFit = new(
        "PIPE4204",
        "Value does not fit the parameter type",
        "'{0}' is not a valid {1} for parameter '{2}'",
        "Pipelines.Arguments",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + "PIPE4204.md");

    /// <summary>PIPE4301: Duplicate template name.</summary>
    public static readonly DiagnosticDescriptor DuplicateTemplateName = new(
        "PIPE4301",
        "Duplicate template name",
        "Template name '{0}' is used by more than one method ({1})",
        "Pipelines.Names",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + "PIPE4301.md");

    /// <summary>PIPE4302: Duplicate task or step name.</summary>
    public static readonly DiagnosticDescriptor DuplicateNodeName = new(
        "PIPE4302",
        "Duplicate task or step name",
        "Another task or step of template '{0}' is already named '{1}'; name this one with .Named(\"...\")",
        "Pipelines.Names",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + "PIPE4302.md");

    /// <summary>PIPE4303: Duplicate parameter name.</summary>
    public static readonly DiagnosticDescriptor DuplicateParameterName = new(
        "PIPE4303",
        "Duplicate parameter name",
        "Parameter name '{0}' is used twice in the {1} of '{2}'",
        "Pipelines.Names",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + "PIPE4303.md");

    /// <summary>PIPE4304: Invalid template, task or step name.</summary>
    public static readonly DiagnosticDescriptor InvalidTemplateName = new(
        "PIPE4304",
        "Invalid template, task or step name",
        "'{0}' is not a valid Argo {1} name: use letters, digits and '-', start with a letter or digit, at most 128 characters",
        "Pipelines.Names",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + "PIPE4304.md");

    /// <summary>PIPE4305: Invalid parameter or artifact name.</summary>
    public static readonly DiagnosticDescriptor InvalidParameterName = new(
        "PIPE4305",
        "Invalid parameter or artifact name",
        "'{0}' is not a valid parameter or artifact name: use letters, digits, '-' and '_'",
        "Pipelines.Names",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + "PIPE4305.md");

    /// <summary>PIPE4306: Invalid metadata.name.</summary>
    public static readonly DiagnosticDescriptor InvalidMetadataName = new(
        "PIPE4306",
        "Invalid metadata.name",
        "'{0}' is not a valid Kubernetes name: use lower-case letters, digits, '-' and '.', starting and ending with a letter or digit",
        "Pipelines.Names",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + "PIPE4306.md");

    /// <summary>PIPE4307: metadata.name too long.</summary>
    public static readonly DiagnosticDescriptor MetadataNameTooLong = new(
        "PIPE4307",
        "metadata.name too long",
        "The name '{0}' has {1} characters; a {2} name can have at most {3}",
        "Pipelines.Names",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + "PIPE4307.md");

    /// <summary>PIPE4308: Literal parameter value too large.</summary>
    public static readonly DiagnosticDescriptor ParameterValueTooLarge = new(
        "PIPE4308",
        "Literal parameter value too large",
        "This literal value has {0} bytes; Argo parameter values can have at most 262144 (256 KiB): use an artifact",
        "Pipelines.Names",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + "PIPE4308.md");

    /// <summary>PIPE4401: Output parameter source does not fit the template.</summary>
    public static readonly DiagnosticDescriptor OutputSourceDoesNotFit = new(
        "PIPE4401",
        "Output parameter source does not fit the template",
        "Output parameter '{0}' of {1} template '{2}' {3}",
        "Pipelines.Templates",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + "PIPE4401.md");

    /// <summary>PIPE4402: Method has more than one template kind.</summary>
    public static readonly DiagnosticDescriptor ConflictingTemplateKinds = new(
        "PIPE4402",
        "Method has more than one template kind",
        "Method '{0}' carries [{1}] and [{2}]; a template has exactly one kind, so [{2}] is ignored",
        "Pipelines.Templates",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + "PIPE4402.md");

    /// <summary>PIPE4403: Missing or repeated entrypoint.</summary>
    public static readonly DiagnosticDescriptor EntrypointProblem = new(
        "PIPE4403",
        "Missing or repeated entrypoint",
        "{0}",
        "Pipelines.Templates",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + "PIPE4403.md");

    /// <summary>PIPE4501: Template calls itself unconditionally.</summary>
    public static readonly DiagnosticDescriptor UnconditionalRecursion = new(
        "PIPE4501",
        "Template calls itself unconditionally",
        "Template '{0}' calls itself through {1} without a When condition, so it never ends",
        "Pipelines.Control",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + "PIPE4501.md");

    /// <summary>PIPE4502: Loop source is not a JSON list.</summary>
    public static readonly DiagnosticDescriptor LoopSourceNotList = new(
        "PIPE4502",
        "Loop source is not a JSON list",
        "'{0}' is not a JSON list and not a reference, so Argo cannot loop over it",
        "Pipelines.Control",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + "PIPE4502.md");

    /// <summary>PIPE4503: Invalid retry strategy.</summary>
    public static readonly DiagnosticDescriptor InvalidRetry = new(
        "PIPE4503",
        "Invalid retry strategy",
        "Invalid retry strategy: {0}",
        "Pipelines.Control",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + "PIPE4503.md");

    /// <summary>PIPE4504: Invalid duration.</summary>
    public static readonly DiagnosticDescriptor InvalidDuration = new(
        "PIPE4504",
        "Invalid duration",
        "'{0}' is not a valid duration for {1}: use a number of seconds or a Go duration such as 30s, 2m or 1h30m",
        "Pipelines.Control",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + "PIPE4504.md");

    /// <summary>PIPE4505: Invalid cron schedule.</summary>
    public static readonly DiagnosticDescriptor InvalidCronSchedule = new(
        "PIPE4505",
        "Invalid cron schedule",
        "'{0}' is not a valid cron schedule: {1}",
        "Pipelines.Control",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + "PIPE4505.md");

    /// <summary>PIPE4506: Unknown time zone.</summary>
    public static readonly DiagnosticDescriptor UnknownTimeZone = new(
        "PIPE4506",
        "Unknown time zone",
        "'{0}' is not a known IANA time zone{1}",
        "Pipelines.Control",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + "PIPE4506.md");

    /// <summary>PIPE4507: Exit handler does not resolve.</summary>
    public static readonly DiagnosticDescriptor ExitHandlerNotFound = new(
        "PIPE4507",
        "Exit handler does not resolve",
        "Exit handler '{0}' is not a template method of this class{1}",
        "Pipelines.Control",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + "PIPE4507.md");

    /// <summary>PIPE4508: Invalid concurrency policy.</summary>
    public static readonly DiagnosticDescriptor InvalidConcurrencyPolicy = new(
        "PIPE4508",
        "Invalid concurrency policy",
        "'{0}' is not a concurrency policy: use Allow, Forbid or Replace",
        "Pipelines.Control",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + "PIPE4508.md");

    /// <summary>PIPE4509: Large fan-out without parallelism.</summary>
    public static readonly DiagnosticDescriptor LargeFanOut = new(
        "PIPE4509",
        "Large fan-out without parallelism",
        "This loop starts {0} pods at once and neither template '{1}' nor the workflow sets a parallelism limit: add [Parallelism(n)] to the template method or the class",
        "Pipelines.Control",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + "PIPE4509.md");

    /// <summary>PIPE4510: Fan-out sized at run time without parallelism (off by default).</summary>
    public static readonly DiagnosticDescriptor RunTimeFanOut = new(
        "PIPE4510",
        "Fan-out sized at run time without parallelism",
        "This loop starts one pod per item of '{0}', a list whose length only the run knows, and neither template '{1}' nor the workflow sets a parallelism limit: add [Parallelism(n)] to the template method or the class",
        "Pipelines.Control",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: false,
        helpLinkUri: HelpLinkBase + "PIPE4510.md");

    /// <summary>PIPE4601: Statement cannot be translated.</summary>
    public static readonly DiagnosticDescriptor UntranslatableStatement = new(
        "PIPE4601",
        "Statement cannot be translated",
        "'{0}' cannot be translated to Argo and is left out: a DAG or steps method holds template calls (optionally assigned to a local), foreach loops over literal lists or Loop.*, Parallel(...) groups and return",
        "Pipelines.Authoring",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + "PIPE4601.md");

    /// <summary>PIPE4602: Value cannot be translated.</summary>
    public static readonly DiagnosticDescriptor UntranslatableValue = new(
        "PIPE4602",
        "Value cannot be translated",
        "'{0}' cannot be translated as {1}: use a literal, a parameter of this method, an [Argument] property of the class, a loop item, a task's Result, ExitCode, Status or Outputs property, or an interpolated string of these",
        "Pipelines.Authoring",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + "PIPE4602.md");

    /// <summary>PIPE4603: Unsupported parameter type.</summary>
    public static readonly DiagnosticDescriptor UnsupportedParameterType = new(
        "PIPE4603",
        "Unsupported parameter type",
        "Parameter '{0}' has type '{1}', which an Argo parameter cannot carry: use string, bool, a number type, char, an enum, or (as JSON) a record, class, array or collection",
        "Pipelines.Authoring",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + "PIPE4603.md");

    /// <summary>PIPE4604: Template without an image.</summary>
    public static readonly DiagnosticDescriptor ContainerWithoutImage = new(
        "PIPE4604",
        "Template without an image",
        "Template '{0}' has no image",
        "Pipelines.Authoring",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + "PIPE4604.md");

    /// <summary>PIPE4605: Pipeline class cannot be translated.</summary>
    public static readonly DiagnosticDescriptor ClassNotTranslated = new(
        "PIPE4605",
        "Pipeline class cannot be translated",
        "Class '{0}' is ignored by the generator: a pipeline class must be {1}",
        "Pipelines.Authoring",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + "PIPE4605.md");

    /// <summary>PIPE4606: Nested loop.</summary>
    public static readonly DiagnosticDescriptor NestedLoop = new(
        "PIPE4606",
        "Nested loop",
        "A loop inside a loop cannot be translated; move the inner loop into its own DAG or steps method and call it from the outer loop",
        "Pipelines.Authoring",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + "PIPE4606.md");

    /// <summary>PIPE4701: Literal secret in a pipeline.</summary>
    public static readonly DiagnosticDescriptor LiteralSecret = new(
        "PIPE4701",
        "Literal secret in a pipeline",
        "{0} looks like a secret written in the pipeline; it ends up in the manifest and in the UI: read it from a Kubernetes Secret (secretKeyRef) instead",
        "Pipelines.Security",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + "PIPE4701.md");

    /// <summary>PIPE4702: Privileged container.</summary>
    public static readonly DiagnosticDescriptor PrivilegedContainer = new(
        "PIPE4702",
        "Privileged container",
        "A privileged container has the node's devices and kernel capabilities, so a compromised step owns the node: drop Privileged = true and grant only the capabilities the step needs",
        "Pipelines.Security",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + "PIPE4702.md");

    /// <summary>PIPE4703: hostPath volume.</summary>
    public static readonly DiagnosticDescriptor HostPathVolume = new(
        "PIPE4703",
        "hostPath volume",
        "Volume '{0}' mounts a directory of the node (hostPath), which exposes the node's files to the step and ties the pod to one node: use an emptyDir, a ConfigMap/Secret or a PersistentVolumeClaim",
        "Pipelines.Security",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + "PIPE4703.md");

    /// <summary>PIPE4801: Field removed in Argo 4.</summary>
    public static readonly DiagnosticDescriptor RemovedInArgo4 = new(
        "PIPE4801",
        "Field removed in Argo 4",
        "{0} was removed in Argo Workflows 4; {1}",
        "Pipelines.ArgoVersion",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + "PIPE4801.md");

    /// <summary>PIPE4802: Unknown PipelinesArgoVersion.</summary>
    public static readonly DiagnosticDescriptor UnknownArgoVersion = new(
        "PIPE4802",
        "Unknown PipelinesArgoVersion",
        "PipelinesArgoVersion '{0}' is not supported; the analyzers check for Argo Workflows 4.1",
        "Pipelines.ArgoVersion",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + "PIPE4802.md", customTags: WellKnownDiagnosticTags.CompilationEnd);

    /// <summary>PIPE4610: A template method named Main is an entry point candidate of the executable.</summary>
    public static readonly DiagnosticDescriptor TemplateNamedMain = new(
        "PIPE4610",
        "Template method named Main can become the program's entry point",
        "Template method '{0}.Main' has the signature of a C# entry point, so in this executable it competes with the program's Main (the generated step entry point or another class's Main: CS8892, CS0017); rename the method and keep the template name with [Name(\"main\")]",
        "Pipelines.Authoring",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + "PIPE4610.md");

    /// <summary>PIPE4650: A null item in a string list of a Pipelines attribute.</summary>
    public static readonly DiagnosticDescriptor NullListItem = new(
        "PIPE4650",
        "Null item in a list of strings",
        "In {0}, item {2} of {1} is null: Argo's lists hold strings, so it would be written as \"\"; give it a value or remove it",
        "Pipelines.Authoring",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + "PIPE4650.md");

    /// <summary>PIPE4950: SLO objective outside (0, 1).</summary>
    public static readonly DiagnosticDescriptor SloObjectiveOutOfRange = new(
        "PIPE4950",
        "SLO objective outside (0, 1)",
        "{0} = {1} is not a usable objective: it must be strictly between 0 and 1 (write 0.99 for 99%)",
        "Pipelines.Observability",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + "PIPE4950.md");

    /// <summary>PIPE4951: Latency threshold is not a histogram bucket.</summary>
    public static readonly DiagnosticDescriptor LatencyThresholdNotBucket = new(
        "PIPE4951",
        "Latency threshold is not a histogram bucket",
        "The latency threshold {0} ({1} seconds) is not one of the Buckets, so the SLI cannot count the runs under it; add {1} to Buckets",
        "Pipelines.Observability",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + "PIPE4951.md");

    /// <summary>PIPE4952: Metric label value differs per run.</summary>
    public static readonly DiagnosticDescriptor PerRunMetricLabel = new(
        "PIPE4952",
        "Metric label value differs per run",
        "Label '{0}' takes its value from {{{{{1}}}}}, which differs per run or pod: every run starts new series that Argo keeps until metricsTTL; use a bounded value such as {{{{status}}}}, or put the run identity on spans and logs",
        "Pipelines.Observability",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + "PIPE4952.md");

    /// <summary>PIPE4953: Name Argo rejects.</summary>
    public static readonly DiagnosticDescriptor InvalidMetricName = new(
        "PIPE4953",
        "Metric or SLO name Argo rejects",
        "The {0} '{1}' is not valid: use {2}",
        "Pipelines.Observability",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + "PIPE4953.md");

    /// <summary>PIPE4954: SLO on a workflow that emits no status metric.</summary>
    public static readonly DiagnosticDescriptor SloWithoutStatusMetric = new(
        "PIPE4954",
        "SLO on a workflow that emits no status metric",
        "{0} declares a success-rate SLO but [RunMetrics(Runs = false)] turns off the run counter it reads; remove Runs = false or the SLO",
        "Pipelines.Observability",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + "PIPE4954.md");

    /// <summary>PIPE4955: SLO window or threshold is not a Prometheus duration.</summary>
    public static readonly DiagnosticDescriptor SloInvalidDuration = new(
        "PIPE4955",
        "SLO window or threshold is not a Prometheus duration",
        "{0} = \"{1}\" is not usable: write {2}",
        "Pipelines.Observability",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + "PIPE4955.md");

    /// <summary>PIPE4901: Mapped path is not in the event.</summary>
    public static readonly DiagnosticDescriptor PathNotOnMessage = new(
        "PIPE4901",
        "Mapped path is not in the event",
        "The path '{0}' is not in the event: {1}",
        "Pipelines.Events",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + "PIPE4901.md");

    /// <summary>PIPE4902: Triggered template input with no mapping and no default.</summary>
    public static readonly DiagnosticDescriptor InputWithoutMapping = new(
        "PIPE4902",
        "Triggered template input with no mapping and no default",
        "Input '{0}' of {1} has no [FromMessage] or [FromEvent] and no default, so the Workflows the trigger submits would lack it; map it from the message or give it a default",
        "Pipelines.Events",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + "PIPE4902.md");

    /// <summary>PIPE4903: Trigger retries, policy or dead letter without [AtLeastOnce].</summary>
    public static readonly DiagnosticDescriptor NeedsAtLeastOnce = new(
        "PIPE4903",
        "Trigger retries, policy or dead letter without [AtLeastOnce]",
        "[{0}] on {1} needs [AtLeastOnce]: without it Argo Events counts the trigger as done at once, so it never retries, waits or dead-letters (a dlqTrigger is even rejected)",
        "Pipelines.Events",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + "PIPE4903.md");

    /// <summary>PIPE4904: Dead-letter topic is the source topic.</summary>
    public static readonly DiagnosticDescriptor DeadLetterIsSource = new(
        "PIPE4904",
        "Dead-letter topic is the source topic",
        "The dead-letter topic '{0}' is the topic the trigger reads: every dead letter would be consumed and fail again; use a separate topic such as '{0}-dlq'",
        "Pipelines.Events",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + "PIPE4904.md");

    /// <summary>PIPE4905: Trigger retries without a bound.</summary>
    public static readonly DiagnosticDescriptor UnboundedRetries = new(
        "PIPE4905",
        "Trigger retries without a bound",
        "[{0}] {1}: give Steps (total attempts) from 1 to 10 and keep the last wait under 10 minutes; an atLeastOnce trigger holds back the following events while it retries",
        "Pipelines.Events",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + "PIPE4905.md");

    /// <summary>PIPE4906: Literal secret in an event trigger.</summary>
    public static readonly DiagnosticDescriptor LiteralEventsSecret = new(
        "PIPE4906",
        "Literal secret in an event trigger",
        "{0} holds {1}: name a Kubernetes Secret instead ('secret-name:key'); the manifests are committed and must carry no credentials",
        "Pipelines.Events",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + "PIPE4906.md");

    /// <summary>PIPE4907: Event trigger setting that nothing uses.</summary>
    public static readonly DiagnosticDescriptor TriggerMisplaced = new(
        "PIPE4907",
        "Event trigger setting that nothing uses",
        "[{0}] is not used: {1} {2}",
        "Pipelines.Events",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + "PIPE4907.md");

    /// <summary>PIPE4908: Message mapping on an input that is not a workflow argument.</summary>
    public static readonly DiagnosticDescriptor MappingNotOnEntrypoint = new(
        "PIPE4908",
        "Message mapping on an input that is not a workflow argument",
        "[{0}] on '{1}' of {2} is not used: the trigger fills only the workflow arguments, which are the entrypoint's inputs",
        "Pipelines.Events",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + "PIPE4908.md");

    /// <summary>PIPE4909: Event trigger setting Argo Events rejects.</summary>
    public static readonly DiagnosticDescriptor InvalidTriggerSetting = new(
        "PIPE4909",
        "Event trigger setting Argo Events rejects",
        "[{0}]: {1}",
        "Pipelines.Events",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + "PIPE4909.md");

    /// <summary>PIPE4910: the Sensor's account is not managed by the build.</summary>
    public static readonly DiagnosticDescriptor SensorAccountUnmanaged = new(
        "PIPE4910",
        "Sensor account without the rules to create workflows",
        "The Sensor of {0} runs as '{1}', which the build does not write (Manage = false): that account must be allowed to create, get and list workflows and to get workflowtemplates, or every submission fails",
        "Pipelines.Events",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + "PIPE4910.md");

    /// <summary>PIPE4911: MSK IAM authentication without an identity on the EventSource's account.</summary>
    public static readonly DiagnosticDescriptor MskWithoutIdentity = new(
        "PIPE4911",
        "MSK IAM authentication without a workload identity",
        "The EventSource '{0}' authenticates to MSK with IAM but its account has no identity: add [EventsIdentity(EventsComponent.EventSource, AwsRoleArn = ...)] for a role that may kafka-cluster:Connect, DescribeTopic and ReadData on '{1}' and AlterGroup on group '{2}'",
        "Pipelines.Events",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + "PIPE4911.md");

    /// <summary>All descriptors, in ID order.</summary>
    public static readonly ImmutableArray<DiagnosticDescriptor> All = ImmutableArray.Create(
        DagCycle,
        UnknownDependency,
        SelfDependency,
        InvalidDepends,
        UnknownReference,
        WrongScope,
        ItemOutsideLoop,
        MalformedReference,
        MissingArgument,
        UndeclaredArtifactArgument,
        MissingArtifactArgument,
        ValueDoesNotFit,
        DuplicateTemplateName,
        DuplicateNodeName,
        DuplicateParameterName,
        InvalidTemplateName,
        InvalidParameterName,
        InvalidMetadataName,
        MetadataNameTooLong,
        ParameterValueTooLarge,
        OutputSourceDoesNotFit,
        ConflictingTemplateKinds,
        EntrypointProblem,
        UnconditionalRecursion,
        LoopSourceNotList,
        InvalidRetry,
        InvalidDuration,
        InvalidCronSchedule,
        UnknownTimeZone,
        ExitHandlerNotFound,
        InvalidConcurrencyPolicy,
        LargeFanOut,
        RunTimeFanOut,
        UntranslatableStatement,
        UntranslatableValue,
        UnsupportedParameterType,
        ContainerWithoutImage,
        ClassNotTranslated,
        NestedLoop,
        LiteralSecret,
        PrivilegedContainer,
        HostPathVolume,
        RemovedInArgo4,
        UnknownArgoVersion,
        TemplateNamedMain,
        NullListItem,
        PathNotOnMessage,
        InputWithoutMapping,
        NeedsAtLeastOnce,
        DeadLetterIsSource,
        UnboundedRetries,
        LiteralEventsSecret,
        TriggerMisplaced,
        MappingNotOnEntrypoint,
        InvalidTriggerSetting,
        SensorAccountUnmanaged,
        MskWithoutIdentity,
        SloObjectiveOutOfRange,
        LatencyThresholdNotBucket,
        PerRunMetricLabel,
        InvalidMetricName,
        SloWithoutStatusMetric,
        SloInvalidDuration);
}
