// Port of: scripts-javascript.yaml
using Pipelines;

namespace ArgoExamples;

[Workflow(GenerateName = "scripts-javascript-")]
public partial class ScriptsJavascript
{
    [Script("node:9.1-alpine", Command = ["node"], Source = """
        var rand = Math.floor(Math.random() * 100);
        console.log(rand);
        """)]
    public static partial Node GenRandomInt();

    [Container("alpine:3.23", Command = ["sh", "-c"], Args = ["echo result was: {{inputs.parameters.message}}"])]
    public static partial Node PrintMessage(string message);

    [Steps, Entrypoint]
    public static void JavascriptScriptExample()
    {
        var generate = GenRandomInt();
        var print = PrintMessage(generate.Result);
    }
}
