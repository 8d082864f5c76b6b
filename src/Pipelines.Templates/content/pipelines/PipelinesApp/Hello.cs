using Pipelines;

namespace PipelinesApp;

/// <summary>Says hello: one container template, run by a one-task DAG.</summary>
[Workflow(GenerateName = "hello-")]
public partial class Hello
{
    /// <summary>Prints the message.</summary>
    [Container("busybox:1.37", Command = ["echo", "{{inputs.parameters.message}}"])]
    public static partial Node Say(string message);

    /// <summary>The entrypoint: says hello.</summary>
    [Dag, Entrypoint]
    public static void SayHello() => Say("hello from C#");
}
