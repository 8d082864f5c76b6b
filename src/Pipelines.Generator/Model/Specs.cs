namespace Pipelines.Generator.Model;

// The model between the parser and the emitter. Contract (keep it when adding members): immutable, no Roslyn types,
// equality by value (sealed records; collections are ImmutableEquatableArray). A member that is not equatable breaks
// the incremental cache silently; ModelShapeTests walks these types to catch it.

/// <summary>The Argo kind a workflow class declares.</summary>
internal enum WorkflowKind
{
    Workflow,
    WorkflowTemplate,
    ClusterWorkflowTemplate,
    CronWorkflow,
}

/// <summary>The kind of a template method.</summary>
internal enum TemplateKind
{
    Container,
    Script,
    Dag,
    Steps,

    /// <summary>A template whose body is written by fragments (suspend, resource, HTTP, container set).</summary>
    Fragment,
}

/// <summary>A 1-based line and column in the file of the workflow class.</summary>
internal sealed record SourcePosition(int Line, int Column);

/// <summary>Settings read from the build (analyzer config): only what the emitter needs.</summary>
/// <remarks>
/// <see cref="StepImage"/> and <see cref="StepCommand"/> are what C# step templates run: the MSBuild properties
/// <c>PipelinesImage</c> and <c>PipelinesStepCommand</c>, or the defaults derived from the assembly name.
/// </remarks>
internal sealed record GeneratorOptions(string? ProjectDir, string StepImage = "app:latest", string StepCommand = "/app/app");

/// <summary>One workflow class: everything needed to write its manifest and its partial class part.</summary>
internal sealed record WorkflowSpec(
    string Id,
    string? Namespace,
    string ClassName,
    WorkflowKind Kind,
    string? Name,
    string? GenerateName,
    CronSpec? Cron,
    ImmutableEquatableArray<KeyValueSpec> Labels,
    ImmutableEquatableArray<KeyValueSpec> Annotations,
    string? Entrypoint,
    string? OnExit,
    ImmutableEquatableArray<ArgumentSpec> Arguments,
    ImmutableEquatableArray<TemplateSpec> Templates,
    ImmutableEquatableArray<PartialMethodSpec> PartialMethods,
    string FilePath,
    SourcePosition Position,
    ImmutableEquatableArray<FragmentSpec>? Fragments = null)
{
    /// <summary>What the parser skipped or could not translate, for the analyzers; the emitter ignores it.</summary>
    public ImmutableEquatableArray<ProblemSpec> Problems { get; init; } = ImmutableEquatableArray<ProblemSpec>.Empty;

    /// <summary>SLOs and metrics (<c>[Slo]</c>, <c>[LatencySlo]</c>, <c>[Metric]</c>...), or null when the class declares none.</summary>
    public ObservabilitySpec? Observability { get; init; }

    /// <summary>The Argo Events trigger (<c>[KafkaTrigger]</c>...), or null when the class declares none.</summary>
    public EventsSpec? Events { get; init; }
}

/// <summary>The schedule settings of a CronWorkflow; null members were not set.</summary>
internal sealed record CronSpec(
    ImmutableEquatableArray<string> Schedules,
    string? Timezone,
    string? ConcurrencyPolicy,
    int? StartingDeadlineSeconds,
    int? SuccessfulJobsHistoryLimit,
    int? FailedJobsHistoryLimit,
    bool? Suspend);

/// <summary>A label or annotation.</summary>
internal sealed record KeyValueSpec(string Key, string Value);

/// <summary>An input parameter of a template (<c>inputs.parameters[]</c>).</summary>
/// <remarks><see cref="Enum"/> lists the allowed values (an Argo <c>enum</c>) when the C# type is an enum.</remarks>
internal sealed record InputParameterSpec(string Name, string? Default, string? Value, string? Description = null, ImmutableEquatableArray<string>? Enum = null);

/// <summary>An input artifact of a template (<c>inputs.artifacts[]</c>).</summary>
internal sealed record InputArtifactSpec(string Name, string? Path);

/// <summary>An output artifact of a template (<c>outputs.artifacts[]</c>), from a property of its outputs record.</summary>
internal sealed record OutputArtifactSpec(string Name, string? Path, string? GlobalName);

/// <summary>An artifact argument of a node (<c>arguments.artifacts[]</c>).</summary>
internal sealed record ArtifactArgumentSpec(string Name, string? From, string? FromExpression = null);

/// <summary>A parameter argument (<c>arguments.parameters[]</c>): of a task, a step or the workflow.</summary>
internal sealed record ArgumentSpec(string Name, string? Value);

/// <summary>A template, from one method.</summary>
internal sealed record TemplateSpec(
    string Name,
    TemplateKind Kind,
    ImmutableEquatableArray<KeyValueSpec> Annotations,
    ImmutableEquatableArray<InputParameterSpec> Inputs,
    ImmutableEquatableArray<InputArtifactSpec> InputArtifacts,
    ContainerSpec? Container,
    ScriptSpec? Script,
    ImmutableEquatableArray<OutputParameterSpec> Outputs,
    ImmutableEquatableArray<OutputArtifactSpec> OutputArtifacts,
    RetrySpec? Retry,
    ImmutableEquatableArray<NodeSpec> Tasks,
    ImmutableEquatableArray<StepGroupSpec> StepGroups,
    SourcePosition Position);

/// <summary>The container of a container template; null collections were not set.</summary>
/// <remarks>
/// For a C# step (<see cref="IsStep"/>), the image and command come from <see cref="GeneratorOptions"/> at emit time
/// (so a changed image does not re-parse any class) and the container gets the step contract's security context.
/// </remarks>
internal sealed record ContainerSpec(
    string Image,
    ImmutableEquatableArray<string>? Command,
    ImmutableEquatableArray<string>? Args,
    string? WorkingDir,
    string? ImagePullPolicy,
    bool IsStep = false);

/// <summary>The script of a script template.</summary>
internal sealed record ScriptSpec(string Image, ImmutableEquatableArray<string>? Command, string? Source);

/// <summary>A DAG task or a step.</summary>
internal sealed record NodeSpec(
    string Name,
    string Template,
    ImmutableEquatableArray<ArgumentSpec> Arguments,
    ImmutableEquatableArray<ArtifactArgumentSpec> ArtifactArguments,
    string? Depends,
    string? When,
    string? OnExit,
    LoopSpec? Loop,
    SourcePosition Position,
    TemplateRefSpec? TemplateRef = null,
    string? ExtraJson = null);

/// <summary>A node's <c>templateRef</c>: a template of a (cluster) workflow template class.</summary>
internal sealed record TemplateRefSpec(string Name, string Template, bool ClusterScope);

/// <summary>
/// How a node fans out: over literal items (each item as JSON text), over a JSON list given as Argo text
/// (<c>withParam</c>), or over a number sequence.
/// </summary>
internal sealed record LoopSpec(ImmutableEquatableArray<string>? ItemsJson, string? Param, SequenceSpec? Sequence);

/// <summary>A <c>withSequence</c>: null members were not given.</summary>
internal sealed record SequenceSpec(string? Count, string? Start, string? End, string? Format);

/// <summary>An output parameter of a template (<c>outputs.parameters[]</c>), from a property of its outputs record.</summary>
internal sealed record OutputParameterSpec(string Name, string? Path, string? Default, string? Parameter, string? Expression, string? GlobalName, string? Description = null);

/// <summary>A template's <c>retryStrategy</c>; null members were not set.</summary>
internal sealed record RetrySpec(int Limit, string? RetryPolicy, string? Expression, string? Duration, string? Factor, string? MaxDuration, string? Cap);

/// <summary>One group of steps that run in parallel (<c>steps[i]</c>).</summary>
internal sealed record StepGroupSpec(ImmutableEquatableArray<NodeSpec> Steps);

/// <summary>A bodiless partial method the generator implements, as the C# text of its declaration.</summary>
internal sealed record PartialMethodSpec(string Declaration);

/// <summary>One generated source file.</summary>
internal sealed record GeneratedFile(string HintName, string Text);
