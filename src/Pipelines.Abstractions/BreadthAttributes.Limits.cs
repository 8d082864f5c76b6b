using System;

namespace Pipelines;

/// <summary>
/// The most pods that run at once: on a class for the whole workflow (<c>spec.parallelism</c>), on a DAG or steps method
/// for that template's children (<c>parallelism</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class ParallelismAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="limit">The most pods at once.</param>
    public ParallelismAttribute(int limit) => Limit = limit;

    /// <summary>The most pods at once.</summary>
    public int Limit { get; }
}

/// <summary>
/// How long the workflow (on a class, <c>spec.activeDeadlineSeconds</c>) or one template (on a method,
/// <c>activeDeadlineSeconds</c>) may run before Argo stops it and fails it.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class ActiveDeadlineSecondsAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="seconds">The limit in seconds.</param>
    public ActiveDeadlineSecondsAttribute(int seconds) => Seconds = seconds;

    /// <summary>The limit in seconds.</summary>
    public int Seconds { get; }
}

/// <summary>
/// How long a step or task of this template may take in all, retries included (<c>timeout</c>): seconds
/// (<c>"30"</c>) or a duration (<c>"2m"</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class TimeoutAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="duration">The limit, for example <c>"30s"</c>.</param>
    public TimeoutAttribute(string duration) => Duration = duration;

    /// <summary>The limit.</summary>
    public string Duration { get; }
}

/// <summary>
/// Holds a mutex while the workflow (on a class) or the template (on a method) runs: one holder at a time
/// (<c>synchronization.mutexes[]</c>). Several may be given.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class MutexAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="name">The mutex name.</param>
    public MutexAttribute(string name) => Name = name;

    /// <summary>The mutex name.</summary>
    public string Name { get; }

    /// <summary>The namespace of the mutex, when not the workflow's.</summary>
    public string? Namespace { get; set; }

    /// <summary>Whether the mutex lives in the synchronization database (shared across controllers), not in memory.</summary>
    public bool Database { get; set; }
}

/// <summary>
/// Takes a semaphore slot while the workflow (on a class) or the template (on a method) runs
/// (<c>synchronization.semaphores[]</c>). The limit is the value of <see cref="Key"/> in the ConfigMap
/// <see cref="ConfigMap"/>, or, with <see cref="Database"/>, the database row named <see cref="Key"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class SemaphoreAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="key">The key of the limit: in the ConfigMap, or in the database.</param>
    public SemaphoreAttribute(string key) => Key = key;

    /// <summary>The key of the limit.</summary>
    public string Key { get; }

    /// <summary>The ConfigMap holding the limit (<c>configMapKeyRef.name</c>).</summary>
    public string? ConfigMap { get; set; }

    /// <summary>Whether the limit is in the synchronization database (<c>database.key</c>) instead of a ConfigMap.</summary>
    public bool Database { get; set; }

    /// <summary>The namespace of the semaphore, when not the workflow's.</summary>
    public string? Namespace { get; set; }
}

/// <summary>
/// Caches the template's outputs under <see cref="Key"/> in a ConfigMap (<c>memoize</c>): a later run with the same key
/// reuses them instead of running the template.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class MemoizeAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="key">The cache key; usually built from inputs, for example <c>"{{inputs.parameters.x}}"</c>.</param>
    /// <param name="configMap">The ConfigMap holding the cache.</param>
    public MemoizeAttribute(string key, string configMap)
    {
        Key = key;
        ConfigMap = configMap;
    }

    /// <summary>The cache key.</summary>
    public string Key { get; }

    /// <summary>The ConfigMap holding the cache.</summary>
    public string ConfigMap { get; }

    /// <summary>How old a cached entry may be to be used, for example <c>"10s"</c>.</summary>
    public string? MaxAge { get; set; }
}

/// <summary>
/// Makes the template a daemon (<c>daemon: true</c>): its node counts as done once the container is running (and
/// ready), and the container is stopped when the template that started it ends.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class DaemonAttribute : Attribute
{
}

/// <summary>
/// A workflow-level lifecycle hook (<c>spec.hooks</c>): runs the template of <see cref="Method"/> when the workflow
/// exits (name <c>"exit"</c>), or whenever <see cref="Expression"/> becomes true.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class HookAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="name">The hook name; <c>"exit"</c> is the exit hook.</param>
    /// <param name="method">The C# name of the template method to run, for example <c>nameof(Notify)</c>.</param>
    public HookAttribute(string name, string method)
    {
        Name = name;
        Method = method;
    }

    /// <summary>The hook name.</summary>
    public string Name { get; }

    /// <summary>The C# name of the template method to run.</summary>
    public string Method { get; }

    /// <summary>An Argo expression; the hook runs when it becomes true, for example <c>workflow.status == "Running"</c>.</summary>
    public string? Expression { get; set; }
}
