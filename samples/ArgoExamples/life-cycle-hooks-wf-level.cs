// Port of: life-cycle-hooks-wf-level.yaml
using Pipelines;

namespace ArgoExamples;

[Workflow(GenerateName = "lifecycle-hook-")]
[Hook("exit", nameof(Http))] // "exit" runs when the workflow ends
[Hook("running", nameof(Http), Expression = "workflow.status == \"Running\"")] // others run when their expression holds
public partial class LifeCycleHooksWfLevel
{
    [Steps, Entrypoint]
    public static void Main()
    {
        var step1 = Heads();
    }

    [Container("alpine:3.23", Command = ["sh", "-c"], Args = ["echo \"it was heads\""])]
    public static partial Node Heads();

    // An HTTP template: the Argo agent makes the request.
    [Http("https://raw.githubusercontent.com/argoproj/argo-workflows/4e450e250168e6b4d51a126b784e90b11a0162bc/pkg/apis/workflow/v1alpha1/generated.swagger.json")]
    public static partial Node Http();
}
