// Port of: loops-param-argument.yaml
using Pipelines;

namespace ArgoExamples;

// The shape of one item of the os-list JSON: member names are the JSON keys, verbatim in {{item.image}}.
public sealed record OsItem(string image, string tag);

[Workflow(GenerateName = "loops-param-arg-")]
[Label("workflows.argoproj.io/no-test", "environment")]
[Annotation("workflows.argoproj.io/no-test-resons", """
    the code that checks images allowed to run in test runs before the actual
    image value is applied. In this case it checks for the template variable
    and it is not an allowed image

    """)]
public partial class LoopsParamArgument
{
    // Loop.Over reads a JSON list given at run time (withParam): here the workflow argument os-list.
    [Steps, Entrypoint, Name("loop-param-arg-example")]
    public static void LoopParamArgExample([Name("os-list")] string osList = """
        [
          { "image": "debian", "tag": "9.1" },
          { "image": "debian", "tag": "8.9" },
          { "image": "alpine", "tag": "3.6" },
          { "image": "ubuntu", "tag": "17.10" }
        ]

        """)
    {
        foreach (var item in Loop.Over<OsItem>(osList))
        {
            CatOsRelease(item.image, item.tag).Named("test-linux");
        }
    }

    // On a template method, [Annotation] is the template's annotations.
    [Container("{{inputs.parameters.image}}:{{inputs.parameters.tag}}", Command = ["cat"], Args = ["/etc/os-release"])]
    [Annotation("workflows.argoproj.io/display-name", "os-{{inputs.parameters.image}}-{{inputs.parameters.tag}}")]
    public static partial Node CatOsRelease(string image, string tag);
}
