using System.Linq;
using Pipelines.Argo.Model;
using Pipelines.Argo.Validation;
using static Pipelines.Argo.Tests.Validation.Structure.StructureAssert;

namespace Pipelines.Argo.Tests.Validation.Structure;

public sealed class TemplateRuleTests
{
    private static string Wt(string templates) => "apiVersion: argoproj.io/v1alpha1\nkind: WorkflowTemplate\nmetadata: {name: wt}\nspec:\n  templates:\n" + templates;

    [Fact]
    public void Valid_templates_report_nothing()
    {
        var findings = Validate(Wt("""
                - name: c
                  timeout: 1h30m
                  activeDeadlineSeconds: 10
                  inputs:
                    artifacts:
                      - name: src
                        path: /src
                        git: {repo: "https://github.com/argoproj/argo-workflows.git"}
                  outputs:
                    parameters:
                      - name: o
                        valueFrom: {path: /tmp/o}
                    artifacts:
                      - name: a
                        path: /tmp/a
                  container:
                    image: alpine
                    resources: {limits: {cpu: 500m, memory: 1Gi}}
                - name: s
                  parallelism: 2
                  outputs:
                    parameters:
                      - name: o
                        valueFrom: {parameter: "{{steps.x.outputs.result}}"}
                  steps:
                    - - name: x
                        template: c
                - name: r
                  inputs:
                    artifacts: [{name: m, path: /tmp/m}]
                  outputs:
                    parameters:
                      - name: nm
                        valueFrom: {jsonPath: "{.metadata.name}"}
                  resource:
                    action: create
                    manifestFrom: {artifact: {name: m}}
                - name: r2
                  resource:
                    action: "{{inputs.parameters.action}}"
                    manifest: |
                      apiVersion: v1
                      kind: ConfigMap
                      metadata:
                        name: "{{=sprig.lower('X')}}"
                - name: set
                  inputs:
                    artifacts: [{name: a, path: /tmp/a}]
                  podResources:
                    limits: {cpu: "2", hugepages-2Mi: 1Gi}
                  resourceClaims:
                    - name: gpu
                      resourceClaimTemplateName: gpu
                  containerSet:
                    containers:
                      - name: main
                        image: alpine
                        dependencies: [b]
                      - name: b
                        image: alpine
            """));
        None(findings);
    }

    [Fact]
    public void Template_needs_exactly_one_type()
    {
        var findings = Validate(Wt("""
                - name: none
                  inputs: {parameters: [{name: p}]}
                - name: two
                  container: {image: alpine}
                  script: {image: alpine, source: echo}
            """));
        Has(findings, FindingCodes.TemplateTypeInvalid, "spec.templates[0]");
        Has(findings, FindingCodes.TemplateTypeInvalid, "spec.templates[1].script");
        Assert.Equal(2, findings.Count);
    }

    [Fact]
    public void Image_is_required_unless_template_defaults_supply_it()
    {
        // The reader already rejects a YAML container without image (PIPE3012); objects built in code reach this rule.
        static WorkflowTemplate Build(Template? defaults) => new()
        {
            ApiVersion = ArgoYaml.ApiVersion,
            Kind = "WorkflowTemplate",
            Metadata = new ObjectMeta { Name = "wt" },
            Spec = new WorkflowSpec
            {
                TemplateDefaults = defaults,
                Templates =
                [
                    new Template { Name = "c", Container = new Container { Command = ["echo"] } },
                    new Template { Name = "s", Script = new ScriptTemplate { Source = "echo" } },
                    new Template
                    {
                        Name = "g",
                        Inputs = new Inputs { Artifacts = [new Artifact { Name = "src", Path = "/src", Git = new GitArtifact() }] },
                        Container = new Container { Image = "alpine" },
                    },
                ],
            },
        };

        var findings = ArgoValidator.Validate(Build(null)).Where(IsStructural).ToList();
        Has(findings, FindingCodes.ImageMissing, "spec.templates[0].container");
        Has(findings, FindingCodes.ImageMissing, "spec.templates[1].script");
        Has(findings, FindingCodes.ArtifactLocationInvalid, "spec.templates[2].inputs.artifacts[0].git");
        Assert.Equal(3, findings.Count);

        var withDefaults = ArgoValidator.Validate(Build(new Template { Container = new Container { Image = "alpine" }, Script = new ScriptTemplate { Image = "python" } }))
            .Where(IsStructural).ToList();
        Single(withDefaults, FindingCodes.ArtifactLocationInvalid, "spec.templates[2].inputs.artifacts[0].git");
    }

    [Fact]
    public void Leaf_only_fields_parallelism_and_deadlines_are_checked()
    {
        var findings = Validate(Wt("""
                - name: d
                  timeout: 10s
                  activeDeadlineSeconds: 5
                  dag:
                    tasks: [{name: a, template: c}]
                - name: c
                  timeout: "30"
                  parallelism: 2
                  container: {image: alpine}
                - name: neg
                  activeDeadlineSeconds: -1
                  container: {image: alpine}
                - name: m
                  activeDeadlineSeconds: "abc"
                  container: {image: alpine}
            """));
        Has(findings, FindingCodes.LeafOnlyField, "spec.templates[0].timeout");
        Has(findings, FindingCodes.LeafOnlyField, "spec.templates[0].activeDeadlineSeconds");
        Has(findings, FindingCodes.TimeoutInvalid, "spec.templates[1].timeout");
        Has(findings, FindingCodes.ParallelismNotAllowed, "spec.templates[1].parallelism");
        Has(findings, FindingCodes.ActiveDeadlineInvalid, "spec.templates[2].activeDeadlineSeconds");
        Has(findings, FindingCodes.ActiveDeadlineInvalid, "spec.templates[3].activeDeadlineSeconds");
        Assert.Equal(6, findings.Count);
    }

    [Fact]
    public void Resource_templates_are_checked()
    {
        var findings = Validate(Wt("""
                - name: a
                  resource: {action: upsert, manifest: "kind: X"}
                - name: b
                  resource: {action: create}
                - name: c
                  resource:
                    action: apply
                    manifest: "kind: X"
                    manifestFrom: {artifact: {name: m}}
                - name: d
                  resource:
                    action: create
                    manifestFrom: {artifact: {name: nope}}
                - name: e
                  resource:
                    action: create
                    mergeStrategy: deep
                    manifest: "a: [b"
            """));
        Has(findings, FindingCodes.ResourceTemplateInvalid, "spec.templates[0].resource.action");
        Has(findings, FindingCodes.ResourceTemplateInvalid, "spec.templates[1].resource");
        Has(findings, FindingCodes.ResourceTemplateInvalid, "spec.templates[2].resource.manifestFrom");
        Has(findings, FindingCodes.ResourceTemplateInvalid, "spec.templates[2].resource.manifestFrom.artifact.name");
        Has(findings, FindingCodes.ResourceTemplateInvalid, "spec.templates[3].resource.manifestFrom.artifact.name");
        Has(findings, FindingCodes.EnumValueInvalid, "spec.templates[4].resource.mergeStrategy");
        Has(findings, FindingCodes.ResourceManifestNotYaml, "spec.templates[4].resource.manifest");
        Assert.Equal(7, findings.Count);
    }

    [Fact]
    public void ContainerSets_are_checked()
    {
        var findings = Validate(Wt("""
                - name: empty
                  containerSet: {containers: []}
                - name: deps
                  outputs:
                    parameters: [{name: o, valueFrom: {path: /tmp/o}}]
                  containerSet:
                    volumeMounts:
                      - {name: w, mountPath: /w}
                      - {name: w2, mountPath: /w}
                    containers:
                      - {name: a, image: alpine, dependencies: [b]}
                      - {name: b, image: alpine, dependencies: [a, c]}
                  volumes:
                    - {name: w, emptyDir: {}}
                    - {name: w2, emptyDir: {}}
            """));
        Has(findings, FindingCodes.ContainerSetInvalid, "spec.templates[0].containerSet.containers");
        Has(findings, FindingCodes.ContainerSetInvalid, "spec.templates[1].containerSet.containers[1].dependencies[1]");
        var cycle = Has(findings, FindingCodes.ContainerSetInvalid, "spec.templates[1].containerSet.containers");
        Has(findings, FindingCodes.VolumeMountDuplicate, "spec.templates[1].containerSet.volumeMounts[1].mountPath");
        Assert.Contains(findings, f => f.Message.Contains("dependency cycle detected: a->b->a", System.StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Message.Contains("named \"main\"", System.StringComparison.Ordinal));
        Assert.Equal(5, findings.Count);
        Assert.NotNull(cycle);
    }

    [Fact]
    public void Input_artifacts_and_locations_are_checked()
    {
        var findings = Validate(Wt("""
                - name: c
                  inputs:
                    artifacts:
                      - {name: nopath, s3: {key: k}}
                      - {name: from, path: /f, from: "{{steps.x.outputs.artifacts.y}}"}
                      - {name: h, path: /h, hdfs: {path: relative}}
                  container: {image: alpine}
                - name: s
                  inputs:
                    artifacts: [{name: a, path: /a}]
                  steps: [[{name: x, template: c2}]]
                - name: c2
                  container: {image: alpine}
            """));
        Has(findings, FindingCodes.InputArtifactInvalid, "spec.templates[0].inputs.artifacts[0]");
        Has(findings, FindingCodes.InputArtifactInvalid, "spec.templates[0].inputs.artifacts[1].from");
        Has(findings, FindingCodes.ArtifactLocationInvalid, "spec.templates[0].inputs.artifacts[2].hdfs");
        Has(findings, FindingCodes.ArtifactLocationInvalid, "spec.templates[0].inputs.artifacts[2].hdfs.path");
        Has(findings, FindingCodes.InputArtifactInvalid, "spec.templates[1].inputs.artifacts[0].path");
        // hdfs: missing addresses, relative path, no user.
        Assert.Equal(6, findings.Count);
    }

    [Fact]
    public void Output_parameters_and_artifacts_are_checked()
    {
        var findings = Validate(Wt("""
                - name: c
                  outputs:
                    parameters:
                      - name: none
                      - {name: both, value: x, valueFrom: {path: /p}}
                      - {name: many, valueFrom: {path: /p, jsonPath: "{.a}"}}
                      - {name: wrong, valueFrom: {parameter: x}}
                    artifacts:
                      - {name: nopath}
                  container: {image: alpine}
                - name: r
                  outputs:
                    parameters: [{name: p, valueFrom: {path: /p}}]
                  resource: {action: get}
                - name: d
                  outputs:
                    parameters: [{name: p, valueFrom: {path: /p}}]
                    artifacts: [{name: a, path: /a}]
                  dag:
                    tasks: [{name: t, template: c}]
            """));
        Has(findings, FindingCodes.OutputParameterInvalid, "spec.templates[0].outputs.parameters[0]");
        Has(findings, FindingCodes.OutputParameterInvalid, "spec.templates[0].outputs.parameters[1]");
        Has(findings, FindingCodes.OutputParameterInvalid, "spec.templates[0].outputs.parameters[2].valueFrom");
        Has(findings, FindingCodes.OutputParameterInvalid, "spec.templates[0].outputs.parameters[3].valueFrom");
        Has(findings, FindingCodes.OutputArtifactInvalid, "spec.templates[0].outputs.artifacts[0]");
        Has(findings, FindingCodes.OutputParameterInvalid, "spec.templates[1].outputs.parameters[0].valueFrom");
        Has(findings, FindingCodes.OutputParameterInvalid, "spec.templates[2].outputs.parameters[0].valueFrom");
        Has(findings, FindingCodes.OutputArtifactInvalid, "spec.templates[2].outputs.artifacts[0].path");
        Assert.Equal(8, findings.Count);
    }

    [Fact]
    public void Pod_resources_resource_claims_and_quantities_are_checked()
    {
        var findings = Validate(Wt("""
                - name: c
                  podResources:
                    limits: {nvidia.com/gpu: "1", cpu: lots}
                  container:
                    image: alpine
                    resources: {requests: {memory: 1GB}}
                - name: h
                  podResources: {limits: {cpu: "1"}}
                  http: {url: "https://example.com"}
                - name: s
                  resourceClaims: [{name: gpu, resourceClaimName: gpu}]
                  steps: [[{name: x, template: c}]]
            """));
        Has(findings, FindingCodes.PodResourcesInvalid, "spec.templates[0].podResources.limits.[nvidia.com/gpu]");
        Has(findings, FindingCodes.QuantityInvalid, "spec.templates[0].podResources.limits.cpu");
        Has(findings, FindingCodes.QuantityInvalid, "spec.templates[0].container.resources.requests.memory");
        Has(findings, FindingCodes.PodResourcesInvalid, "spec.templates[1].podResources");
        Has(findings, FindingCodes.ResourceClaimsNotAllowed, "spec.templates[2].resourceClaims");
        Assert.Equal(5, findings.Count);
    }

    [Fact]
    public void Template_metrics_are_checked()
    {
        var findings = Validate(Wt("""
                - name: c
                  metrics:
                    prometheus:
                      - name: m1
                        help: ""
                        counter: {value: "1"}
                      - name: m2
                        help: h
                        gauge: {realtime: true, value: "{{resourcesDuration.cpu}}", operation: Mul}
                  container: {image: alpine}
            """));
        Has(findings, FindingCodes.MetricInvalid, "spec.templates[0].metrics.prometheus[0].help");
        Has(findings, FindingCodes.MetricInvalid, "spec.templates[0].metrics.prometheus[1].gauge.value");
        Has(findings, FindingCodes.EnumValueInvalid, "spec.templates[0].metrics.prometheus[1].gauge.operation");
        Assert.Equal(3, findings.Count);
    }
}
