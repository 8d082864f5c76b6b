namespace Pipelines.Generator.Model;

// The Argo Events trigger of a WorkflowTemplate class. Same contract as Specs.cs: immutable, no Roslyn types, equality
// by value. Numbers the Argo Events types hold as JSON numbers (factor, jitter) are kept as the invariant text the
// emitter writes, so equality never depends on float formatting.

/// <summary>A Kubernetes Secret key reference, from <c>secret-name:key</c>.</summary>
internal sealed record SecretRefSpec(string Name, string Key);

/// <summary>A Kafka EventSource entry (<c>spec.kafka.&lt;event&gt;</c>).</summary>
/// <remarks><c>Partition</c> is null in consumer-group mode; <c>SaslMechanism</c> is Argo's spelling (<c>PLAIN</c>...).</remarks>
internal sealed record KafkaSourceSpec(
    string Url,
    string Topic,
    string? ConsumerGroup,
    bool Oldest,
    int? Partition,
    bool JsonBody,
    string? Version,
    int LimitEventsPerSecond,
    string? MskRegion,
    bool Tls,
    SecretRefSpec? TlsCa,
    SecretRefSpec? TlsClientCert,
    SecretRefSpec? TlsClientKey,
    string? SaslMechanism,
    SecretRefSpec? SaslUser,
    SecretRefSpec? SaslPassword,
    BackoffSpec? ConnectionBackoff = null);

/// <summary>A webhook EventSource entry (<c>spec.webhook.&lt;event&gt;</c>) and the port its Service exposes.</summary>
internal sealed record WebhookSourceSpec(string Endpoint, int Port, string Method, SecretRefSpec? Auth);

/// <summary>A calendar EventSource entry (<c>spec.calendar.&lt;event&gt;</c>); one of schedule and interval is set.</summary>
internal sealed record CalendarSourceSpec(string? Schedule, string? Interval, string? Timezone);

/// <summary>
/// One argument of the thin Workflow the Sensor submits, in the entrypoint's parameter order: <c>Path</c> is the
/// <c>dataKey</c>; with <c>WholeEvent</c> neither key nor template is set, so Argo Events passes the whole event.
/// </summary>
internal sealed record EventParameterSpec(string Name, string? Path, string? Default, bool WholeEvent);

/// <summary>A data filter of the Sensor's dependency; <c>Type</c> is <c>string</c>, <c>number</c> or <c>bool</c>.</summary>
internal sealed record EventFilterSpec(string Path, string Type, string Comparator, ImmutableEquatableArray<string> Values);

/// <summary>An Argo Events <c>Backoff</c>: attempts, first wait (Go duration), factor and jitter as invariant text.</summary>
internal sealed record BackoffSpec(int Steps, string Duration, string Factor, string? Jitter);

/// <summary>A trigger's <c>rateLimit</c>; <c>Unit</c> is <c>Second</c>, <c>Minute</c> or <c>Hour</c>.</summary>
internal sealed record RateLimitSpec(string Unit, int RequestsPerUnit);

/// <summary>A trigger's <c>policy.k8s</c>: the labels to wait for, the polling backoff, and whether a timeout fails the trigger.</summary>
internal sealed record PolicySpec(ImmutableEquatableArray<KeyValueSpec> Labels, BackoffSpec Backoff, bool ErrorOnTimeout);

/// <summary>
/// The trigger's <c>dlqTrigger</c>: a Kafka topic (<c>Topic</c>, <c>Url</c>, TLS/SASL references) or a dead-letter
/// WorkflowTemplate (<c>WorkflowTemplate</c>, optional <c>Entrypoint</c>, the argument <c>Parameter</c> that gets the
/// whole event). <c>Steps</c> is its own number of attempts.
/// </summary>
internal sealed record DeadLetterSpec(
    string? Topic,
    string? Url,
    bool Tls,
    SecretRefSpec? TlsCa,
    string? SaslMechanism,
    SecretRefSpec? SaslUser,
    SecretRefSpec? SaslPassword,
    string? WorkflowTemplate,
    string? Entrypoint,
    string? Parameter,
    int Steps);

/// <summary>
/// The ServiceAccount of one component (<c>eventsource</c>, <c>sensor</c> or <c>workflow</c>), its workload-identity
/// annotations and the pod labels the identity needs (Azure's <c>azure.workload.identity/use</c>). When not
/// <c>Managed</c>, the build sets no account and writes no RBAC for the component.
/// </summary>
internal sealed record IdentitySpec(string Component, string ServiceAccount, ImmutableEquatableArray<KeyValueSpec> Annotations, ImmutableEquatableArray<KeyValueSpec> PodLabels, bool Managed = true);

/// <summary>
/// Everything the build needs to write the EventSource entry, the Sensor and the RBAC of one triggered WorkflowTemplate.
/// <c>SourceType</c> is <c>kafka</c>, <c>webhook</c> or <c>calendar</c>, and exactly the matching source is set.
/// <c>Identities</c> always holds the three components, in the order eventsource, sensor, workflow. With <c>Inline</c>
/// (a <c>[Workflow]</c> class) the Sensor carries the class's whole Workflow instead of a thin one referencing
/// <c>Template</c>; <c>Action</c> is <c>submit</c> (argoWorkflow) or <c>create</c> (k8s).
/// </summary>
internal sealed record EventsSpec(
    string Template,
    string SourceType,
    string EventSource,
    string EventName,
    string Sensor,
    KafkaSourceSpec? Kafka,
    WebhookSourceSpec? Webhook,
    CalendarSourceSpec? Calendar,
    ImmutableEquatableArray<EventParameterSpec> Parameters,
    ImmutableEquatableArray<EventFilterSpec> Filters,
    bool AtLeastOnce,
    BackoffSpec? Retry,
    RateLimitSpec? RateLimit,
    PolicySpec? Policy,
    DeadLetterSpec? DeadLetter,
    ImmutableEquatableArray<IdentitySpec> Identities,
    bool Inline = false,
    string? Dependency = null,
    string? Trigger = null,
    string Action = "submit");
