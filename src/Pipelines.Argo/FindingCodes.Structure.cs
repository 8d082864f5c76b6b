namespace Pipelines.Argo;

public static partial class FindingCodes
{
    // Names (validator, structural rules)
    /// <summary>metadata.name is longer than Argo allows (63 characters; it becomes a label value). (NAME-01).</summary>
    public static readonly FindingDescriptor NameTooLong = new("PIPE1001", Severity.Error, "metadata.name is longer than Argo allows (63 characters; it becomes a label value).", "NAME-01", Source: "validate.go Workflow, WorkflowTemplate, ClusterWorkflowTemplate (maxCharsInObjectName)");

    /// <summary>A CronWorkflow's metadata.name is longer than 52 characters (Argo appends a timestamp to it). (NAME-02).</summary>
    public static readonly FindingDescriptor CronNameTooLong = new("PIPE1002", Severity.Error, "A CronWorkflow's metadata.name is longer than 52 characters (Argo appends a timestamp to it).", "NAME-02", Source: "validate.go CronWorkflow (name length)");

    /// <summary>metadata.name or generateName is not a lowercase RFC 1123 subdomain, so the API server rejects it. (NAME-03).</summary>
    public static readonly FindingDescriptor ObjectNameInvalid = new("PIPE1003", Severity.Warning, "metadata.name or generateName is not a lowercase RFC 1123 subdomain, so the API server rejects it.", "NAME-03", Source: "Kubernetes API server (ValidateObjectMeta); validate.go does not check it, so a warning");

    /// <summary>A template, step or DAG task name is empty, too long or has characters other than letters, digits and '-'. (NAME-04).</summary>
    public static readonly FindingDescriptor NodeNameInvalid = new("PIPE1004", Severity.Error, "A template, step or DAG task name is empty, too long or has characters other than letters, digits and '-'.", "NAME-04", Source: "validate.go validateWorkflowFieldNames, validateSteps (isValidStepName)");

    /// <summary>Two templates, steps (in any group of a template) or tasks of a DAG share a name. (NAME-05).</summary>
    public static readonly FindingDescriptor NodeNameDuplicate = new("PIPE1005", Severity.Error, "Two templates, steps (in any group of a template) or tasks of a DAG share a name.", "NAME-05", Source: "validate.go validateWorkflowFieldNames, validateSteps");

    /// <summary>A parameter or artifact name is empty or has characters other than letters, digits, '_' and '-'. (NAME-06).</summary>
    public static readonly FindingDescriptor ParameterNameInvalid = new("PIPE1006", Severity.Error, "A parameter or artifact name is empty or has characters other than letters, digits, '_' and '-'.", "NAME-06", Source: "validate.go validateWorkflowFieldNames (isValidParamOrArtifactName)");

    /// <summary>Two parameters or two artifacts of one list share a name. (NAME-06).</summary>
    public static readonly FindingDescriptor ParameterNameDuplicate = new("PIPE1007", Severity.Error, "Two parameters or two artifacts of one list share a name.", "NAME-06", Source: "validate.go validateWorkflowFieldNames");

    /// <summary>An output's globalName is not a valid parameter name. (NAME-07).</summary>
    public static readonly FindingDescriptor GlobalNameInvalid = new("PIPE1008", Severity.Error, "An output's globalName is not a valid parameter name.", "NAME-07", Source: "validate.go validateOutputs (isValidParamOrArtifactName)");

    /// <summary>A containerSet container or init container has a missing, invalid or duplicated name. (NAME-08).</summary>
    public static readonly FindingDescriptor ContainerNameInvalid = new("PIPE1009", Severity.Error, "A containerSet container or init container has a missing, invalid or duplicated name.", "NAME-08", Source: "validate.go validateInitContainers; ContainerSetTemplate.Validate");

    /// <summary>A container uses a name Argo reserves for its own containers (wait, supervisor, artifact-plugin-*). (NAME-09).</summary>
    public static readonly FindingDescriptor ReservedContainerName = new("PIPE1010", Severity.Error, "A container uses a name Argo reserves for its own containers (wait, supervisor, artifact-plugin-*).", "NAME-09", Source: "validate.go validateLeaf (common.IsArgoSidecar)");

    /// <summary>A DAG task name starts with a digit in a DAG that uses depends or dependencies. (NAME-10).</summary>
    public static readonly FindingDescriptor TaskNameLeadingDigit = new("PIPE1011", Severity.Error, "A DAG task name starts with a digit in a DAG that uses depends or dependencies.", "NAME-10", Source: "validate.go validateDAG");

    /// <summary>A Prometheus metric name or label key is not a valid legacy Prometheus name. (NAME-11).</summary>
    public static readonly FindingDescriptor MetricNameInvalid = new("PIPE1012", Severity.Error, "A Prometheus metric name or label key is not a valid legacy Prometheus name.", "NAME-11", Source: "validate.go validateTemplate (metrics.IsValidMetricName, metrics.ValidateMetricLabels)");
    /// <summary>metadata.name or generateName cannot be a folder name ('/', '\\', '.' or '..'). (NAME-12).</summary>
    public static readonly FindingDescriptor ObjectNameNotAFolder = new("PIPE1013", Severity.Warning, "metadata.name or generateName has '/', '\\' or is '.' or '..', so it cannot name the run's folder; the API server rejects it too.", "NAME-12", Source: "Kubernetes API server (ValidateObjectMeta); validate.go does not check it, so a warning (pipelines run refuses it)");
    /// <summary>A Workflow, WorkflowTemplate, ClusterWorkflowTemplate or CronWorkflow has neither metadata.name nor metadata.generateName. (NAME-13).</summary>
    public static readonly FindingDescriptor ObjectNameMissing = new("PIPE1014", Severity.Error, "The object has neither metadata.name nor metadata.generateName, so it cannot be created as written (for a Workflow run by `pipelines run`, which names it, a warning).", "NAME-13", Source: "Kubernetes API server (ValidateObjectMeta: name or generateName is required) on create; argo lint does not check it");


    // Template definition (validator, structural rules)
    /// <summary>A template must have exactly one type: container, containerSet, script, resource, steps, dag, suspend, data, http or plugin. (TPL-01).</summary>
    public static readonly FindingDescriptor TemplateTypeInvalid = new("PIPE1101", Severity.Error, "A template must have exactly one type: container, containerSet, script, resource, steps, dag, suspend, data, http or plugin.", "TPL-01", Source: "validate.go validateTemplateType");

    /// <summary>A container or script template has no image and templateDefaults supply none. (TPL-02).</summary>
    public static readonly FindingDescriptor ImageMissing = new("PIPE1102", Severity.Error, "A container or script template has no image and templateDefaults supply none.", "TPL-02", Source: "validate.go validateLeaf");

    /// <summary>activeDeadlineSeconds, timeout and pendingTimeout are only valid on leaf templates, not on steps or dag templates. (TPL-03).</summary>
    public static readonly FindingDescriptor LeafOnlyField = new("PIPE1103", Severity.Error, "activeDeadlineSeconds, timeout and pendingTimeout are only valid on leaf templates, not on steps or dag templates.", "TPL-03", Source: "validate.go validateTemplate (IsLeaf), validateNonLeaf");

    /// <summary>A template timeout is not a duration such as 30s or 1h. (TPL-03).</summary>
    public static readonly FindingDescriptor TimeoutInvalid = new("PIPE1104", Severity.Error, "A template timeout is not a duration such as 30s or 1h.", "TPL-03", Source: "validate.go validateTemplate (strconv.Atoi on timeout)");

    /// <summary>parallelism is only valid on steps and dag templates. (TPL-04).</summary>
    public static readonly FindingDescriptor ParallelismNotAllowed = new("PIPE1105", Severity.Error, "parallelism is only valid on steps and dag templates.", "TPL-04", Source: "validate.go validateLeaf");

    /// <summary>activeDeadlineSeconds must be a non-negative integer or an Argo variable. (TPL-05).</summary>
    public static readonly FindingDescriptor ActiveDeadlineInvalid = new("PIPE1106", Severity.Error, "activeDeadlineSeconds must be a non-negative integer or an Argo variable.", "TPL-05", Source: "validate.go validateLeaf (intstr.IsValidIntOrArgoVariable)");

    /// <summary>A resource template has an unknown action, or not exactly one of manifest and manifestFrom, or a manifestFrom artifact that is not an input. (TPL-06).</summary>
    public static readonly FindingDescriptor ResourceTemplateInvalid = new("PIPE1107", Severity.Error, "A resource template has an unknown action, or not exactly one of manifest and manifestFrom, or a manifestFrom artifact that is not an input.", "TPL-06", Source: "validate.go validateLeaf (resource)");

    /// <summary>A resource template's manifest is not valid YAML. (TPL-06).</summary>
    public static readonly FindingDescriptor ResourceManifestNotYaml = new("PIPE1108", Severity.Error, "A resource template's manifest is not valid YAML.", "TPL-06", Source: "validate.go validateLeaf (yaml.Unmarshal of resource.manifest)");

    /// <summary>A containerSet has no containers, a dependency on an unknown container, a dependency cycle, or lacks the 'main' container its inputs or outputs need. (TPL-07).</summary>
    public static readonly FindingDescriptor ContainerSetInvalid = new("PIPE1109", Severity.Error, "A containerSet has no containers, a dependency on an unknown container, a dependency cycle, or lacks the 'main' container its inputs or outputs need.", "TPL-07", Source: "validate.go validateLeaf; ContainerSetTemplate.Validate");

    /// <summary>An input artifact lacks the path a leaf template needs, sets a path on a steps or dag template, or uses 'from'. (TPL-08).</summary>
    public static readonly FindingDescriptor InputArtifactInvalid = new("PIPE1110", Severity.Error, "An input artifact lacks the path a leaf template needs, sets a path on a steps or dag template, or uses 'from'.", "TPL-08", Source: "validate.go validateInputs (Artifact.CleanPath)");

    /// <summary>An artifact location is incomplete (git without repo; hdfs without addresses, an absolute path or a user). (TPL-08).</summary>
    public static readonly FindingDescriptor ArtifactLocationInvalid = new("PIPE1111", Severity.Error, "An artifact location is incomplete (git without repo; hdfs without addresses, an absolute path or a user).", "TPL-08", Source: "validate.go validateArtifactLocation (hdfs.ValidateArtifact)");

    /// <summary>An output parameter has neither or both of value and valueFrom, several valueFrom sources, or a source its template type cannot provide. (TPL-09).</summary>
    public static readonly FindingDescriptor OutputParameterInvalid = new("PIPE1112", Severity.Error, "An output parameter has neither or both of value and valueFrom, several valueFrom sources, or a source its template type cannot provide.", "TPL-09", Source: "validate.go validateOutputParameter, validateOutputs");

    /// <summary>An output artifact lacks the path a leaf template needs, or sets a path on a steps or dag template. (TPL-10).</summary>
    public static readonly FindingDescriptor OutputArtifactInvalid = new("PIPE1113", Severity.Error, "An output artifact lacks the path a leaf template needs, or sets a path on a steps or dag template.", "TPL-10", Source: "validate.go validateOutputs (Artifact.CleanPath)");

    /// <summary>podResources only takes cpu, memory and hugepages-*, no claims, and not on http or plugin templates. (TPL-11).</summary>
    public static readonly FindingDescriptor PodResourcesInvalid = new("PIPE1114", Severity.Error, "podResources only takes cpu, memory and hugepages-*, no claims, and not on http or plugin templates.", "TPL-11", Source: "validate.go validatePodResources, validateTemplate");

    /// <summary>resourceClaims are only valid on templates that create a pod. (TPL-12).</summary>
    public static readonly FindingDescriptor ResourceClaimsNotAllowed = new("PIPE1115", Severity.Error, "resourceClaims are only valid on templates that create a pod.", "TPL-12", Source: "validate.go validateTemplate");

    /// <summary>A template metric lacks its help text or value, or a real-time gauge uses resourcesDuration. (TPL-13).</summary>
    public static readonly FindingDescriptor MetricInvalid = new("PIPE1116", Severity.Error, "A template metric lacks its help text or value, or a real-time gauge uses resourcesDuration.", "TPL-13", Source: "validate.go validateTemplate (metrics.ValidateMetricValues)");
    /// <summary>A template timeout that is not a Go duration (but not a whole number): Argo accepts it; the node fails at run time. (TPL-03).</summary>
    public static readonly FindingDescriptor TimeoutNotDuration = new("PIPE1117", Severity.Warning, "A template timeout is not a duration such as 30s or 1h; Argo accepts it, and the node fails when it runs.", "TPL-03", Source: "validate.go validateTemplate rejects only whole numbers; time.ParseDuration at run time, so a warning");
    /// <summary>An artifact path uses '..' to leave the folder before it (Argo's directory-traversal rule). (TPL-08).</summary>
    public static readonly FindingDescriptor ArtifactPathTraversal = new("PIPE1118", Severity.Error, "An artifact path uses '..' to leave the folder it starts in; Argo does not permit directory traversal.", "TPL-08", Source: "validate.go validateInputs, validateOutputs (Artifact.CleanPath)");
    /// <summary>A path (artifact path or output valueFrom.path) escapes with '..' where Argo accepts it. (TPL-14).</summary>
    public static readonly FindingDescriptor PathEscapes = new("PIPE1119", Severity.Warning, "A path climbs out of its folder with '..'; Argo accepts it, but pipelines run refuses it since it would leave the run folder.", "TPL-14", Source: "not checked by Argo (Artifact.CleanPath drops '..' at the root; valueFrom.path is never cleaned), so a warning");


    // References (validator, structural rules)
    /// <summary>A Workflow has no spec.entrypoint. (REF-01).</summary>
    public static readonly FindingDescriptor EntrypointMissing = new("PIPE1201", Severity.Error, "A Workflow has no spec.entrypoint.", "REF-01", Source: "validate.go Workflow");

    /// <summary>spec.entrypoint names no template of the workflow. (REF-01).</summary>
    public static readonly FindingDescriptor EntrypointUndefined = new("PIPE1202", Severity.Error, "spec.entrypoint names no template of the workflow.", "REF-01", Source: "validate.go validateTemplateHolder (TemplateContext.GetTemplateByName)");

    /// <summary>A step or task names a template that the workflow does not define, or names none. (REF-02).</summary>
    public static readonly FindingDescriptor TemplateUndefined = new("PIPE1203", Severity.Error, "A step or task names a template that the workflow does not define, or names none.", "REF-02", Source: "validate.go validateTemplateHolder (TemplateContext.GetTemplateByName)");

    /// <summary>A templateRef lacks its name or template, or is combined with template. (REF-03).</summary>
    public static readonly FindingDescriptor TemplateRefInvalid = new("PIPE1204", Severity.Error, "A templateRef lacks its name or template, or is combined with template.", "REF-03", Source: "validate.go validateTemplateHolder");

    /// <summary>A templateRef names a template that the referenced WorkflowTemplate does not define. (REF-03).</summary>
    public static readonly FindingDescriptor TemplateRefNotFound = new("PIPE1205", Severity.Error, "A templateRef names a template that the referenced WorkflowTemplate does not define.", "REF-03", Source: "validate.go validateTemplateHolder (TemplateContext.ResolveTemplate)");

    /// <summary>A templateRef or workflowTemplateRef names a WorkflowTemplate that is not among the files validated, so it could not be checked. (REF-03).</summary>
    public static readonly FindingDescriptor WorkflowTemplateNotLinted = new("PIPE1206", Severity.Warning, "A templateRef or workflowTemplateRef names a WorkflowTemplate that is not among the files validated, so it could not be checked.", "REF-03", Source: "validate.go Workflow, validateTemplateHolder (the template getters need the cluster); not checkable offline, so a warning");

    /// <summary>A Workflow with workflowTemplateRef also defines templates, or the reference has no name. (REF-04).</summary>
    public static readonly FindingDescriptor WorkflowTemplateRefInvalid = new("PIPE1207", Severity.Error, "A Workflow with workflowTemplateRef also defines templates, or the reference has no name.", "REF-04", Source: "validate.go WorkflowTemplateRefFields, Workflow");

    /// <summary>spec.onExit names no template of the workflow. (REF-05).</summary>
    public static readonly FindingDescriptor OnExitUndefined = new("PIPE1208", Severity.Error, "spec.onExit names no template of the workflow.", "REF-05", Source: "validate.go Workflow (onExit, validateTemplateHolder)");

    /// <summary>A step or task onExit, or a lifecycle hook, names a template that does not exist; Argo only notices at run time. (REF-06).</summary>
    public static readonly FindingDescriptor HookTemplateUnresolved = new("PIPE1209", Severity.Warning, "A step or task onExit, or a lifecycle hook, names a template that does not exist; Argo only notices at run time.", "REF-06", Source: "controller at run time (operator); validate.go does not resolve these, so a warning");


    // Arguments (validator, structural rules)
    /// <summary>An argument parameter has neither value nor valueFrom. (ARG-01).</summary>
    public static readonly FindingDescriptor ArgumentValueMissing = new("PIPE1301", Severity.Error, "An argument parameter has neither value nor valueFrom.", "ARG-01", Source: "validate.go validateArgumentsValues");

    /// <summary>An argument's valueFrom uses a source other than configMapKeyRef, event, supplied or default. (ARG-02).</summary>
    public static readonly FindingDescriptor ArgumentValueFromInvalid = new("PIPE1302", Severity.Error, "An argument's valueFrom uses a source other than configMapKeyRef, event, supplied or default.", "ARG-02", Source: "validate.go validateArgumentsValues");

    /// <summary>A parameter enum is empty, or the parameter's value is not one of its entries. (ARG-03).</summary>
    public static readonly FindingDescriptor EnumInvalid = new("PIPE1303", Severity.Error, "A parameter enum is empty, or the parameter's value is not one of its entries.", "ARG-03", Source: "validate.go validateArgumentsValues");

    /// <summary>An argument artifact has no from, fromExpression, location or key, or has both from and fromExpression. (ARG-04).</summary>
    public static readonly FindingDescriptor ArgumentArtifactInvalid = new("PIPE1304", Severity.Error, "An argument artifact has no from, fromExpression, location or key, or has both from and fromExpression.", "ARG-04", Source: "validate.go validateArgumentsValues (ArtifactLocation.HasLocationOrKey)");

    /// <summary>A called template's input parameter gets no value: no argument, value, default or valueFrom. (ARG-06).</summary>
    public static readonly FindingDescriptor InputParameterNotSupplied = new("PIPE1305", Severity.Error, "A called template's input parameter gets no value: no argument, value, default or valueFrom.", "ARG-06", Source: "common/util.go ProcessArgs (called from validate.go validateTemplate)");

    /// <summary>A called template's required input artifact is not passed and has no location of its own. (ARG-07).</summary>
    public static readonly FindingDescriptor InputArtifactNotSupplied = new("PIPE1306", Severity.Error, "A called template's required input artifact is not passed and has no location of its own.", "ARG-07", Source: "common/util.go ProcessArgs (called from validate.go validateTemplate)");

    /// <summary>An argument is passed to a template that declares no such input; Argo ignores it. (ARG-06).</summary>
    public static readonly FindingDescriptor UndeclaredArgument = new("PIPE1307", Severity.Warning, "An argument is passed to a template that declares no such input; Argo ignores it.", "ARG-06", Source: "not checked by Argo (extra arguments are ignored), so a warning");


    // Retry, exit handlers, hooks, CronWorkflow, volumes, misc (validator, structural rules)
    /// <summary>retryPolicy is not Always, OnFailure, OnError or OnTransientError. (RETRY-01).</summary>
    public static readonly FindingDescriptor RetryPolicyInvalid = new("PIPE1401", Severity.Error, "retryPolicy is not Always, OnFailure, OnError or OnTransientError.", "RETRY-01", Source: "validate.go validateTemplateHolder (RetryPolicy); spec-level and templateDefaults values only by the CRD enum (warning)");

    /// <summary>A workflow or step lifecycle hook other than 'exit' has no expression. (EXIT-02).</summary>
    public static readonly FindingDescriptor HookExpressionMissing = new("PIPE1402", Severity.Error, "A workflow or step lifecycle hook other than 'exit' has no expression.", "EXIT-02", Source: "validate.go validateHooks");

    /// <summary>A CronWorkflow has no schedule. (CRON-02).</summary>
    public static readonly FindingDescriptor CronScheduleMissing = new("PIPE1410", Severity.Error, "A CronWorkflow has no schedule.", "CRON-02", Source: "validate.go CronWorkflow");

    /// <summary>A cron schedule is malformed. (CRON-03).</summary>
    public static readonly FindingDescriptor CronScheduleInvalid = new("PIPE1411", Severity.Error, "A cron schedule is malformed.", "CRON-03", Source: "validate.go CronWorkflow (cron.ParseStandard); the CRD pattern alone is a warning");

    /// <summary>A CronWorkflow timezone is not a known IANA time zone. (CRON-04).</summary>
    public static readonly FindingDescriptor CronTimezoneInvalid = new("PIPE1412", Severity.Error, "A CronWorkflow timezone is not a known IANA time zone.", "CRON-04", Source: "validate.go CronWorkflow (time.LoadLocation)");

    /// <summary>concurrencyPolicy is not Allow, Forbid or Replace. (CRON-05).</summary>
    public static readonly FindingDescriptor CronConcurrencyPolicyInvalid = new("PIPE1413", Severity.Error, "concurrencyPolicy is not Allow, Forbid or Replace.", "CRON-05", Source: "validate.go CronWorkflow");

    /// <summary>startingDeadlineSeconds is negative. (CRON-06).</summary>
    public static readonly FindingDescriptor CronStartingDeadlineInvalid = new("PIPE1414", Severity.Error, "startingDeadlineSeconds is negative.", "CRON-06", Source: "validate.go CronWorkflow");

    /// <summary>Two volume mounts (or a mount and an input artifact) use the same path. (VOL-01).</summary>
    public static readonly FindingDescriptor VolumeMountDuplicate = new("PIPE1420", Severity.Error, "Two volume mounts, a mount and an input artifact, or two input artifacts of a container template use the same path.", "VOL-01", Source: "validate.go validateLeaf (mountPaths); ContainerSetTemplate.Validate");

    /// <summary>A volumeMount names no volume of the workflow, the template or volumeClaimTemplates; Kubernetes rejects the pod at run time. (VOL-03).</summary>
    public static readonly FindingDescriptor VolumeMountUnknown = new("PIPE1421", Severity.Warning, "A volumeMount names no volume of the workflow, the template or volumeClaimTemplates; Kubernetes rejects the pod at run time.", "VOL-03", Source: "Kubernetes pod admission at run time; validate.go does not check it, so a warning");
    /// <summary>A volumeMount subPath is absolute or has a '..' segment: Kubernetes rejects the pod at run time. (VOL-04).</summary>
    public static readonly FindingDescriptor VolumeSubPathInvalid = new("PIPE1422", Severity.Warning, "A volumeMount subPath is absolute or has a '..' segment; Kubernetes rejects the pod at run time and pipelines run refuses it.", "VOL-04", Source: "Kubernetes pod validation (validateLocalDescendingPath) at run time; validate.go does not check it, so a warning");

    /// <summary>podGC.strategy is unknown or podGC.labelSelector is not a valid label selector. (MISC-01).</summary>
    public static readonly FindingDescriptor PodGCInvalid = new("PIPE1430", Severity.Error, "podGC.strategy is unknown or podGC.labelSelector is not a valid label selector.", "MISC-01", Source: "validate.go Workflow (PodGC.GetStrategy, PodGC.GetLabelSelector)");

    /// <summary>An executor plugin lacks metadata.name or a sidecar container with a port. (MISC-02).</summary>
    public static readonly FindingDescriptor ExecutorPluginInvalid = new("PIPE1431", Severity.Error, "An executor plugin lacks metadata.name or a sidecar container with a port.", "MISC-02", Source: "validate.go validateExecutorPlugins");

    /// <summary>A list has more (or fewer) items than the CRD allows. (CRD).</summary>
    public static readonly FindingDescriptor ListSizeInvalid = new("PIPE1450", Severity.Warning, "A list has more (or fewer) items than the CRD allows.", "CRD", Source: "full CRD schema only (kubectl apply), so a warning");

    /// <summary>A number is outside the range the CRD allows. (CRD).</summary>
    public static readonly FindingDescriptor NumberOutOfRange = new("PIPE1451", Severity.Warning, "A number is outside the range the CRD allows.", "CRD", Source: "full CRD schema only (kubectl apply), so a warning");

    /// <summary>A field has a value outside the set the CRD allows. (CRD).</summary>
    public static readonly FindingDescriptor EnumValueInvalid = new("PIPE1452", Severity.Warning, "A field has a value outside the set the CRD allows.", "CRD", Source: "full CRD schema only (kubectl apply), so a warning");

    /// <summary>A resource quantity is not a Kubernetes quantity such as 500m or 1Gi. (CRD).</summary>
    public static readonly FindingDescriptor QuantityInvalid = new("PIPE1453", Severity.Error, "A resource quantity is not a Kubernetes quantity such as 500m or 1Gi.", "CRD", Source: "resource.Quantity UnmarshalJSON (apimachinery): Argo cannot decode the manifest");

    /// <summary>An artifact specifies more than one location. (CRD).</summary>
    public static readonly FindingDescriptor ArtifactLocationConflict = new("PIPE1454", Severity.Warning, "An artifact specifies more than one location.", "CRD", Source: "full CRD schema only (CEL rule; Argo uses the first location), so a warning");

    /// <summary>A string is longer than the CRD allows. (CRD).</summary>
    public static readonly FindingDescriptor FieldTooLong = new("PIPE1455", Severity.Warning, "A string is longer than the CRD allows.", "CRD", Source: "full CRD schema only (kubectl apply), so a warning");
}
