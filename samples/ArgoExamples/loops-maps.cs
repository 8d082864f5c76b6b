// Port of: loops-maps.yaml
using Pipelines;

namespace ArgoExamples;

[Workflow(GenerateName = "loops-maps-")]
[Label("workflows.argoproj.io/no-test", "environment")]
[Annotation("workflows.argoproj.io/no-test-resons", """
    the code that checks images allowed to run in test runs before the actual
    image value is applied. In this case it checks for the template variable
    and it is not an allowed image

    """)]
public partial class LoopsMaps
{
    // Anonymous objects are map items; item.image reads {{item.image}} (member names verbatim).
    [Steps, Entrypoint]
    public static void LoopMapExample()
    {
        foreach (var item in new[]
        {
            new { image = "debian", tag = "9.1" },
            new { image = "debian", tag = "8.9" },
            new { image = "alpine", tag = "3.6" },
            new { image = "ubuntu", tag = "17.10" },
        })
        {
            CatOsRelease(item.image, item.tag).Named("test-linux");
        }
    }

    [Container("{{inputs.parameters.image}}:{{inputs.parameters.tag}}", Command = ["cat"], Args = ["/etc/os-release"])]
    public static partial Node CatOsRelease(string image, string tag);
}
