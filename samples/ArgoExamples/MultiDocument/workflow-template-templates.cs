// Port of: workflow-template/templates.yaml
using Pipelines;

namespace ArgoExamples;

// One upstream file with five WorkflowTemplates: one class per document.
[WorkflowTemplate("workflow-template-print-message")]
public partial class WorkflowTemplatePrintMessage
{
    [Container("busybox", Command = ["echo"], Args = ["{{inputs.parameters.message}}"])]
    [Entrypoint(Arguments = false)]   // a library template: callers pass the message, the template has no arguments
    public static partial Node PrintMessage(string message);
}

[WorkflowTemplate("workflow-template-random-fail-template")]
public partial class WorkflowTemplateRandomFail
{
    [Container("python:alpine3.23", Command = ["python", "-c"], Args = ["import random; import sys; exit_code = random.choice([0, 1, 1]); sys.exit(exit_code)"])]
    [Retry(10)]
    public static partial Node RandomFailTemplate();
}

[WorkflowTemplate("workflow-template-inner-steps")]
public partial class WorkflowTemplateInnerSteps
{
    [Container("busybox", Command = ["echo"], Args = ["{{inputs.parameters.message}}"])]
    public static partial Node PrintMessage(string message);

    // WorkflowTemplatePrintMessage.PrintMessage is a template of another template class: a templateRef.
    [Steps]
    public static void InnerSteps()
    {
        WorkflowTemplatePrintMessage.PrintMessage("inner-hello1").Named("inner-hello1");
        Parallel(
            WorkflowTemplatePrintMessage.PrintMessage("inner-hello2a").Named("inner-hello2a"),
            PrintMessage("inner-hello2b").Named("inner-hello2b"));
    }
}

[WorkflowTemplate("workflow-template-inner-dag")]
public partial class WorkflowTemplateInnerDag
{
    [Container("busybox", Command = ["echo"], Args = ["{{inputs.parameters.message}}"])]
    public static partial Node PrintMessage(string message);

    [Dag]
    public static Node InnerDiamond()
    {
        var A = WorkflowTemplatePrintMessage.PrintMessage("inner-A").Named("inner-A");
        var B = PrintMessage("inner-B").Named("inner-B").After(A);
        var C = PrintMessage("inner-C").Named("inner-C").After(A);
        WorkflowTemplatePrintMessage.PrintMessage("inner-D").Named("inner-D").After(B, C);
        return Node.NoOutputs;
    }
}

[WorkflowTemplate("workflow-template-submittable")]
public partial class WorkflowTemplateSubmittable
{
    [Container("busybox", Command = ["echo"], Args = ["{{inputs.parameters.message}}"])]
    [Entrypoint]
    public static partial Node PrintMessage(string message = "hello world");
}
