// Port of: secrets.yaml
using Pipelines;
using Pipelines.Argo.Model;

namespace ArgoExamples;

[Workflow(GenerateName = "secrets-")]
[Label("workflows.argoproj.io/no-test", "environment")]
public partial class Secrets
{
    [Spec]
    private static WorkflowSpec Volumes => new()
    {
        Volumes = [new() { Name = "my-secret-vol", Secret = new() { SecretName = "my-secret" } }],
    };

    [Container("alpine:3.23", Command = ["sh", "-c"], Args = [" echo \"secret from env: $MYSECRETPASSWORD\"; echo \"secret from file: `cat /secret/mountpath/mypassword`\" "])]
    [Entrypoint]
    public static partial Node PrintSecret();

    // The secret reaches the container twice: as an environment variable and as a mounted file.
    [Spec(nameof(PrintSecret))]
    private static Template SecretAccess => new()
    {
        Container = new()
        {
            Env = [new() { Name = "MYSECRETPASSWORD", ValueFrom = new() { SecretKeyRef = new() { Name = "my-secret", Key = "mypassword" } } }],
            VolumeMounts = [new() { Name = "my-secret-vol", MountPath = "/secret/mountpath" }],
        },
    };
}
