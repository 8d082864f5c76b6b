// Port of: workflow-template/dag.yaml
// With: workflow-template-templates.cs
using Pipelines;

namespace ArgoExamples;

// The workflow calls templates of the WorkflowTemplate classes of workflow-template-templates.cs: each such call is a
// templateRef to that class's template.
[Workflow(GenerateName = "workflow-template-dag-diamond-")]
public partial class WorkflowTemplateDagDiamond
{
    [Dag, Entrypoint]
    public static void Diamond()
    {
        var A = WorkflowTemplatePrintMessage.PrintMessage("A");
        var B = WorkflowTemplatePrintMessage.PrintMessage("B").After(A);
        var C = WorkflowTemplateInnerDag.InnerDiamond().After(A);
        var D = WorkflowTemplatePrintMessage.PrintMessage("D").After(B, C);
    }
}
