namespace Pipelines.Argo.Events;

/// <summary>The Argo Events kinds, and the Kubernetes RBAC kinds written beside them, that this product reads and writes.</summary>
public enum EventsKind
{
    /// <summary>An Argo Events <c>EventBus</c>.</summary>
    EventBus,

    /// <summary>An Argo Events <c>EventSource</c>.</summary>
    EventSource,

    /// <summary>An Argo Events <c>Sensor</c>.</summary>
    Sensor,

    /// <summary>A Kubernetes <c>ServiceAccount</c> (core/v1).</summary>
    ServiceAccount,

    /// <summary>A Kubernetes <c>Role</c> (rbac.authorization.k8s.io/v1).</summary>
    Role,

    /// <summary>A Kubernetes <c>RoleBinding</c> (rbac.authorization.k8s.io/v1).</summary>
    RoleBinding,
}

/// <summary>What the Argo Events and RBAC kinds have in common: apiVersion, kind and metadata.</summary>
public interface IEventsObject
{
    /// <summary>The apiVersion (<c>argoproj.io/v1alpha1</c>, <c>v1</c> or <c>rbac.authorization.k8s.io/v1</c>).</summary>
    string? ApiVersion { get; set; }

    /// <summary>The kind name.</summary>
    string? Kind { get; set; }

    /// <summary>Name, namespace, labels and annotations.</summary>
    ObjectMeta? Metadata { get; set; }
}

/// <summary>An Argo Events EventBus.</summary>
public sealed partial class EventBus : IEventsObject
{
    /// <summary>Creates an empty EventBus with <c>apiVersion</c> and <c>kind</c> already set.</summary>
    public EventBus()
    {
        ApiVersion = EventsYaml.ApiVersion;
        Kind = "EventBus";
    }
}

/// <summary>An Argo Events EventSource.</summary>
public sealed partial class EventSource : IEventsObject
{
    /// <summary>Creates an empty EventSource with <c>apiVersion</c> and <c>kind</c> already set.</summary>
    public EventSource()
    {
        ApiVersion = EventsYaml.ApiVersion;
        Kind = "EventSource";
    }
}

/// <summary>An Argo Events Sensor.</summary>
public sealed partial class Sensor : IEventsObject
{
    /// <summary>Creates an empty Sensor with <c>apiVersion</c> and <c>kind</c> already set.</summary>
    public Sensor()
    {
        ApiVersion = EventsYaml.ApiVersion;
        Kind = "Sensor";
    }
}

/// <summary>A Kubernetes ServiceAccount.</summary>
public sealed partial class ServiceAccount : IEventsObject
{
    /// <summary>Creates an empty ServiceAccount with <c>apiVersion</c> and <c>kind</c> already set.</summary>
    public ServiceAccount()
    {
        ApiVersion = "v1";
        Kind = "ServiceAccount";
    }
}

/// <summary>A Kubernetes Role.</summary>
public sealed partial class Role : IEventsObject
{
    /// <summary>Creates an empty Role with <c>apiVersion</c> and <c>kind</c> already set.</summary>
    public Role()
    {
        ApiVersion = EventsYaml.RbacApiVersion;
        Kind = "Role";
    }
}

/// <summary>A Kubernetes RoleBinding.</summary>
public sealed partial class RoleBinding : IEventsObject
{
    /// <summary>Creates an empty RoleBinding with <c>apiVersion</c> and <c>kind</c> already set.</summary>
    public RoleBinding()
    {
        ApiVersion = EventsYaml.RbacApiVersion;
        Kind = "RoleBinding";
    }
}
