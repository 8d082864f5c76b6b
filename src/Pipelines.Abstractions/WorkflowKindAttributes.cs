using System;

namespace Pipelines;

/// <summary>
/// Makes a <c>partial</c> class an Argo <c>Workflow</c>: the generator turns its template and composition methods into
/// one manifest. Give either <see cref="Name"/> or <see cref="GenerateName"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class WorkflowAttribute : Attribute
{
    /// <summary>The fixed <c>metadata.name</c> of the workflow.</summary>
    public string? Name { get; set; }

    /// <summary>The <c>metadata.generateName</c> prefix; Kubernetes appends a random suffix (for example <c>"hello-world-"</c>).</summary>
    public string? GenerateName { get; set; }
}

/// <summary>Makes a <c>partial</c> class an Argo <c>WorkflowTemplate</c> with the given <c>metadata.name</c>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class WorkflowTemplateAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="name">The <c>metadata.name</c> of the template.</param>
    public WorkflowTemplateAttribute(string name) => Name = name;

    /// <summary>The <c>metadata.name</c> of the template.</summary>
    public string Name { get; }
}

/// <summary>Makes a <c>partial</c> class an Argo <c>ClusterWorkflowTemplate</c> with the given <c>metadata.name</c>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ClusterWorkflowTemplateAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="name">The <c>metadata.name</c> of the cluster template.</param>
    public ClusterWorkflowTemplateAttribute(string name) => Name = name;

    /// <summary>The <c>metadata.name</c> of the cluster template.</summary>
    public string Name { get; }
}

/// <summary>
/// Makes a <c>partial</c> class an Argo <c>CronWorkflow</c>: the templates go to <c>spec.workflowSpec</c>, the schedule
/// settings to <c>spec</c>. Numeric settings are written only when set.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class CronWorkflowAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="name">The <c>metadata.name</c> of the cron workflow.</param>
    /// <param name="schedules">The cron schedules (<c>spec.schedules</c>), for example <c>"0 * * * *"</c>.</param>
    public CronWorkflowAttribute(string name, params string[] schedules)
    {
        Name = name;
        Schedules = schedules;
    }

    /// <summary>The <c>metadata.name</c> of the cron workflow.</summary>
    public string Name { get; }

    /// <summary>The cron schedules (<c>spec.schedules</c>).</summary>
    public string[] Schedules { get; }

    /// <summary>
    /// Argo 3's single <c>spec.schedule</c>, which Argo 4 removed. Kept only so that code written for Argo 3 compiles
    /// and the analyzers can report it (PIPE4801) with a fix that moves the value into <see cref="Schedules"/>; the
    /// generator ignores it.
    /// </summary>
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public string? Schedule { get; set; }

    /// <summary>The IANA time zone of the schedules (<c>spec.timezone</c>), for example <c>"America/Los_Angeles"</c>.</summary>
    public string? Timezone { get; set; }

    /// <summary>What to do when a run is due while the previous one still runs: <c>Allow</c>, <c>Forbid</c> or <c>Replace</c>.</summary>
    public string? ConcurrencyPolicy { get; set; }

    /// <summary>How many seconds late a missed run may still start (<c>spec.startingDeadlineSeconds</c>).</summary>
    public int StartingDeadlineSeconds { get; set; }

    /// <summary>How many successful workflows to keep (<c>spec.successfulJobsHistoryLimit</c>).</summary>
    public int SuccessfulJobsHistoryLimit { get; set; }

    /// <summary>How many failed workflows to keep (<c>spec.failedJobsHistoryLimit</c>).</summary>
    public int FailedJobsHistoryLimit { get; set; }

    /// <summary>Whether scheduling is suspended (<c>spec.suspend</c>).</summary>
    public bool Suspend { get; set; }
}

/// <summary>Adds a <c>metadata.labels</c> entry to the manifest of the class.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class LabelAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="key">The label key, for example <c>"workflows.argoproj.io/archive-strategy"</c>.</param>
    /// <param name="value">The label value.</param>
    public LabelAttribute(string key, string value)
    {
        Key = key;
        Value = value;
    }

    /// <summary>The label key.</summary>
    public string Key { get; }

    /// <summary>The label value.</summary>
    public string Value { get; }
}

/// <summary>
/// On the class, adds a <c>metadata.annotations</c> entry to the manifest; on a template method, adds an entry to that
/// template's <c>annotations</c> (applied to its pods at run time, for example
/// <c>workflows.argoproj.io/display-name</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class AnnotationAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="key">The annotation key, for example <c>"workflows.argoproj.io/description"</c>.</param>
    /// <param name="value">The annotation value.</param>
    public AnnotationAttribute(string key, string value)
    {
        Key = key;
        Value = value;
    }

    /// <summary>The annotation key.</summary>
    public string Key { get; }

    /// <summary>The annotation value.</summary>
    public string Value { get; }
}

/// <summary>
/// Adds a workflow argument (<c>spec.arguments.parameters</c>) that is not a parameter of the entrypoint: templates read
/// it as <c>{{workflow.parameters.name}}</c>. Arguments from the entrypoint's parameters come first.
/// </summary>
/// <remarks>
/// <para>On the class, <c>[Argument("name", "value")]</c> declares an argument that attribute strings read as
/// <c>{{workflow.parameters.name}}</c>.</para>
/// <para>On a static property of the workflow class, <c>[Argument] public static int Partitions { get; } = 5;</c>
/// declares a typed argument: its name is the property name in kebab-case (or the name given), its value the
/// initializer (a constant; no initializer, or <c>null!</c>, requires a value at submit time), and DAG and steps bodies
/// use the property like a parameter of the method: as a call argument, in an interpolated string and in <c>if</c> and
/// <c>.When</c> conditions it is <c>{{workflow.parameters.partitions}}</c>. Bodies are read, never run: the property's
/// C# value is only its default, so a <c>[Step]</c> that needs the argument takes it as a parameter.</para>
/// </remarks>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Property, AllowMultiple = true, Inherited = false)]
public sealed class ArgumentAttribute : Attribute
{
    /// <summary>Declares a typed workflow argument named after the property it marks (kebab-case).</summary>
    public ArgumentAttribute()
    {
    }

    /// <summary>Creates the attribute.</summary>
    /// <param name="name">The parameter name.</param>
    /// <param name="value">The value; omit it to require one at submit time. On a property, the initializer is the value.</param>
    public ArgumentAttribute(string name, string? value = null)
    {
        Name = name;
        Value = value;
    }

    /// <summary>The parameter name; null on a property marked <c>[Argument]</c>, whose name is the property name in kebab-case.</summary>
    public string? Name { get; }

    /// <summary>The value, or null when it must be given at submit time.</summary>
    public string? Value { get; }
}
