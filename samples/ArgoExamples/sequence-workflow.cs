// Port of: container-set-template/sequence-workflow.yaml
using Pipelines;
using Pipelines.Argo.Model;

namespace ArgoExamples;

[Workflow(GenerateName = "sequence-")]
[Annotation("workflows.argoproj.io/description", "This workflow demonstrates running a sequence of containers within a single pod.\n")]
[Annotation("workflows.argoproj.io/version", ">= 3.1.0")]
public partial class SequenceWorkflow
{
    // Three containers in one pod, each starting when the one it depends on has finished.
    [ContainerSet, Entrypoint]
    public static partial Node Main();

    [Spec(nameof(Main))]
    private static Template Containers => new()
    {
        ContainerSet = new()
        {
            Containers =
            [
                new() { Name = "a", Image = "argoproj/argosay:v2" },
                new() { Name = "b", Image = "argoproj/argosay:v2", Dependencies = ["a"] },
                new() { Name = "c", Image = "argoproj/argosay:v2", Dependencies = ["b"] },
            ],
        },
    };
}
