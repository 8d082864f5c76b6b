using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using Pipelines.Argo;
using Pipelines.Argo.Yaml;
using static Pipelines.Generator.Tests.ManifestQuery;

namespace Pipelines.Generator.Tests;

/// <summary>
/// Typed [Spec] initializers over the Argo model, the [Patch] escape hatch, and the first-class breadth attributes:
/// what each writes into the manifest.
/// </summary>
public sealed class BreadthTests
{
    private const string ModelUsing = "using Pipelines.Argo.Model;\n";

    [Fact]
    public void Json_name_rule_matches_every_field_of_every_model_type()
    {
        // The serializer's per-type field lists are the schema's JSON names; the generator derives them from C# names.
        var serializer = typeof(Pipelines.Argo.Model.ModelSerializer);
        var checkedProperties = 0;
        foreach (var type in typeof(Pipelines.Argo.Model.WorkflowSpec).Assembly.GetTypes().Where(t => t.Namespace == "Pipelines.Argo.Model" && t.IsClass && t.IsPublic))
        {
            var fieldsMember = serializer.GetField(type.Name + "Fields", BindingFlags.NonPublic | BindingFlags.Static);
            if (fieldsMember?.GetValue(null) is not string[] jsonNames)
            {
                continue;
            }

            var derived = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Select(p => PipelinesGenerator.InitializerReader.JsonName(p.Name, type.Name))
                .OrderBy(n => n, StringComparer.Ordinal)
                .ToList();
            Assert.Equal(jsonNames.OrderBy(n => n, StringComparer.Ordinal).ToList(), derived);
            checkedProperties += derived.Count;
        }

        Assert.True(checkedProperties > 1000, $"only {checkedProperties} properties checked");
    }

    [Fact]
    public void Spec_initializer_writes_constants_nested_objects_lists_and_maps_with_schema_names()
    {
        var root = Manifest(ModelUsing + """
            [Workflow(Name = "w")]
            public partial class W
            {
                [Container("busybox"), Entrypoint] public static partial Node Main();

                [Spec]
                static WorkflowSpec Pod => new()
                {
                    ServiceAccountName = "runner",
                    AutomountServiceAccountToken = false,
                    Parallelism = 3,
                    ActiveDeadlineSeconds = 600,
                    NodeSelector = new() { ["disk"] = "ssd", ["zone"] = "a" },
                    Tolerations = [new() { Key = "gpu", Operator = "Exists", Effect = "NoSchedule" }],
                    PodGC = new() { Strategy = "OnWorkflowSuccess", LabelSelector = new() { MatchLabels = new() { { "keep", "no" } } } },
                    TtlStrategy = new() { SecondsAfterCompletion = 60 },
                    ImagePullSecrets = [new() { Name = "registry" }],
                    PodMetadata = new() { Labels = new() { ["team"] = "data" } },
                    SecurityContext = new() { RunAsNonRoot = true, RunAsUser = 1000 },
                    DnsConfig = new() { Nameservers = ["1.1.1.1"] },
                    HostAliases = [new() { Ip = "10.0.0.1", Hostnames = ["db"] }],
                    PodPriorityClassName = "high",
                    ArchiveLogs = true,
                    WorkflowMetadata = new() { Labels = new() { ["run"] = "nightly" } },
                    PodSpecPatch = "{\"terminationGracePeriodSeconds\": 5}",
                    TemplateDefaults = new() { Timeout = "5m" },
                    ArtifactRepositoryRef = new() { ConfigMap = "repos", Key = "s3" },
                    ArtifactGC = new() { Strategy = "OnWorkflowDeletion" },
                    Volumes =
                    [
                        new() { Name = "scratch", EmptyDir = new() },
                        new() { Name = "cfg", ConfigMap = new() { Name = "settings" } },
                        new() { Name = "host", HostPath = new() { Path = "/var/log" } },
                        new() { Name = "data", PersistentVolumeClaim = new() { ClaimName = "data" } },
                    ],
                };
            }
            """);
        Assert.Equal("runner", At(root, "spec.serviceAccountName"));
        Assert.Equal("false", At(root, "spec.automountServiceAccountToken"));
        Assert.Equal("3", At(root, "spec.parallelism"));
        Assert.Equal("600", At(root, "spec.activeDeadlineSeconds"));
        Assert.Equal("ssd", At(root, "spec.nodeSelector.disk"));
        Assert.Equal("a", At(root, "spec.nodeSelector.zone"));
        Assert.Equal("Exists", At(root, "spec.tolerations[0].operator"));
        Assert.Equal("no", At(root, "spec.podGC.labelSelector.matchLabels.keep"));
        Assert.Equal("60", At(root, "spec.ttlStrategy.secondsAfterCompletion"));
        Assert.Equal("registry", At(root, "spec.imagePullSecrets[0].name"));
        Assert.Equal("data", At(root, "spec.podMetadata.labels.team"));
        Assert.Equal("1000", At(root, "spec.securityContext.runAsUser"));
        Assert.Equal("1.1.1.1", At(root, "spec.dnsConfig.nameservers[0]"));
        Assert.Equal("10.0.0.1", At(root, "spec.hostAliases[0].ip"));
        Assert.Equal("high", At(root, "spec.podPriorityClassName"));
        Assert.Equal("true", At(root, "spec.archiveLogs"));
        Assert.Equal("nightly", At(root, "spec.workflowMetadata.labels.run"));
        Assert.Equal("{\"terminationGracePeriodSeconds\": 5}", At(root, "spec.podSpecPatch"));
        Assert.Equal("5m", At(root, "spec.templateDefaults.timeout"));
        Assert.Equal("s3", At(root, "spec.artifactRepositoryRef.key"));
        Assert.Equal("OnWorkflowDeletion", At(root, "spec.artifactGC.strategy"));
        Assert.Equal("{}", Json(root, "spec.volumes[0].emptyDir"));
        Assert.Equal("settings", At(root, "spec.volumes[1].configMap.name"));
        Assert.Equal("/var/log", At(root, "spec.volumes[2].hostPath.path"));
        Assert.Equal("data", At(root, "spec.volumes[3].persistentVolumeClaim.claimName"));
        Assert.Equal("main", At(root, "spec.entrypoint"));
    }

    [Fact]
    public void Template_spec_targets_a_csharp_step_of_another_class_or_of_its_own()
    {
        var root = Manifest(ModelUsing + """
            public static class Work
            {
                [Step] public static string Summarize(string path) => path;
            }

            [Workflow(Name = "w")]
            public partial class W
            {
                [Step] public static string Own(string text) => text;

                [Dag, Entrypoint]
                public static void Main()
                {
                    var a = Node.Run(() => Work.Summarize("/mnt/data/doc.txt"));
                    Node.Run(() => Own(a.Outputs));
                }

                [Spec(nameof(Work.Summarize))]
                static Template SummarizeMounts => new() { Container = new() { VolumeMounts = [new() { Name = "data", MountPath = "/mnt/data" }] } };

                [Spec(nameof(Own))]
                static Template OwnMounts => new() { Container = new() { VolumeMounts = [new() { Name = "data", MountPath = "/mnt/own" }] } };
            }
            """);
        string Template(string name) => "spec.templates[" + Enumerable.Range(0, 5).Single(i => At(root, $"spec.templates[{i}].name") == name) + "]";
        Assert.Equal("data", At(root, Template("summarize") + ".container.volumeMounts[0].name"));
        Assert.Equal("/mnt/data", At(root, Template("summarize") + ".container.volumeMounts[0].mountPath"));
        Assert.Equal("summarize", At(root, Template("summarize") + ".container.args[1]"));
        Assert.Equal("/mnt/own", At(root, Template("own") + ".container.volumeMounts[0].mountPath"));
        Assert.Equal("own", At(root, Template("own") + ".container.args[1]"));
    }

    [Fact]
    public void Scalar_wrappers_keep_how_they_were_written()
    {
        var json = ManifestJson(ModelUsing + """
            [Workflow(Name = "w")]
            public partial class W
            {
                [Container("busybox"), Entrypoint] public static partial Node Main();

                [Spec(nameof(Main))]
                static Template Extra => new()
                {
                    ActiveDeadlineSeconds = "30",
                    Container = new() { Resources = new() { Limits = new() { ["cpu"] = "500m" } }, Ports = [new() { ContainerPortValue = 8080 }] },
                    Metrics = new() { Prometheus = [new() { Name = "h", Help = "h", Histogram = new() { Buckets = [0.5, 1.0, 2] } }] },
                };
            }
            """);
        using var document = JsonDocument.Parse(json);
        var template = document.RootElement.GetProperty("spec").GetProperty("templates")[0];
        Assert.Equal(JsonValueKind.String, template.GetProperty("activeDeadlineSeconds").ValueKind);
        Assert.Equal("500m", template.GetProperty("container").GetProperty("resources").GetProperty("limits").GetProperty("cpu").GetString());
        Assert.Equal(8080, template.GetProperty("container").GetProperty("ports")[0].GetProperty("containerPort").GetInt32());
        Assert.Equal("busybox", template.GetProperty("container").GetProperty("image").GetString());
        Assert.Equal("[0.5,1,2]", template.GetProperty("metrics").GetProperty("prometheus")[0].GetProperty("histogram").GetProperty("buckets").GetRawText());
    }

    [Fact]
    public void Template_spec_merges_lists_of_named_items_by_name_and_keeps_first_class_fields()
    {
        var root = Manifest(ModelUsing + """
            [Workflow(Name = "w")]
            public partial class W
            {
                [Container("busybox", Command = ["cat"]), Entrypoint, InputArtifact("data", Path = "/in"), InputArtifact("other", Path = "/o")]
                public static partial Node Main();

                [Spec(nameof(Main))]
                static Template Sources => new()
                {
                    Inputs = new()
                    {
                        Artifacts =
                        [
                            new() { Name = "other", Http = new() { Url = "https://example.com/o" } },
                            new() { Name = "data", Optional = true, S3 = new() { Bucket = "b", Key = "k" }, Archive = new() { None = new() } },
                            new() { Name = "third", Path = "/t", Git = new() { Repo = "https://example.com/r.git", Revision = "main" } },
                        ],
                    },
                    Container = new() { VolumeMounts = [new() { Name = "v", MountPath = "/v" }] },
                    InitContainers = [new() { Name = "init", Image = "busybox" }],
                    Sidecars = [new() { Name = "db", Image = "postgres" }],
                };
            }
            """);
        const string t = "spec.templates[0]";
        Assert.Equal("data", At(root, t + ".inputs.artifacts[0].name"));
        Assert.Equal("/in", At(root, t + ".inputs.artifacts[0].path"));
        Assert.Equal("true", At(root, t + ".inputs.artifacts[0].optional"));
        Assert.Equal("b", At(root, t + ".inputs.artifacts[0].s3.bucket"));
        Assert.NotNull(At(root, t + ".inputs.artifacts[0].archive.none"));
        Assert.Equal("/o", At(root, t + ".inputs.artifacts[1].path"));
        Assert.Equal("https://example.com/o", At(root, t + ".inputs.artifacts[1].http.url"));
        Assert.Equal("third", At(root, t + ".inputs.artifacts[2].name"));
        Assert.Equal("main", At(root, t + ".inputs.artifacts[2].git.revision"));
        Assert.Equal("busybox", At(root, t + ".container.image"));
        Assert.Equal("cat", At(root, t + ".container.command[0]"));
        Assert.Equal("/v", At(root, t + ".container.volumeMounts[0].mountPath"));
        Assert.Equal("init", At(root, t + ".initContainers[0].name"));
        Assert.Equal("postgres", At(root, t + ".sidecars[0].image"));
    }

    [Fact]
    public void Artifact_locations_archives_gc_and_supplied_parameters_through_template_specs()
    {
        var root = Manifest(ModelUsing + """
            public sealed record Approval
            {
                [OutputParameter] public string Approve { get; init; } = "";
            }
            [Workflow(Name = "w")]
            public partial class W
            {
                [Container("busybox"), Entrypoint]
                [InputArtifact("gcs", Path = "/a"), InputArtifact("azure", Path = "/b"), InputArtifact("raw", Path = "/c"), InputArtifact("oss", Path = "/d")]
                [InputArtifact("hdfs", Path = "/e"), InputArtifact("artifactory", Path = "/f")]
                public static partial Node<Packed> Main();

                [Spec(nameof(Main))]
                static Template Locations => new()
                {
                    Inputs = new()
                    {
                        Artifacts =
                        [
                            new() { Name = "gcs", Gcs = new() { Bucket = "b", Key = "k" } },
                            new() { Name = "azure", Azure = new() { Endpoint = "https://acct.blob.core.windows.net", Container = "c", Blob = "x" } },
                            new() { Name = "raw", Raw = new() { Data = "hello" } },
                            new() { Name = "oss", Oss = new() { Key = "k" } },
                            new() { Name = "hdfs", Hdfs = new() { Path = "/p", Addresses = ["nn:8020"] } },
                            new() { Name = "artifactory", Artifactory = new() { Url = "https://a.example/r/x" } },
                        ],
                    },
                    Outputs = new()
                    {
                        Artifacts =
                        [
                            new() { Name = "tarred", Archive = new() { Tar = new() { CompressionLevel = 9 } }, ArtifactGC = new() { Strategy = "OnWorkflowCompletion" } },
                            new() { Name = "zipped", Archive = new() { Zip = new() } },
                        ],
                    },
                    PriorityClassName = "batch",
                    Affinity = new() { NodeAffinity = new() { RequiredDuringSchedulingIgnoredDuringExecution = new() { NodeSelectorTerms = [new() { MatchExpressions = [new() { Key = "zone", Operator = "In", Values = ["a"] }] }] } } },
                    Container = new() { SecurityContext = new() { ReadOnlyRootFilesystem = true } },
                };

                [Suspend] public static partial Node<Approval> Approve();

                // Supplied on resume: the record's output gains valueFrom.supplied by name.
                [Spec(nameof(Approve))]
                static Template Supplied => new() { Outputs = new() { Parameters = [new() { Name = "approve", ValueFrom = new() { Supplied = new() } }] } };
            }
            public sealed record Packed
            {
                [OutputArtifact(Path = "/out/t")] public string Tarred { get; init; } = "";
                [OutputArtifact(Path = "/out/z")] public string Zipped { get; init; } = "";
            }
            """);
        const string t = "spec.templates[0]";
        Assert.Equal("b", At(root, t + ".inputs.artifacts[0].gcs.bucket"));
        Assert.Equal("/a", At(root, t + ".inputs.artifacts[0].path"));
        Assert.Equal("x", At(root, t + ".inputs.artifacts[1].azure.blob"));
        Assert.Equal("hello", At(root, t + ".inputs.artifacts[2].raw.data"));
        Assert.Equal("k", At(root, t + ".inputs.artifacts[3].oss.key"));
        Assert.Equal("nn:8020", At(root, t + ".inputs.artifacts[4].hdfs.addresses[0]"));
        Assert.Equal("https://a.example/r/x", At(root, t + ".inputs.artifacts[5].artifactory.url"));
        Assert.Equal("/out/t", At(root, t + ".outputs.artifacts[0].path"));
        Assert.Equal("9", At(root, t + ".outputs.artifacts[0].archive.tar.compressionLevel"));
        Assert.Equal("OnWorkflowCompletion", At(root, t + ".outputs.artifacts[0].artifactGC.strategy"));
        Assert.NotNull(At(root, t + ".outputs.artifacts[1].archive.zip"));
        Assert.Equal("batch", At(root, t + ".priorityClassName"));
        Assert.Equal("a", At(root, t + ".affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values[0]"));
        Assert.Equal("true", At(root, t + ".container.securityContext.readOnlyRootFilesystem"));
        Assert.Equal("approve", At(root, "spec.templates[1].outputs.parameters[0].name"));
        Assert.NotNull(At(root, "spec.templates[1].outputs.parameters[0].valueFrom.supplied"));
        Assert.NotNull(At(root, "spec.templates[1].suspend"));
    }

    [Fact]
    public void Spec_member_type_chooses_the_target_cron_workflow_spec_and_metadata()
    {
        var root = Manifest(ModelUsing + """
            [CronWorkflow("c", "0 * * * *")]
            public partial class C
            {
                [Container("busybox"), Entrypoint] public static partial Node Main();
                [Spec] static WorkflowSpec Inner => new() { Parallelism = 1 };
                [Spec] static CronWorkflowSpec Outer() => new() { When = "{{= cronworkflow.failed == 0 }}", StopStrategy = new() { Expression = "cronworkflow.failed >= 3" } };
                [Spec] static ObjectMeta Meta { get { return new() { Namespace = "batch" }; } }
            }
            """);
        Assert.Equal("1", At(root, "spec.workflowSpec.parallelism"));
        Assert.Null(At(root, "spec.parallelism"));
        Assert.Equal("{{= cronworkflow.failed == 0 }}", At(root, "spec.when"));
        Assert.Equal("cronworkflow.failed >= 3", At(root, "spec.stopStrategy.expression"));
        Assert.Equal("batch", At(root, "metadata.namespace"));
        Assert.Equal("c", At(root, "metadata.name"));
    }

    [Fact]
    public void Values_the_generator_cannot_read_are_left_out_and_nothing_throws()
    {
        var root = Manifest(ModelUsing + """
            [Workflow(Name = "w")]
            public partial class W
            {
                static string Account() => "x";
                [Container("busybox"), Entrypoint] public static partial Node Main();
                [Spec] static WorkflowSpec S => new() { ServiceAccountName = Account(), Parallelism = 2 };
                [Spec(nameof(Missing))] static Template T => new() { Timeout = "1m" };
                static int Missing() => 0;
            }
            """);
        Assert.Null(At(root, "spec.serviceAccountName"));
        Assert.Equal("2", At(root, "spec.parallelism"));
        Assert.Null(At(root, "spec.templates[0].timeout"));
    }

    [Fact]
    public void Patch_sets_any_field_on_the_class_by_path_and_on_a_method_relative_to_its_template()
    {
        var root = Manifest("""
            [Workflow(Name = "w")]
            [Patch("spec.templates[name=main].container.resources", "{\"limits\":{\"cpu\":\"2\"}}")]
            [Patch("spec.templates[name=extra]", "{\"suspend\":{}}")]
            public partial class W
            {
                [Steps, Entrypoint]
                [Patch("steps[0][0].hooks", "{\"running\":{\"expression\":\"true\",\"template\":\"extra\"}}")]
                public static void Flow() { var a = Main(); }

                [Container("busybox")]
                [Patch("container.env", "[{\"name\":\"A\",\"value\":\"1\"}]")]
                public static partial Node Main();
            }
            """);
        Assert.Equal("2", At(root, "spec.templates[1].container.resources.limits.cpu"));
        Assert.Equal("A", At(root, "spec.templates[1].container.env[0].name"));
        Assert.Equal("busybox", At(root, "spec.templates[1].container.image"));
        Assert.Equal("extra", At(root, "spec.templates[2].name"));
        Assert.NotNull(At(root, "spec.templates[2].suspend"));
        Assert.Equal("extra", At(root, "spec.templates[0].steps[0][0].hooks.running.template"));
    }

    [Fact]
    public void Patch_with_a_misspelled_field_fails_the_strict_read_at_the_attribute()
    {
        var source = Header + """
            [Workflow(Name = "w")]
            public partial class W
            {
                [Container("busybox"), Entrypoint]
                [Patch("container.resources", "{\"limitz\":{\"cpu\":\"2\"}}")]
                public static partial Node Main();
            }
            """;
        var run = GeneratorHarness.Run(source).AssertClean();
        var manifest = Assert.Single(run.Manifests);
        var finding = Assert.Single(ArgoYaml.ReadText(manifest.Json).AllFindings);
        Assert.Equal("PIPE3002", finding.Code);
        Assert.Equal("spec.templates[0].container.resources.limitz", finding.Path.ToString());
        // The source map's most specific entry for that path is the [Patch] attribute.
        Assert.Equal(PositionOf(source, "Patch("), Locate(manifest.SourceMap, finding.Path.ToString()));
    }

    [Fact]
    public void Patch_that_is_not_json_becomes_an_unknown_field_at_its_path()
    {
        var run = GeneratorHarness.Run(Header + """
            [Workflow(Name = "w")]
            [Patch("spec.templates[0].container", "{not json")]
            public partial class W
            {
                [Container("busybox"), Entrypoint] public static partial Node Main();
            }
            """).AssertClean();
        var manifest = Assert.Single(run.Manifests);
        var finding = Assert.Single(ArgoYaml.ReadText(manifest.Json).AllFindings);
        Assert.Equal("PIPE3002", finding.Code);
        Assert.Equal("spec.templates[0].container.patchIsNotValidJson", finding.Path.ToString());
        Assert.Equal((4, 2), Locate(manifest.SourceMap, finding.Path.ToString()));
    }

    [Fact]
    public void Suspend_resource_http_and_container_set_templates()
    {
        var root = Manifest(ModelUsing + """
            [Workflow(Name = "w")]
            public partial class W
            {
                [Steps, Entrypoint]
                public static void Flow()
                {
                    var approve = Approve("yes");
                    var wait = Wait();
                    var job = Job();
                    var call = Call();
                    var set = Set();
                }

                [Suspend] public static partial Node Approve(string answer);
                [Suspend(Duration = "2m")] public static partial Node Wait();
                [Resource("patch", Manifest = "kind: ConfigMap", MergeStrategy = "merge", Flags = ["--namespace", "x"], SuccessCondition = "a", FailureCondition = "b", SetOwnerReference = true)]
                public static partial Node Job();
                [Resource("apply", ManifestFromArtifact = "manifest")] public static partial Node FromArtifact();
                [Http("https://example.com", Method = "POST", Body = "{}", TimeoutSeconds = 20, SuccessCondition = "response.statusCode == 201")]
                public static partial Node Call();
                [ContainerSet] public static partial Node Set();
                [Spec(nameof(Set))] static Template SetSpec => new()
                {
                    ContainerSet = new()
                    {
                        VolumeMounts = [new() { Name = "w", MountPath = "/w" }],
                        Containers = [new() { Name = "a", Image = "busybox" }, new() { Name = "b", Image = "busybox", Dependencies = ["a"] }],
                    },
                    Volumes = [new() { Name = "w", EmptyDir = new() }],
                };
            }
            """);
        Assert.Equal("answer", At(root, "spec.templates[1].inputs.parameters[0].name"));
        Assert.NotNull(At(root, "spec.templates[1].suspend"));
        Assert.Null(At(root, "spec.templates[1].suspend.duration"));
        Assert.Equal("2m", At(root, "spec.templates[2].suspend.duration"));
        Assert.Equal("patch", At(root, "spec.templates[3].resource.action"));
        Assert.Equal("kind: ConfigMap", At(root, "spec.templates[3].resource.manifest"));
        Assert.Equal("merge", At(root, "spec.templates[3].resource.mergeStrategy"));
        Assert.Equal("x", At(root, "spec.templates[3].resource.flags[1]"));
        Assert.Equal("a", At(root, "spec.templates[3].resource.successCondition"));
        Assert.Equal("b", At(root, "spec.templates[3].resource.failureCondition"));
        Assert.Equal("true", At(root, "spec.templates[3].resource.setOwnerReference"));
        Assert.Equal("manifest", At(root, "spec.templates[4].resource.manifestFrom.artifact.name"));
        Assert.Null(At(root, "spec.templates[4].resource.setOwnerReference"));
        Assert.Equal("POST", At(root, "spec.templates[5].http.method"));
        Assert.Equal("https://example.com", At(root, "spec.templates[5].http.url"));
        Assert.Equal("20", At(root, "spec.templates[5].http.timeoutSeconds"));
        Assert.Equal("{}", At(root, "spec.templates[5].http.body"));
        Assert.Equal("response.statusCode == 201", At(root, "spec.templates[5].http.successCondition"));
        Assert.Equal("a", At(root, "spec.templates[6].containerSet.containers[1].dependencies[0]"));
        Assert.Equal("/w", At(root, "spec.templates[6].containerSet.volumeMounts[0].mountPath"));
        Assert.Equal("approve", At(root, "spec.templates[0].steps[0][0].template"));
        Assert.Equal("yes", At(root, "spec.templates[0].steps[0][0].arguments.parameters[0].value"));
    }

    [Fact]
    public void Output_artifact_of_a_task_wires_from_and_the_dependency()
    {
        var root = Manifest("""
            public sealed record Trained
            {
                [OutputArtifact(Path = "/out/model")] public string Model { get; init; } = "";
            }
            [Workflow(Name = "w")]
            public partial class W
            {
                [Container("trainer")] public static partial Node<Trained> Train();
                [Container("server"), InputArtifact("model", Path = "/in/model")] public static partial Node Serve();
                [Dag, Entrypoint] public static void Main()
                {
                    var train = Train();
                    var serve = Serve().WithArtifact("model", train.Outputs.Model);
                    var pick = Serve().After(train).WithArtifactFromExpression("model", "tasks.train.status == 'Succeeded' ? tasks.train.outputs.artifacts.model : nil");
                }
            }
            """);
        Assert.Equal("model", At(root, "spec.templates[0].outputs.artifacts[0].name"));
        Assert.Equal("{{tasks.train.outputs.artifacts.model}}", At(root, "spec.templates[2].dag.tasks[1].arguments.artifacts[0].from"));
        Assert.Equal("train", At(root, "spec.templates[2].dag.tasks[1].depends"));
        Assert.Null(At(root, "spec.templates[2].dag.tasks[2].arguments.artifacts[0].from"));
        Assert.Equal("tasks.train.status == 'Succeeded' ? tasks.train.outputs.artifacts.model : nil", At(root, "spec.templates[2].dag.tasks[2].arguments.artifacts[0].fromExpression"));
        Assert.Equal("train", At(root, "spec.templates[2].dag.tasks[2].depends"));
    }

    [Fact]
    public void Limits_synchronization_memoize_daemon_and_hooks()
    {
        var root = Manifest("""
            [Workflow(Name = "w")]
            [Parallelism(4), ActiveDeadlineSeconds(3600)]
            [Mutex("global"), Mutex("shared", Namespace = "ops", Database = true)]
            [Semaphore("workflows", ConfigMap = "limits"), Semaphore("db-slots", Database = true)]
            [Hook("exit", nameof(Notify)), Hook("running", nameof(Notify), Expression = "workflow.status == \"Running\"")]
            public partial class W
            {
                [Dag, Entrypoint, Parallelism(2), Mutex("flow")]
                public static void Main() { var a = Work(); var s = Db(); }

                [Container("busybox"), Timeout("30s"), ActiveDeadlineSeconds(20), Memoize("{{inputs.parameters.x}}", "cache", MaxAge = "1h")]
                public static partial Node Work(string x = "1");

                [Container("postgres"), Daemon, Semaphore("db", ConfigMap = "limits")]
                public static partial Node Db();

                [Container("curl")] public static partial Node Notify();
            }
            """);
        Assert.Equal("4", At(root, "spec.parallelism"));
        Assert.Equal("3600", At(root, "spec.activeDeadlineSeconds"));
        Assert.Equal("global", At(root, "spec.synchronization.mutexes[0].name"));
        Assert.Null(At(root, "spec.synchronization.mutexes[0].database"));
        Assert.Equal("ops", At(root, "spec.synchronization.mutexes[1].namespace"));
        Assert.Equal("true", At(root, "spec.synchronization.mutexes[1].database"));
        Assert.Equal("limits", At(root, "spec.synchronization.semaphores[0].configMapKeyRef.name"));
        Assert.Equal("workflows", At(root, "spec.synchronization.semaphores[0].configMapKeyRef.key"));
        Assert.Equal("db-slots", At(root, "spec.synchronization.semaphores[1].database.key"));
        Assert.Equal("notify", At(root, "spec.hooks.exit.template"));
        Assert.Null(At(root, "spec.hooks.exit.expression"));
        Assert.Equal("workflow.status == \"Running\"", At(root, "spec.hooks.running.expression"));
        Assert.Equal("2", At(root, "spec.templates[0].parallelism"));
        Assert.Equal("flow", At(root, "spec.templates[0].synchronization.mutexes[0].name"));
        Assert.Equal("30s", At(root, "spec.templates[1].timeout"));
        Assert.Equal("20", At(root, "spec.templates[1].activeDeadlineSeconds"));
        Assert.Equal("{{inputs.parameters.x}}", At(root, "spec.templates[1].memoize.key"));
        Assert.Equal("cache", At(root, "spec.templates[1].memoize.cache.configMap.name"));
        Assert.Equal("1h", At(root, "spec.templates[1].memoize.maxAge"));
        Assert.Equal("true", At(root, "spec.templates[2].daemon"));
        Assert.Equal("db", At(root, "spec.templates[2].synchronization.semaphores[0].configMapKeyRef.key"));
    }

    [Fact]
    public void Step_and_task_hooks_and_continue_on()
    {
        var root = Manifest("""
            [Workflow(Name = "w")]
            public partial class W
            {
                [Steps, Entrypoint]
                public static void Main()
                {
                    var build = Build().Hook("running", nameof(Notify), "steps[\"build\"].status == \"Running\"").Hook("exit", nameof(Notify));
                    var test = Build().ContinueOn(failed: true);
                }

                [Dag]
                public static void Graph()
                {
                    var a = Build().ContinueOn(error: true).Named("a");
                    var b = Build().After(a).ContinueOn(true, true);
                }

                [Container("busybox")] public static partial Node Build();
                [Container("curl")] public static partial Node Notify();
            }
            """);
        Assert.Equal("notify", At(root, "spec.templates[0].steps[0][0].hooks.running.template"));
        Assert.Equal("steps[\"build\"].status == \"Running\"", At(root, "spec.templates[0].steps[0][0].hooks.running.expression"));
        Assert.Equal("notify", At(root, "spec.templates[0].steps[0][0].hooks.exit.template"));
        Assert.Null(At(root, "spec.templates[0].steps[0][0].hooks.exit.expression"));
        Assert.Equal("true", At(root, "spec.templates[0].steps[1][0].continueOn.failed"));
        Assert.Null(At(root, "spec.templates[0].steps[1][0].continueOn.error"));
        Assert.Equal("a", At(root, "spec.templates[1].dag.tasks[0].name"));
        Assert.Equal("true", At(root, "spec.templates[1].dag.tasks[0].continueOn.error"));
        Assert.Null(At(root, "spec.templates[1].dag.tasks[0].continueOn.failed"));
        Assert.Equal("true", At(root, "spec.templates[1].dag.tasks[1].continueOn.failed"));
        Assert.Equal("true", At(root, "spec.templates[1].dag.tasks[1].continueOn.error"));
        Assert.Equal("a", At(root, "spec.templates[1].dag.tasks[1].depends"));
    }

    [Fact]
    public void Fragments_of_a_cron_workflow_go_into_its_workflow_spec()
    {
        var root = Manifest("""
            [CronWorkflow("c", "0 * * * *")]
            [Parallelism(1), Patch("spec.workflowSpec.templates[name=main].container.workingDir", "\"/w\"")]
            public partial class C
            {
                [Container("busybox"), Entrypoint, Timeout("1m")] public static partial Node Main();
            }
            """);
        Assert.Equal("1", At(root, "spec.workflowSpec.parallelism"));
        Assert.Equal("1m", At(root, "spec.workflowSpec.templates[0].timeout"));
        Assert.Equal("/w", At(root, "spec.workflowSpec.templates[0].container.workingDir"));
    }

    [Fact]
    public void Fragment_entries_in_the_source_map_point_at_their_members()
    {
        var source = Header + ModelUsing + """
            [Workflow(Name = "w")]
            public partial class W
            {
                [Container("busybox"), Entrypoint] public static partial Node Main();
                [Spec] static WorkflowSpec Pod => new() { ServiceAccountName = "x" };
                [Spec(nameof(Main))] static Template Extra => new() { Timeout = "1m" };
            }
            """;
        var run = GeneratorHarness.Run(source).AssertClean();
        var map = Assert.Single(run.Manifests).SourceMap;
        Assert.Equal(PositionOf(source, "Pod =>"), Locate(map, "spec.serviceAccountName"));
        Assert.Equal(PositionOf(source, "Extra =>"), Locate(map, "spec.templates[0].timeout"));
        Assert.Equal(PositionOf(source, "Main();"), Locate(map, "spec.templates[0].container"));
    }

    /// <summary>The 1-based line and column of the first occurrence of <paramref name="text"/>.</summary>
    private static (int Line, int Column) PositionOf(string source, string text)
    {
        var index = source.IndexOf(text, StringComparison.Ordinal);
        var before = source.Substring(0, index);
        return (before.Count(c => c == '\n') + 1, index - before.LastIndexOf('\n'));
    }

    private static string ManifestJson(string source) => Assert.Single(GeneratorHarness.Run(Header + source).AssertClean().Manifests).Json;

    private static string? Json(YamlValue root, string path) =>
        YamlLocator.Find(root, FieldPath.Parse(path)) is YamlMapping { Entries.Count: 0 } ? "{}" : At(root, path);

    /// <summary>The line and column of the longest source-map entry whose path is a prefix of <paramref name="path"/>.</summary>
    private static (int Line, int Column) Locate(string sourceMap, string path)
    {
        var segments = FieldPath.Parse(path).Segments();
        var best = (Length: -1, Line: 0, Column: 0);
        using var document = JsonDocument.Parse(sourceMap);
        foreach (var entry in document.RootElement.EnumerateArray())
        {
            var entrySegments = FieldPath.Parse(entry[0].GetString()!).Segments();
            if (entrySegments.Count > best.Length && entrySegments.Count <= segments.Count && entrySegments.SequenceEqual(segments.Take(entrySegments.Count)))
            {
                best = (entrySegments.Count, entry[2].GetInt32(), entry[3].GetInt32());
            }
        }

        return (best.Line, best.Column);
    }
}
