// Port of: volumes-pvc.yaml
using Pipelines;
using Pipelines.Argo.Model;

namespace ArgoExamples;

[Workflow(GenerateName = "volumes-pvc-")]
public partial class VolumesPvc
{
    // A 1Gi volume claimed for the workflow's life, shared by its steps.
    [Spec]
    private static WorkflowSpec Volumes => new()
    {
        VolumeClaimTemplates =
        [
            new()
            {
                Metadata = new() { Name = "workdir" },
                Spec = new()
                {
                    AccessModes = ["ReadWriteOnce"],
                    Resources = new() { Requests = new() { ["storage"] = "1Gi" } },
                },
            },
        ],
    };

    [Steps, Entrypoint, Name("volumes-pvc-example")]
    public static void Main()
    {
        var generate = HelloWorldToFile();
        var print = PrintMessageFromFile();
    }

    [Container("busybox", Command = ["sh", "-c"], Args = ["echo generating message in volume; echo hello world | tee /mnt/vol/hello_world.txt"])]
    public static partial Node HelloWorldToFile();

    [Spec(nameof(HelloWorldToFile))]
    private static Template GenerateMounts => new() { Container = new() { VolumeMounts = [new() { Name = "workdir", MountPath = "/mnt/vol" }] } };

    [Container("alpine:3.23", Command = ["sh", "-c"], Args = ["echo getting message from volume; find /mnt/vol; cat /mnt/vol/hello_world.txt"])]
    public static partial Node PrintMessageFromFile();

    [Spec(nameof(PrintMessageFromFile))]
    private static Template PrintMounts => new() { Container = new() { VolumeMounts = [new() { Name = "workdir", MountPath = "/mnt/vol" }] } };
}
