// Port of: conditionals.yaml
using Pipelines;

namespace ArgoExamples;

[Workflow(GenerateName = "conditional-")]
public partial class Conditionals
{
    // [Name] gives the parameter an Argo name C# cannot spell; the default is the workflow argument's value.
    [Steps, Entrypoint]
    public static void ConditionalExample([Name("should-print")] bool shouldPrint = true)
    {
        Parallel(
            Argosay().Named("print-hello-govaluate").When(shouldPrint == true),
            Argosay().Named("print-hello-expr").When("{{= inputs.parameters[\"should-print\"] == 'true'}}"),
            Argosay().Named("print-hello-expr-json").When("{{=jsonpath(workflow.parameters.json, '$[0].value') == 'true'}}"));
    }

    [Container("argoproj/argosay:v1", Command = ["sh", "-c"], Args = ["cowsay hello"])]
    public static partial Node Argosay();
}
