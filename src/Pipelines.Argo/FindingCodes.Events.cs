namespace Pipelines.Argo;

/// <summary>
/// Findings about Argo Events objects (EventBus, EventSource, Sensor) and the RBAC kinds written beside them:
/// band <c>PIPE5xxx</c>. The rule column names the rule of the project's Argo Events guide (section 9): errors are
/// what Argo Events' own validation rejects; warnings are what it accepts but what fails or does nothing at run time.
/// </summary>
public static partial class FindingCodes
{
    /// <summary>An unknown or misplaced field in an Argo Events object; Argo Events drops it silently.</summary>
    public static readonly FindingDescriptor EventsUnknownField = new("PIPE5001", Severity.Warning, "Unknown or misplaced field in an Argo Events object: Argo Events drops it silently, so the setting has no effect.", "RT-01");

    /// <summary>A field schema.json requires but Argo Events does not.</summary>
    public static readonly FindingDescriptor EventsSchemaRequired = new("PIPE5002", Severity.Warning, "A field Argo Events' schema.json marks required is missing (Argo Events accepts it; schema-based tools do not).");

    /// <summary>An Argo Events or RBAC kind with the wrong apiVersion.</summary>
    public static readonly FindingDescriptor EventsApiVersion = new("PIPE5003", Severity.Error, "An Argo Events kind (or ServiceAccount, Role, RoleBinding) has an apiVersion the API server does not serve for it.");

    /// <summary>metadata.name missing or not a DNS name.</summary>
    public static readonly FindingDescriptor EventsName = new("PIPE5004", Severity.Error, "An Argo Events object or RBAC object has no metadata.name, or one that is not a lowercase RFC 1123 name.");

    /// <summary>EB-01: no event bus implementation.</summary>
    public static readonly FindingDescriptor EventBusNoImplementation = new("PIPE5101", Severity.Error, "An EventBus sets none of nats, jetstream, jetstreamExotic and kafka.", "EB-01");

    /// <summary>EB-02..04: NATS Streaming bus settings.</summary>
    public static readonly FindingDescriptor EventBusNats = new("PIPE5102", Severity.Error, "A NATS Streaming EventBus needs exactly one of native and exotic, and exotic needs clusterID and url.", "EB-02");

    /// <summary>EB-05/06: JetStream version and replicas.</summary>
    public static readonly FindingDescriptor EventBusJetStream = new("PIPE5103", Severity.Error, "A JetStream EventBus needs a version, and replicas of 1 or at least 3.", "EB-05");

    /// <summary>EB-07/08: url of a Kafka or exotic JetStream bus.</summary>
    public static readonly FindingDescriptor EventBusUrl = new("PIPE5104", Severity.Error, "A Kafka or jetstreamExotic EventBus has no url.", "EB-07");

    /// <summary>EB-09/RT-13: JetStream version not in the controller's list, or latest.</summary>
    public static readonly FindingDescriptor EventBusVersion = new("PIPE5105", Severity.Warning, "A JetStream EventBus asks for a version the default controller configuration does not list, or for latest (unpinned).", "RT-13");

    /// <summary>Several bus implementations at once.</summary>
    public static readonly FindingDescriptor EventBusSeveral = new("PIPE5106", Severity.Warning, "An EventBus sets several implementations; the controller silently uses the first of nats, jetstream, kafka, jetstreamExotic.", "EB-01");

    /// <summary>ES-01: event names unique in an EventSource.</summary>
    public static readonly FindingDescriptor EventSourceDuplicateEvent = new("PIPE5201", Severity.Error, "Two event configurations of one EventSource share a name (even under different source types).", "ES-01");

    /// <summary>ES-03: Recreate and rolling-update types mixed.</summary>
    public static readonly FindingDescriptor EventSourceMixedStrategies = new("PIPE5202", Severity.Error, "An EventSource mixes source types deployed with Recreate (kafka, calendar, ...) and with rolling updates (webhook, github, ...).", "ES-03");

    /// <summary>ES-04: no event configuration.</summary>
    public static readonly FindingDescriptor EventSourceEmpty = new("PIPE5203", Severity.Warning, "An EventSource has no event configuration at all; Argo Events accepts it, and it does nothing.", "ES-04");

    /// <summary>KAF-01..03, KAF-06: Kafka source fields.</summary>
    public static readonly FindingDescriptor KafkaSourceFields = new("PIPE5211", Severity.Error, "A Kafka event source lacks url or topic, sets neither consumerGroup nor partition, or has awsMskIamAuth without a region.", "KAF-01");

    /// <summary>SEC-01/02: TLS configuration.</summary>
    public static readonly FindingDescriptor TlsConfig = new("PIPE5212", Severity.Error, "A tls block names no CA, client certificate or enabled: true, or names a client certificate without its key (or the reverse).", "SEC-01");

    /// <summary>SEC-03/04: SASL configuration.</summary>
    public static readonly FindingDescriptor SaslConfig = new("PIPE5213", Severity.Error, "A sasl block has an unknown mechanism, or lacks userSecret or passwordSecret.", "SEC-03");

    /// <summary>KAF-04/05 and RT-10: checks Argo Events skips, and unusable combinations.</summary>
    public static readonly FindingDescriptor KafkaAuthRuntime = new("PIPE5214", Severity.Warning, "Kafka authentication that fails at start-up: SASL or MSK settings Argo Events skips checking when tls is set, OAUTHBEARER without a token provider, or tls/sasl combined with awsMskIamAuth.", "RT-10");

    /// <summary>RT-09: Kafka values only parsed at start-up.</summary>
    public static readonly FindingDescriptor KafkaSourceRuntime = new("PIPE5215", Severity.Warning, "A Kafka source value that only fails at start-up: partition not an integer, version not a Kafka version, unknown rebalanceStrategy.", "RT-09");

    /// <summary>Calendar source: schedule or interval.</summary>
    public static readonly FindingDescriptor CalendarSource = new("PIPE5216", Severity.Error, "A calendar event source has neither schedule nor interval, or one that does not parse.", "ES-02");

    /// <summary>Webhook source: endpoint and port.</summary>
    public static readonly FindingDescriptor WebhookSource = new("PIPE5217", Severity.Error, "A webhook event source has no endpoint, or no port, or a port that is not a number.", "ES-02");

    /// <summary>SEN-02: no dependencies.</summary>
    public static readonly FindingDescriptor SensorNoDependencies = new("PIPE5301", Severity.Error, "A Sensor has no dependencies.", "SEN-02");

    /// <summary>SEN-03..05: dependency names.</summary>
    public static readonly FindingDescriptor SensorDependencyNames = new("PIPE5302", Severity.Error, "A Sensor dependency lacks name, eventSourceName or eventName.", "SEN-03");

    /// <summary>FLT-01: logical operators.</summary>
    public static readonly FindingDescriptor FilterLogicalOperator = new("PIPE5303", Severity.Error, "A filtersLogicalOperator, exprLogicalOperator or dataLogicalOperator is not and or or (lower case).", "FLT-01");

    /// <summary>FLT-02..04: data filters.</summary>
    public static readonly FindingDescriptor DataFilter = new("PIPE5304", Severity.Error, "A data filter has an unknown comparator, or lacks path, type or values, or has an empty value.", "FLT-03");

    /// <summary>FLT-05/06: expr filters.</summary>
    public static readonly FindingDescriptor ExprFilter = new("PIPE5305", Severity.Error, "An expr filter lacks expr or fields, or a field lacks name or path.", "FLT-05");

    /// <summary>FLT-07: context filter.</summary>
    public static readonly FindingDescriptor ContextFilter = new("PIPE5306", Severity.Error, "A context filter sets none of type, subject, source and datacontenttype, so every event would be discarded.", "FLT-07");

    /// <summary>FLT-08: time filter.</summary>
    public static readonly FindingDescriptor TimeFilter = new("PIPE5307", Severity.Error, "A time filter has an unknown timezone, a start or stop that is not HH:MM:SS, or start equal to stop.", "FLT-08");

    /// <summary>RT-07: filters that silently reject every event.</summary>
    public static readonly FindingDescriptor FilterRuntime = new("PIPE5308", Severity.Warning, "A filter that rejects every event at run time: unknown data filter type, a value that does not parse as its type or as a regular expression, an expr that does not parse or uses an undeclared variable.", "RT-07");

    /// <summary>Dependency names unique.</summary>
    public static readonly FindingDescriptor SensorDuplicateDependency = new("PIPE5309", Severity.Warning, "Two dependencies of a Sensor share a name; triggers and parameters can only reach one of them.", "SEN-03");

    /// <summary>RT-12: dependency pointing at an EventSource/event not among the checked files.</summary>
    public static readonly FindingDescriptor SensorUnknownEvent = new("PIPE5310", Severity.Warning, "A dependency names an EventSource or event that the checked EventSources do not define, or one on another EventBus; the Sensor would wait forever.", "RT-12");

    /// <summary>TRG-01: no triggers.</summary>
    public static readonly FindingDescriptor SensorNoTriggers = new("PIPE5401", Severity.Error, "A Sensor has no triggers.", "TRG-01");

    /// <summary>TRG-02/03: template and name.</summary>
    public static readonly FindingDescriptor TriggerTemplate = new("PIPE5402", Severity.Error, "A trigger has no template, or its template has no name.", "TRG-02");

    /// <summary>TRG-04: duplicate trigger names.</summary>
    public static readonly FindingDescriptor TriggerDuplicateName = new("PIPE5403", Severity.Error, "Two triggers of a Sensor share a template name.", "TRG-04");

    /// <summary>TRG-05: conditionsReset.</summary>
    public static readonly FindingDescriptor ConditionsReset = new("PIPE5404", Severity.Error, "A conditionsReset entry has no byTime, or a cron that is not five fields, or an unknown timezone.", "TRG-05");

    /// <summary>TRG-06/07: argoWorkflow trigger.</summary>
    public static readonly FindingDescriptor ArgoWorkflowTrigger = new("PIPE5405", Severity.Error, "An argoWorkflow trigger has no source, or an operation other than submit, submit-from, suspend, retry, resume, resubmit, terminate, stop (it must be set).", "TRG-07");

    /// <summary>TRG-08: k8s trigger.</summary>
    public static readonly FindingDescriptor K8sTrigger = new("PIPE5406", Severity.Error, "A k8s trigger has no source, or an operation other than create, update, patch, delete.", "TRG-08");

    /// <summary>TRG-09: policy.</summary>
    public static readonly FindingDescriptor TriggerPolicy = new("PIPE5407", Severity.Error, "A trigger policy lacks its required part: policy.k8s.labels for k8s and argoWorkflow triggers, policy.status.allow for HTTP and Lambda triggers.", "TRG-09");

    /// <summary>TRG-10: other trigger types' required fields.</summary>
    public static readonly FindingDescriptor OtherTrigger = new("PIPE5408", Severity.Error, "An http, awsLambda, nats, slack, openWhisk, email or custom trigger lacks a field Argo Events requires, or has an unsupported value.", "TRG-10");

    /// <summary>TRG-11/12: dlqTrigger needs atLeastOnce on both.</summary>
    public static readonly FindingDescriptor DlqAtLeastOnce = new("PIPE5409", Severity.Error, "A dlqTrigger needs atLeastOnce: true on the trigger and inside the dlqTrigger.", "TRG-11");

    /// <summary>TRG-14..16: Kafka trigger.</summary>
    public static readonly FindingDescriptor KafkaTrigger = new("PIPE5410", Severity.Error, "A kafka trigger lacks url, payload or topic.", "TRG-14");

    /// <summary>PAR-01..04: trigger parameters.</summary>
    public static readonly FindingDescriptor TriggerParameter = new("PIPE5411", Severity.Error, "A trigger parameter lacks src, src.dependencyName or dest, or has an operation other than append, overwrite, prepend.", "PAR-01");

    /// <summary>RT-02: retries or policy without atLeastOnce.</summary>
    public static readonly FindingDescriptor RetryWithoutAtLeastOnce = new("PIPE5420", Severity.Warning, "A trigger has retryStrategy or policy but not atLeastOnce: true; failures are never retried.", "RT-02");

    /// <summary>RT-03: nested dlqTrigger.</summary>
    public static readonly FindingDescriptor NestedDlq = new("PIPE5421", Severity.Warning, "A dlqTrigger inside a dlqTrigger is never invoked.", "RT-03");

    /// <summary>RT-04: backoff values.</summary>
    public static readonly FindingDescriptor BackoffValues = new("PIPE5422", Severity.Warning, "A backoff whose duration is a bare integer (nanoseconds) or not a Go duration, or whose steps is below 1.", "RT-04");

    /// <summary>RT-05: rateLimit.</summary>
    public static readonly FindingDescriptor RateLimit = new("PIPE5423", Severity.Warning, "A rateLimit without requestsPerUnit of at least 1, or with a unit other than Second, Minute, Hour.", "RT-05");

    /// <summary>RT-06: dest index past the end.</summary>
    public static readonly FindingDescriptor ParameterDest = new("PIPE5424", Severity.Warning, "A parameter dest points at an array position the trigger's resource does not have (Argo Events pads with nulls), or into no field of the resource.", "RT-06");

    /// <summary>RT-08: conditions.</summary>
    public static readonly FindingDescriptor TriggerConditions = new("PIPE5425", Severity.Warning, "A trigger's conditions do not parse or name an undeclared dependency; the trigger never fires.", "RT-08");

    /// <summary>RT-11: argoWorkflow resource names.</summary>
    public static readonly FindingDescriptor ArgoWorkflowResource = new("PIPE5426", Severity.Warning, "An argoWorkflow trigger's resource lacks the name or generateName its operation needs, or submit-from names a kind other than WorkflowTemplate or CronWorkflow.", "RT-11");

    /// <summary>A trigger template with no trigger type.</summary>
    public static readonly FindingDescriptor TriggerNoType = new("PIPE5427", Severity.Warning, "A trigger template sets no trigger type (argoWorkflow, k8s, http, kafka, log, ...); it fails at run time.", "TRG-10");

    /// <summary>A parameter reading an undeclared dependency.</summary>
    public static readonly FindingDescriptor ParameterDependency = new("PIPE5428", Severity.Warning, "A trigger parameter reads a dependency the Sensor does not declare; Argo Events skips it silently.", "PAR-02");
}
