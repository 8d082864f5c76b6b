using System.Linq;
using Pipelines.Argo.Model;

namespace Pipelines.Argo.Tests.Model;

/// <summary>Fields are written in the order of Argo's Go structs, embedded structs included.</summary>
public sealed class FieldOrderTests
{
    // Go (v4.1.2): pkg/apis/workflow/v1alpha1/workflow_types.go, struct S3Bucket ends with AddressingStyle and is
    // embedded (json:",inline") first in S3Artifact, before Key; artifact_repository_types.go embeds it first in
    // S3ArtifactRepository, before KeyFormat and KeyPrefix. encoding/json writes embedded fields in place.
    [Fact]
    public void S3_addressingStyle_is_the_last_field_of_the_embedded_bucket_so_it_precedes_key()
    {
        var artifact = ModelSerializer.WriteS3Artifact(new S3Artifact { Key = "k", AddressingStyle = "path", Bucket = "b", CaSecret = new SecretKeySelector { Name = "ca", Key = "c" } });
        Assert.Equal(new[] { "bucket", "caSecret", "addressingStyle", "key" }, artifact.Entries.Select(e => e.Key.Value).ToArray());

        var repository = ModelSerializer.WriteS3ArtifactRepository(new S3ArtifactRepository { KeyFormat = "f", KeyPrefix = "p", AddressingStyle = "virtual-hosted", Bucket = "b" });
        Assert.Equal(new[] { "bucket", "addressingStyle", "keyFormat", "keyPrefix" }, repository.Entries.Select(e => e.Key.Value).ToArray());
    }
}
