// Port of: cluster-workflow-template/clustertemplates.yaml
using Pipelines;

namespace ArgoExamples;

// One upstream file with five ClusterWorkflowTemplates: one class per document; calls between them are
// templateRefs with clusterScope: true.
[ClusterWorkflowTemplate("cluster-workflow-template-print-message")]
public partial class ClusterWorkflowTemplatePrintMessage
{
    [Container("busybox", Command = ["echo"], Args = ["{{inputs.parameters.message}}"])]
    public static partial Node PrintMessage(string message);
}

[ClusterWorkflowTemplate("cluster-workflow-template-random-fail-template")]
public partial class ClusterWorkflowTemplateRandomFail
{
    [Container("python:alpine3.23", Command = ["python", "-c"], Args = ["import random; import sys; exit_code = random.choice([0, 1, 1]); sys.exit(exit_code)"])]
    [Retry(10)]
    public static partial Node RandomFailTemplate();
}

[ClusterWorkflowTemplate("cluster-workflow-template-inner-steps")]
public partial class ClusterWorkflowTemplateInnerSteps
{
    [Container("busybox", Command = ["echo"], Args = ["{{inputs.parameters.message}}"])]
    public static partial Node PrintMessage(string message);

    [Steps]
    public static void InnerSteps()
    {
        ClusterWorkflowTemplatePrintMessage.PrintMessage("inner-hello1").Named("inner-hello1");
        Parallel(
            ClusterWorkflowTemplatePrintMessage.PrintMessage("inner-hello2a").Named("inner-hello2a"),
            ClusterWorkflowTemplatePrintMessage.PrintMessage("inner-hello2b").Named("inner-hello2b"));
    }
}

[ClusterWorkflowTemplate("cluster-workflow-template-inner-dag")]
public partial class ClusterWorkflowTemplateInnerDag
{
    [Container("busybox", Command = ["echo"], Args = ["{{inputs.parameters.message}}"])]
    public static partial Node PrintMessage(string message);

    [Dag]
    public static Node InnerDiamond()
    {
        var A = ClusterWorkflowTemplatePrintMessage.PrintMessage("inner-A").Named("inner-A");
        var B = PrintMessage("inner-B").Named("inner-B").After(A);
        var C = PrintMessage("inner-C").Named("inner-C").After(A);
        ClusterWorkflowTemplatePrintMessage.PrintMessage("inner-D").Named("inner-D").After(B, C);
        return Node.NoOutputs;
    }
}

[ClusterWorkflowTemplate("cluster-workflow-template-submittable")]
public partial class ClusterWorkflowTemplateSubmittable
{
    [Container("busybox", Command = ["echo"], Args = ["{{inputs.parameters.message}}"])]
    [Entrypoint]
    public static partial Node PrintMessage(string message = "hello world");
}
