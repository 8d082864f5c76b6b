namespace Pipelines.Argo;

public static partial class FindingCodes
{
    /// <summary>An <c>{{inputs.parameters.X}}</c> or <c>{{inputs.artifacts.X}}</c> reference names no input of the template.</summary>
    public static readonly FindingDescriptor UnresolvedInput = new("PIPE1501", Severity.Error, "A {{inputs.*}} reference names no input the template declares.", "VAR-01", Source: "validate.go resolveAllVariables (validateLeaf, validateSteps, validateDAG, validateOutputs)");

    /// <summary>A <c>{{workflow.parameters.X}}</c> reference names no workflow argument.</summary>
    public static readonly FindingDescriptor UnresolvedWorkflowParameter = new("PIPE1502", Severity.Error, "A {{workflow.parameters.*}} reference names no parameter of spec.arguments.", "VAR-04", Source: "validate.go resolveAllVariables (globalParams of Workflow)");

    /// <summary>A <c>{{workflow.*}}</c> variable that does not exist, or a label, annotation or priority that is not set.</summary>
    public static readonly FindingDescriptor UnresolvedWorkflowVariable = new("PIPE1503", Severity.Error, "A {{workflow.*}} reference is not a workflow variable, or names a label, annotation or priority that is not set.", "VAR-06", Source: "validate.go resolveAllVariables (globalParams of Workflow)");

    /// <summary><c>{{workflow.failures}}</c> without <c>spec.onExit</c>.</summary>
    public static readonly FindingDescriptor WorkflowFailuresWithoutOnExit = new("PIPE1504", Severity.Error, "{{workflow.failures}} is only available when spec.onExit is set.", "VAR-08", Source: "validate.go Workflow (workflow.failures only with onExit), resolveAllVariables");

    /// <summary>A <c>{{workflow.outputs.*}}</c> reference names no output with that <c>globalName</c>.</summary>
    public static readonly FindingDescriptor UnresolvedGlobalOutput = new("PIPE1505", Severity.Error, "A {{workflow.outputs.*}} reference names no output with that globalName.", "VAR-09", Source: "validate.go addOutputsToScope, resolveAllVariables");

    /// <summary><c>{{pod.name}}</c> in a template that creates no pod.</summary>
    public static readonly FindingDescriptor PodNameOutsidePod = new("PIPE1506", Severity.Error, "{{pod.name}} is only available in templates that create a pod.", "VAR-10", Source: "validate.go validateTemplate (pod.name for IsPodType), resolveAllVariables");

    /// <summary>A <c>{{steps.S.*}}</c> reference names no step, or an output the step's template does not have.</summary>
    public static readonly FindingDescriptor UnresolvedStepReference = new("PIPE1507", Severity.Error, "A {{steps.*}} reference names no earlier step, or an output its template does not produce.", "VAR-11", Source: "validate.go validateSteps, resolveAllVariables");

    /// <summary>A <c>{{tasks.T.*}}</c> reference names no task, an output the task's template does not have, or the status of a task that is not a dependency.</summary>
    public static readonly FindingDescriptor UnresolvedTaskReference = new("PIPE1508", Severity.Error, "A {{tasks.*}} reference names no task of the DAG, an output its template does not produce, or the status of a task that is not an ancestor.", "VAR-13", Source: "validate.go validateDAG, resolveAllVariables");

    /// <summary>A <c>{{item.K}}</c> reference that the loop's items do not provide.</summary>
    public static readonly FindingDescriptor UnresolvedItem = new("PIPE1509", Severity.Error, "A {{item.*}} reference names a key the loop items do not have.", "VAR-16", Source: "validate.go addItemsToScope, resolveAllVariables");

    /// <summary>A <c>{{</c> without a closing <c>}}</c>.</summary>
    public static readonly FindingDescriptor UnclosedTag = new("PIPE1510", Severity.Error, "A '{{' has no closing '}}'.", "VAR-18", Source: "util/template Validate (called by validate.go resolveAllVariables)");

    /// <summary><c>{{item}}</c> or <c>{{item.*}}</c> where the step or task has no loop (Argo accepts it; it is not substituted at run time).</summary>
    public static readonly FindingDescriptor ItemOutsideLoop = new("PIPE1511", Severity.Warning, "{{item}} is used where no withItems, withParam or withSequence applies; it is not substituted at run time.", "VAR-15", Source: "not checked by Argo (the tag stays unsubstituted at run time), so a warning");

    /// <summary>A step references a step of its own parallel group (Argo accepts it; it fails at run time).</summary>
    public static readonly FindingDescriptor SameGroupStepReference = new("PIPE1512", Severity.Warning, "A step references a step of its own parallel group, which runs at the same time; this fails at run time.", "VAR-11", Source: "not checked by Argo (validateSteps adds outputs before the group ends), so a warning");

    /// <summary>A DAG task references a task it does not depend on (Argo accepts it; the value may not exist yet).</summary>
    public static readonly FindingDescriptor NonAncestorTaskReference = new("PIPE1513", Severity.Warning, "A DAG task references a task it does not depend on; the value may not exist when the task runs.", "VAR-13", Source: "not checked by Argo (validateDAG scopes all task outputs), so a warning");

    /// <summary>A DAG template without tasks.</summary>
    public static readonly FindingDescriptor DagWithoutTasks = new("PIPE1601", Severity.Error, "A DAG template must have at least one task.", "DAG-01", Source: "validate.go validateDAG");

    /// <summary>A dependency that names no task of the DAG.</summary>
    public static readonly FindingDescriptor UndefinedDependency = new("PIPE1602", Severity.Error, "A dependency names no task of the same DAG.", "DAG-02", Source: "validate.go validateDAG (dependency not defined)");

    /// <summary>A dependency cycle.</summary>
    public static readonly FindingDescriptor DependencyCycle = new("PIPE1603", Severity.Error, "DAG tasks depend on each other in a cycle.", "DAG-03", Source: "validate.go verifyNoCycles");

    /// <summary>A DAG that uses both <c>depends</c> and <c>dependencies</c>.</summary>
    public static readonly FindingDescriptor DependsAndDependencies = new("PIPE1604", Severity.Error, "A DAG template cannot use both 'depends' and 'dependencies'.", "DAG-05", Source: "validate.go validateDAG");

    /// <summary><c>continueOn</c> in a DAG that uses <c>depends</c>.</summary>
    public static readonly FindingDescriptor ContinueOnWithDepends = new("PIPE1605", Severity.Error, "'continueOn' cannot be used in a DAG that uses 'depends'.", "DAG-05", Source: "validate.go validateDAG");

    /// <summary>An unknown task result in <c>depends</c> (such as <c>A.Successful</c>).</summary>
    public static readonly FindingDescriptor InvalidTaskResult = new("PIPE1606", Severity.Error, "A 'depends' expression uses a task result that does not exist.", "DAG-06", Source: "common/ancestry.go ValidateTaskResults (called by validate.go validateDAG)");

    /// <summary><c>.AnySucceeded</c> / <c>.AllFailed</c> on a task without a loop.</summary>
    public static readonly FindingDescriptor ItemsConditionWithoutLoop = new("PIPE1607", Severity.Error, ".AnySucceeded and .AllFailed can only be used on a task with withItems, withParam or withSequence.", "DAG-07", Source: "validate.go validateDAG");

    /// <summary>An argument that starts with <c>{{tasks.T.</c> where T is not an ancestor of the task.</summary>
    public static readonly FindingDescriptor MissingArgumentDependency = new("PIPE1608", Severity.Error, "An argument takes a value from a task the current task does not depend on.", "DAG-08", Source: "validate.go validateDAGTaskArgumentDependency");

    /// <summary>A <c>dag.target</c> name that is not a task.</summary>
    public static readonly FindingDescriptor UndefinedTarget = new("PIPE1609", Severity.Error, "A dag.target name is not a task of the DAG.", "DAG-09", Source: "validate.go validateDAGTargets");

    /// <summary>A step references a step of a later group.</summary>
    public static readonly FindingDescriptor FutureStepReference = new("PIPE1701", Severity.Error, "A step references a step that runs later.", "STEP-04", Source: "validate.go validateSteps (resolveAllVariables)");

    /// <summary>More than one of withItems, withParam and withSequence.</summary>
    public static readonly FindingDescriptor MultipleLoops = new("PIPE1801", Severity.Error, "Only one of withItems, withParam and withSequence can be used.", "LOOP-01", Source: "validate.go addItemsToScope");

    /// <summary>withSequence with both count and end.</summary>
    public static readonly FindingDescriptor SequenceCountAndEnd = new("PIPE1802", Severity.Error, "withSequence cannot have both count and end.", "LOOP-02", Source: "validate.go addItemsToScope");
}
