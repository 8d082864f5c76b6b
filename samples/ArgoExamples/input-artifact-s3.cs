// Port of: input-artifact-s3.yaml
using Pipelines;
using Pipelines.Argo.Model;

namespace ArgoExamples;

[Workflow(GenerateName = "input-artifact-s3-")]
[Label("workflows.argoproj.io/no-test", "environment")]
public partial class InputArtifactS3
{
    [Container("debian:latest", Command = ["sh", "-c"], Args = ["ls -l /my-artifact"])]
    [InputArtifact("my-art", Path = "/my-artifact")]
    [Entrypoint, Name("input-artifact-s3-example")]
    public static partial Node InputArtifactS3Example();

    // Where the artifact comes from: a typed initializer over Argo's S3Artifact, merged into the artifact by name.
    [Spec(nameof(InputArtifactS3Example))]
    private static Template Location => new()
    {
        Inputs = new()
        {
            Artifacts =
            [
                new()
                {
                    Name = "my-art",
                    S3 = new()
                    {
                        Endpoint = "s3.amazonaws.com",
                        Bucket = "my-bucket-name",
                        Key = "path/in/bucket",
                        Region = "us-west-2",
                        AccessKeySecret = new() { Name = "my-s3-credentials", Key = "accessKey" },
                        SecretKeySecret = new() { Name = "my-s3-credentials", Key = "secretKey" },
                    },
                },
            ],
        },
    };
}
