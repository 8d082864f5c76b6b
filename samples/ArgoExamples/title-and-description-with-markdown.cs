// Port of: title-and-description-with-markdown.yaml
using Pipelines;

namespace ArgoExamples;

[Workflow(GenerateName = "title-and-description-with-markdown-")]
[Label("workflows.argoproj.io/archive-strategy", "false")]
[Annotation("workflows.argoproj.io/title", "**Test Title**")]
[Annotation("workflows.argoproj.io/description", """
    `This is a simple hello world example.`
    This is an embedded link to the docs: https://argo-workflows.readthedocs.io/en/latest/title-and-description/
    """)]
public partial class TitleAndDescription
{
    [Container("busybox", Command = ["echo"], Args = ["hello world"])]
    [Entrypoint]
    public static partial Node HelloWorld();
}
