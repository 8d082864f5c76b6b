// Port of: scripts-python.yaml
using Pipelines;

namespace ArgoExamples;

[Workflow(GenerateName = "scripts-python-")]
public partial class ScriptsPython
{
    [Script("python:alpine3.23", Command = ["python"], Source = """
        import random
        i = random.randint(1, 100)
        print(i)
        """)]
    public static partial Node GenRandomInt();

    [Container("alpine:3.23", Command = ["sh", "-c"], Args = ["echo result was: {{inputs.parameters.message}}"])]
    public static partial Node PrintMessage(string message);

    [Steps, Entrypoint]
    public static void PythonScriptExample()
    {
        var generate = GenRandomInt();
        var print = PrintMessage(generate.Result);
    }
}
