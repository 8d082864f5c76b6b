// Port of: scripts-bash.yaml
using Pipelines;

namespace ArgoExamples;

[Workflow(GenerateName = "scripts-bash-")]
public partial class ScriptsBash
{
    [Script("alpine:3.23", Command = ["sh", "-c"], Source = """
        cat /dev/urandom | od -N2 -An -i | awk -v f=1 -v r=100 '{printf "%i\n", f + r * $1 / 65536}'
        """)]
    public static partial Node GenRandomInt();

    [Container("alpine:3.23", Command = ["sh", "-c"], Args = ["echo result was: {{inputs.parameters.message}}"])]
    public static partial Node PrintMessage(string message);

    [Steps, Entrypoint]
    public static void BashScriptExample()
    {
        var generate = GenRandomInt();
        var print = PrintMessage(generate.Result);
    }
}
