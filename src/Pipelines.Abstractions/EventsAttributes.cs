using System;

namespace Pipelines;

// Argo Events triggers, declared on the WorkflowTemplate class they start (docs/events.md "Triggers in C#"). The build
// writes an EventSource, a Sensor and the ServiceAccounts with their RBAC beside the workflow manifests. Secrets are
// only ever named, never written: every *Secret property takes a reference "secret-name:key" to a Kubernetes Secret in
// the namespace, and the analyzers report anything that looks like a literal credential (PIPE4906).

/// <summary>
/// Starts the WorkflowTemplate once per Kafka message on <see cref="Topic"/> (an Argo Events Kafka EventSource and a
/// Sensor that submits a thin Workflow referencing the template). Template inputs are filled from the message with
/// <see cref="FromMessageAttribute"/>; the event a Sensor sees has <c>topic</c>, <c>key</c>, <c>partition</c>,
/// <c>timestamp</c>, <c>headers.*</c> and <c>body</c> (the message value; JSON when <see cref="JsonBody"/>).
/// </summary>
/// <example><code>[KafkaTrigger("orders", Brokers = "b-1.msk.example:9098", ConsumerGroup = "process-order", Message = typeof(OrderPlaced), AwsMskIamRegion = "eu-west-1")]</code></example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class KafkaTriggerAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="topic">The topic to consume (exactly one per trigger).</param>
    public KafkaTriggerAttribute(string topic) => Topic = topic;

    /// <summary>The topic to consume.</summary>
    public string Topic { get; }

    /// <summary>The brokers, comma-separated <c>host:port</c> (MSK's IAM listener is port 9098). Required.</summary>
    public string? Brokers { get; set; }

    /// <summary>
    /// The consumer group (production mode: offsets are committed once the event is on the EventBus). Either this or
    /// <see cref="Partition"/> is required.
    /// </summary>
    public string? ConsumerGroup { get; set; }

    /// <summary>A new consumer group starts at the oldest offset instead of the newest. Default false.</summary>
    public bool Oldest { get; set; }

    /// <summary>Single-partition demo mode (no offsets committed); -1 (the default) means not set.</summary>
    public int Partition { get; set; } = -1;

    /// <summary>
    /// The C# type of the message value (<c>body</c>). Every <see cref="FromMessageAttribute"/> and
    /// <see cref="MessageFilterAttribute"/> path below <c>body.</c> is checked against its properties (JSON names:
    /// <c>[JsonPropertyName]</c>, else camelCase).
    /// </summary>
    public Type? Message { get; set; }

    /// <summary>The value is JSON (<c>jsonBody</c>); when false, <c>body</c> is base64 text and has no fields. Default true.</summary>
    public bool JsonBody { get; set; } = true;

    /// <summary>The EventSource's name; default <c>&lt;template&gt;-kafka</c>. Templates naming the same EventSource share it.</summary>
    public string? EventSource { get; set; }

    /// <summary>The event's name inside the EventSource (its <c>spec.kafka</c> key); default the topic.</summary>
    public string? EventName { get; set; }

    /// <summary>The Kafka protocol version hint (<c>2.8.0</c>); default the client's.</summary>
    public string? Version { get; set; }

    /// <summary>Consume at most this many messages per second (consumer-group mode); 0 means no limit.</summary>
    public int LimitEventsPerSecond { get; set; }

    /// <summary>
    /// Authenticate to Amazon MSK with IAM (SASL/OAUTHBEARER signed through the pod's AWS identity, for example IRSA
    /// from <see cref="EventsIdentityAttribute"/>); the AWS region. Implies TLS; do not combine with TLS or SASL secrets.
    /// </summary>
    public string? AwsMskIamRegion { get; set; }

    /// <summary>Turn TLS on without certificates (the system roots verify the brokers).</summary>
    public bool Tls { get; set; }

    /// <summary>The CA certificate, as a Secret reference <c>secret-name:key</c>.</summary>
    public string? TlsCaSecret { get; set; }

    /// <summary>The client certificate for mutual TLS, as a Secret reference <c>secret-name:key</c> (with <see cref="TlsClientKeySecret"/>).</summary>
    public string? TlsClientCertSecret { get; set; }

    /// <summary>The client key for mutual TLS, as a Secret reference <c>secret-name:key</c> (with <see cref="TlsClientCertSecret"/>).</summary>
    public string? TlsClientKeySecret { get; set; }

    /// <summary>The SASL mechanism when <see cref="SaslUserSecret"/> and <see cref="SaslPasswordSecret"/> are set; default PLAIN.</summary>
    public KafkaSaslMechanism SaslMechanism { get; set; }

    /// <summary>The SASL user, as a Secret reference <c>secret-name:key</c>.</summary>
    public string? SaslUserSecret { get; set; }

    /// <summary>The SASL password, as a Secret reference <c>secret-name:key</c>.</summary>
    public string? SaslPasswordSecret { get; set; }
}

/// <summary>
/// Retries the Kafka EventSource's initial connection with backoff (<c>connectionBackoff</c>; partition mode only,
/// a consumer group reconnects by itself). Without it Argo Events makes 5 attempts 1s apart.
/// </summary>
/// <example><code>[KafkaConnectionBackoff(Steps = 5, Duration = "10s", Factor = 2, Jitter = 0.2)]</code></example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class KafkaConnectionBackoffAttribute : Attribute
{
    /// <summary>Total attempts (1 to 10). Default 5.</summary>
    public int Steps { get; set; } = 5;

    /// <summary>The first wait, a Go duration. Default 1s.</summary>
    public string Duration { get; set; } = "1s";

    /// <summary>The wait multiplier per attempt. Default 2.</summary>
    public double Factor { get; set; } = 2;

    /// <summary>Random extra wait, as a share of each wait (0 to 1). Default 0.2.</summary>
    public double Jitter { get; set; } = 0.2;
}

/// <summary>The SASL mechanisms Argo Events' Kafka client can use with a user and password.</summary>
public enum KafkaSaslMechanism
{
    /// <summary>PLAIN (the default).</summary>
    Plain,

    /// <summary>SCRAM-SHA-256.</summary>
    ScramSha256,

    /// <summary>SCRAM-SHA-512.</summary>
    ScramSha512,
}

/// <summary>
/// Starts the WorkflowTemplate once per HTTP request to <see cref="Endpoint"/> (an Argo Events webhook EventSource,
/// with its Service). The event has <c>header.*</c> and <c>body</c> (the request body as JSON).
/// </summary>
/// <example><code>[WebhookTrigger("/orders", Port = 12000, Message = typeof(OrderPlaced))]</code></example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class WebhookTriggerAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="endpoint">The URL path that receives the requests, starting with <c>/</c>.</param>
    public WebhookTriggerAttribute(string endpoint) => Endpoint = endpoint;

    /// <summary>The URL path that receives the requests.</summary>
    public string Endpoint { get; }

    /// <summary>The port the EventSource listens on (and its Service exposes). Default 12000.</summary>
    public int Port { get; set; } = 12000;

    /// <summary>The accepted HTTP method. Default POST.</summary>
    public string Method { get; set; } = "POST";

    /// <summary>The C# type of the request body; paths below <c>body.</c> are checked against it.</summary>
    public Type? Message { get; set; }

    /// <summary>A bearer token the caller must present, as a Secret reference <c>secret-name:key</c>.</summary>
    public string? AuthSecret { get; set; }

    /// <summary>The EventSource's name; default <c>&lt;template&gt;-webhook</c>.</summary>
    public string? EventSource { get; set; }

    /// <summary>The event's name inside the EventSource; default the endpoint without slashes.</summary>
    public string? EventName { get; set; }
}

/// <summary>
/// Starts the WorkflowTemplate on a schedule through an Argo Events calendar EventSource (when the schedule must reach
/// Sensors, e.g. to share retries and dead-lettering with other triggers; a plain schedule is a <c>[CronWorkflow]</c>).
/// The event has <c>eventTime</c> and <c>metadata.*</c>.
/// </summary>
/// <example><code>[CalendarTrigger("0 * * * *", Timezone = "Europe/Paris")]</code></example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class CalendarTriggerAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="schedule">A five-field cron schedule; empty when <see cref="Interval"/> is used instead.</param>
    public CalendarTriggerAttribute(string schedule) => Schedule = schedule;

    /// <summary>The cron schedule.</summary>
    public string Schedule { get; }

    /// <summary>A fixed interval instead of a schedule (a Go duration such as <c>10m</c>).</summary>
    public string? Interval { get; set; }

    /// <summary>The schedule's time zone (IANA name); default UTC.</summary>
    public string? Timezone { get; set; }

    /// <summary>The EventSource's name; default <c>&lt;template&gt;-calendar</c>.</summary>
    public string? EventSource { get; set; }

    /// <summary>The event's name inside the EventSource; default <c>schedule</c>.</summary>
    public string? EventName { get; set; }
}

/// <summary>
/// Fills an input of the entrypoint (a workflow argument) from the event: a path into the event's data as Argo Events
/// addresses it (gjson, e.g. <c>body.orderId</c>, <c>key</c>, <c>headers.traceparent</c>). A path below <c>body.</c>
/// must exist on the trigger's <c>Message</c> type (PIPE4901). Every entrypoint input needs a mapping or a default
/// (PIPE4902).
/// </summary>
/// <example><code>public static Node Run([FromMessage("body.orderId")] string orderId, [FromMessage("key")] string customer)</code></example>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class FromMessageAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="path">The path into the event's data; <c>body</c> alone passes the whole body as JSON.</param>
    public FromMessageAttribute(string path) => Path = path;

    /// <summary>The path into the event's data.</summary>
    public string Path { get; }

    /// <summary>The value to use when the path is missing in a message (<c>src.value</c>); without it such a message fails the trigger.</summary>
    public string? Default { get; set; }
}

/// <summary>
/// Fills an input with the whole event (CloudEvent context and data) as JSON text: what a dead-letter path needs to
/// republish the message.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class FromEventAttribute : Attribute
{
}

/// <summary>How a <see cref="MessageFilterAttribute"/> compares.</summary>
public enum MessageFilterType
{
    /// <summary>Values are regular expressions (Go RE2, unanchored: write <c>^x$</c> for equality); comparators <c>=</c> and <c>!=</c>.</summary>
    String,

    /// <summary>Values are numbers; all six comparators.</summary>
    Number,

    /// <summary>Values are <c>true</c> or <c>false</c>.</summary>
    Bool,
}

/// <summary>
/// Keeps only the events whose value at <see cref="Path"/> matches one of the values (an Argo Events data filter on the
/// Sensor's dependency; several filters must all match). Dropped events are never retried or dead-lettered.
/// </summary>
/// <example><code>[MessageFilter("body.amount", "100", Type = MessageFilterType.Number, Comparator = "&gt;=")]</code></example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class MessageFilterAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="path">The path into the event's data, checked like <see cref="FromMessageAttribute.Path"/>.</param>
    /// <param name="values">The values; the filter passes when any matches.</param>
    public MessageFilterAttribute(string path, params string[] values)
    {
        Path = path;
        Values = values;
    }

    /// <summary>The path into the event's data.</summary>
    public string Path { get; }

    /// <summary>The values; the filter passes when any matches.</summary>
    public string[] Values { get; }

    /// <summary>How values compare; default <see cref="MessageFilterType.String"/>.</summary>
    public MessageFilterType Type { get; set; }

    /// <summary>The comparator: <c>=</c> (default), <c>!=</c>, <c>&lt;</c>, <c>&lt;=</c>, <c>&gt;</c>, <c>&gt;=</c>.</summary>
    public string Comparator { get; set; } = "=";
}

/// <summary>
/// The trigger waits for the submission to succeed before the event is acknowledged (<c>atLeastOnce: true</c>).
/// Required for <see cref="TriggerRetryAttribute"/>, dead-lettering and <see cref="TriggerPolicyAttribute"/>: without it
/// Argo Events reports success at once and never retries or dead-letters (PIPE4903).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class AtLeastOnceAttribute : Attribute
{
}

/// <summary>
/// Retries a failed submission with backoff (the trigger's <c>retryStrategy</c>): <see cref="Steps"/> attempts in all,
/// the first wait <see cref="Duration"/>, each next one <see cref="Factor"/> times longer. This covers submitting the
/// Workflow only; a Workflow that fails later retries through the template's own <c>[Retry]</c>.
/// </summary>
/// <example><code>[TriggerRetry(Steps = 5, Duration = "2s", Factor = 2)]</code></example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class TriggerRetryAttribute : Attribute
{
    /// <summary>Total attempts, the first included (1 to 10). Required: without it the retries have no stated bound (PIPE4905).</summary>
    public int Steps { get; set; }

    /// <summary>The first wait, a Go duration (<c>500ms</c>, <c>2s</c>, <c>1m</c>). Default 1s.</summary>
    public string Duration { get; set; } = "1s";

    /// <summary>The wait multiplier per attempt: 2 doubles it (exponential). Default 2.</summary>
    public double Factor { get; set; } = 2;

    /// <summary>Random extra wait, as a share of each wait (0 to 1). Default 0.2.</summary>
    public double Jitter { get; set; } = 0.2;
}

/// <summary>The unit of a <see cref="TriggerRateLimitAttribute"/>.</summary>
public enum RateLimitUnit
{
    /// <summary>Per second.</summary>
    Second,

    /// <summary>Per minute.</summary>
    Minute,

    /// <summary>Per hour.</summary>
    Hour,
}

/// <summary>Submits at most <see cref="RequestsPerUnit"/> Workflows per <see cref="Unit"/>, spaced evenly (the trigger's <c>rateLimit</c>).</summary>
/// <example><code>[TriggerRateLimit(10, Unit = RateLimitUnit.Minute)]</code></example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class TriggerRateLimitAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="requestsPerUnit">Submissions per unit, at least 1.</param>
    public TriggerRateLimitAttribute(int requestsPerUnit) => RequestsPerUnit = requestsPerUnit;

    /// <summary>Submissions per unit.</summary>
    public int RequestsPerUnit { get; }

    /// <summary>The unit; default second.</summary>
    public RateLimitUnit Unit { get; set; }
}

/// <summary>
/// After submitting, the Sensor waits until the Workflow carries the given labels (default
/// <c>workflows.argoproj.io/phase=Succeeded</c>), polling with backoff (the trigger's <c>policy.k8s</c>). With
/// <see cref="ErrorOnTimeout"/> a Workflow that never gets there counts as a failed trigger: it is submitted again by
/// the retries, then dead-lettered. The Sensor blocks while it waits; prefer a template exit handler for long runs.
/// </summary>
/// <example><code>[TriggerPolicy("workflows.argoproj.io/phase=Succeeded", Steps = 10, Duration = "10s")]</code></example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class TriggerPolicyAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="labels">The labels to wait for, each <c>key=value</c>.</param>
    public TriggerPolicyAttribute(params string[] labels) => Labels = labels;

    /// <summary>The labels to wait for, each <c>key=value</c>.</summary>
    public string[] Labels { get; }

    /// <summary>Polls in all (1 to 20). Default 5.</summary>
    public int Steps { get; set; } = 5;

    /// <summary>The first wait between polls, a Go duration. Default 5s.</summary>
    public string Duration { get; set; } = "5s";

    /// <summary>The wait multiplier per poll. Default 2.</summary>
    public double Factor { get; set; } = 2;

    /// <summary>Count a Workflow that never gets the labels as a failed trigger. Default true.</summary>
    public bool ErrorOnTimeout { get; set; } = true;
}

/// <summary>
/// When every attempt to submit the Workflow failed, publishes the whole event to a Kafka topic (the trigger's
/// <c>dlqTrigger</c>, a Kafka trigger). Needs <see cref="AtLeastOnceAttribute"/>. Argo Events' Kafka trigger has no IAM
/// authentication: with MSK IAM sources prefer <see cref="DeadLetterTemplateAttribute"/>.
/// </summary>
/// <example><code>[DeadLetterTopic("orders-dlq")]</code></example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class DeadLetterTopicAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="topic">The dead-letter topic; never the source topic (PIPE4904).</param>
    public DeadLetterTopicAttribute(string topic) => Topic = topic;

    /// <summary>The dead-letter topic.</summary>
    public string Topic { get; }

    /// <summary>The brokers; default the Kafka trigger's.</summary>
    public string? Brokers { get; set; }

    /// <summary>Attempts to publish (1 to 10). Default 3.</summary>
    public int Steps { get; set; } = 3;

    /// <summary>Turn TLS on without certificates.</summary>
    public bool Tls { get; set; }

    /// <summary>The CA certificate, as a Secret reference <c>secret-name:key</c>.</summary>
    public string? TlsCaSecret { get; set; }

    /// <summary>The SASL mechanism with <see cref="SaslUserSecret"/> and <see cref="SaslPasswordSecret"/>; default PLAIN.</summary>
    public KafkaSaslMechanism SaslMechanism { get; set; }

    /// <summary>The SASL user, as a Secret reference <c>secret-name:key</c>.</summary>
    public string? SaslUserSecret { get; set; }

    /// <summary>The SASL password, as a Secret reference <c>secret-name:key</c>.</summary>
    public string? SaslPasswordSecret { get; set; }
}

/// <summary>
/// When every attempt to submit the Workflow failed, submits a dead-letter WorkflowTemplate instead (the trigger's
/// <c>dlqTrigger</c>, an Argo Workflow trigger) with the whole event as its <see cref="Parameter"/> argument. Its pods
/// run with workload identity, so no static secret is needed to reach the dead-letter store. Needs
/// <see cref="AtLeastOnceAttribute"/>.
/// </summary>
/// <example><code>[DeadLetterTemplate("process-order", Entrypoint = "dead-letter")]</code></example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class DeadLetterTemplateAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="workflowTemplate">The WorkflowTemplate's name (this class's own name runs <see cref="Entrypoint"/> of it).</param>
    public DeadLetterTemplateAttribute(string workflowTemplate) => WorkflowTemplate = workflowTemplate;

    /// <summary>The WorkflowTemplate's name.</summary>
    public string WorkflowTemplate { get; }

    /// <summary>The template to run instead of the WorkflowTemplate's entrypoint (a template name, kebab case).</summary>
    public string? Entrypoint { get; set; }

    /// <summary>The workflow argument that receives the whole event as JSON. Default <c>message</c>.</summary>
    public string Parameter { get; set; } = "message";

    /// <summary>Attempts to submit (1 to 10). Default 3.</summary>
    public int Steps { get; set; } = 3;
}

/// <summary>How the Sensor starts the Workflow.</summary>
public enum TriggerAction
{
    /// <summary>An <c>argoWorkflow</c> trigger, <c>operation: submit</c>: the Argo CLI in the Sensor validates and submits it (the default).</summary>
    Submit,

    /// <summary>A <c>k8s</c> trigger, <c>operation: create</c>: the Workflow object is created directly (no validation before it runs).</summary>
    Create,
}

/// <summary>
/// Names the Sensor a trigger writes and how it starts the Workflow. Without it the Sensor is named after the template,
/// its dependency after the event, its trigger after the template, and it submits (<see cref="TriggerAction.Submit"/>).
/// On a <c>[Workflow]</c> class the Sensor carries the whole Workflow; on a <c>[WorkflowTemplate]</c>, a thin Workflow
/// that references it.
/// </summary>
/// <example><code>[TriggerSensor("orders", Dependency = "order", Action = TriggerAction.Create)]</code></example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class TriggerSensorAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="name">The Sensor's name.</param>
    public TriggerSensorAttribute(string name) => Name = name;

    /// <summary>The Sensor's name.</summary>
    public string Name { get; }

    /// <summary>The dependency's name (what <c>pipelines events send --dependency</c> takes); default the event name.</summary>
    public string? Dependency { get; set; }

    /// <summary>The trigger's name; default the template's (or the Workflow class's) name.</summary>
    public string? Trigger { get; set; }

    /// <summary>How the Sensor starts the Workflow; default <see cref="TriggerAction.Submit"/>.</summary>
    public TriggerAction Action { get; set; }
}

/// <summary>The pods an <see cref="EventsIdentityAttribute"/> applies to.</summary>
public enum EventsComponent
{
    /// <summary>The EventSource pod (reads the outside system, e.g. Kafka with MSK IAM).</summary>
    EventSource,

    /// <summary>The Sensor pod (submits Workflows; Kubernetes RBAC only).</summary>
    Sensor,

    /// <summary>The workflow pods of the template (the executor's minimum plus whatever the steps reach).</summary>
    Workflow,
}

/// <summary>
/// The ServiceAccount of one component and its workload identity: the build writes the ServiceAccount with the
/// identity annotation (AWS IRSA role ARN, GKE Workload Identity service account, Azure Workload Identity client id),
/// a Role with exactly the rules the component needs, and the RoleBinding. Without it the build still writes the
/// accounts and rules, with no cloud identity.
/// </summary>
/// <example><code>[EventsIdentity(EventsComponent.EventSource, AwsRoleArn = "arn:aws:iam::123456789012:role/orders-reader")]</code></example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class EventsIdentityAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="component">The pods it applies to.</param>
    public EventsIdentityAttribute(EventsComponent component) => Component = component;

    /// <summary>The pods it applies to.</summary>
    public EventsComponent Component { get; }

    /// <summary>
    /// The ServiceAccount's name. Defaults: <c>&lt;eventsource&gt;-eventsource</c>, <c>&lt;sensor&gt;-sensor</c>, and
    /// for the workflow pods the template's name.
    /// </summary>
    public string? ServiceAccount { get; set; }

    /// <summary>AWS IRSA: the IAM role (<c>arn:aws:iam::&lt;account&gt;:role/&lt;name&gt;</c>), annotation <c>eks.amazonaws.com/role-arn</c>.</summary>
    public string? AwsRoleArn { get; set; }

    /// <summary>GKE Workload Identity: the Google service account e-mail, annotation <c>iam.gke.io/gcp-service-account</c>.</summary>
    public string? GcpServiceAccount { get; set; }

    /// <summary>Azure Workload Identity: the client id (a GUID), annotation <c>azure.workload.identity/client-id</c>.</summary>
    public string? AzureClientId { get; set; }

    /// <summary>
    /// False leaves the component's account to you: no <c>serviceAccountName</c> is set and no ServiceAccount, Role or
    /// RoleBinding is written for it (the pods run as the namespace's default account or as your manifests say; a
    /// Sensor's account must then be allowed to create workflows). Default true.
    /// </summary>
    public bool Manage { get; set; } = true;
}

/// <summary>
/// Opt-in: the build writes the namespace's EventBus (managed NATS JetStream, pinned version). An EventBus is shared by
/// every EventSource and Sensor of the namespace, so declare it once, in the project that owns the namespace. Without
/// it the EventSources and Sensors use the existing bus named <c>default</c>.
/// </summary>
/// <example><code>[assembly: EventBus(Version = "2.10.29")]</code></example>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false, Inherited = false)]
public sealed class EventBusAttribute : Attribute
{
    /// <summary>Creates the attribute for the bus named <c>default</c>.</summary>
    public EventBusAttribute()
    {
    }

    /// <summary>Creates the attribute.</summary>
    /// <param name="name">The bus name; EventSources and Sensors of this project then name it in <c>eventBusName</c>.</param>
    public EventBusAttribute(string name) => Name = name;

    /// <summary>The bus name. Default <c>default</c>.</summary>
    public string Name { get; } = "default";

    /// <summary>The JetStream version, one the controller knows (never <c>latest</c>). Default 2.10.29.</summary>
    public string Version { get; set; } = "2.10.29";

    /// <summary>The JetStream servers: 1, or 3 and more. Default 3.</summary>
    public int Replicas { get; set; } = 3;
}

/// <summary>
/// Carries the event trigger of one WorkflowTemplate class inside the compiled assembly, for the build task that
/// writes the EventSource, Sensor and RBAC manifests. Written by the source generator; not meant to be written by hand.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public sealed class PipelineEventsAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="id">The fully qualified name of the workflow type (the id of its <see cref="PipelineManifestAttribute"/>).</param>
    /// <param name="json">The trigger description as JSON (docs/events.md).</param>
    public PipelineEventsAttribute(string id, string json)
    {
        Id = id;
        Json = json;
    }

    /// <summary>The fully qualified name of the workflow type.</summary>
    public string Id { get; }

    /// <summary>The trigger description as JSON.</summary>
    public string Json { get; }
}
