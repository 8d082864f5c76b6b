using static Pipelines.Argo.Tests.Validation.Structure.StructureAssert;

namespace Pipelines.Argo.Tests.Validation.Structure;

public sealed class NameRuleTests
{
    private const string Valid = """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata:
          generateName: hello-world-
        spec:
          entrypoint: Main-1
          arguments:
            parameters:
              - name: my_param-1
                value: x
          templates:
            - name: Main-1
              steps:
                - - name: step-{{item}}
                    template: leaf
                    withItems: [a, b]
                    arguments:
                      parameters:
                        - name: msg
                          value: "{{item}}"
            - name: leaf
              inputs:
                parameters:
                  - name: msg
              outputs:
                parameters:
                  - name: out
                    globalName: "{{inputs.parameters.msg}}-out"
                    valueFrom:
                      path: /tmp/out
              container:
                image: alpine
            - name: d
              dag:
                tasks:
                  - name: 5a
                    template: leaf
                    arguments:
                      parameters: [{name: msg, value: x}]
        """;

    [Fact]
    public void Valid_names_report_nothing() => None(Validate(Valid));

    [Fact]
    public void Workflow_name_longer_than_63_is_an_error()
    {
        var name = new string('a', 64);
        var findings = Validate($$"""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata:
              name: {{name}}
            spec:
              entrypoint: main
              templates:
                - name: main
                  container: {image: alpine}
            """);
        var f = Single(findings, FindingCodes.NameTooLong, "metadata.name");
        Assert.Contains("must not be more than 63 characters", f.Message, System.StringComparison.Ordinal);
        Assert.Equal(4, f.Line);
        Assert.Equal(3, f.Column);
    }

    [Fact]
    public void CronWorkflow_name_longer_than_52_is_an_error()
    {
        var name = new string('c', 53);
        var findings = Validate($$"""
            apiVersion: argoproj.io/v1alpha1
            kind: CronWorkflow
            metadata:
              name: {{name}}
            spec:
              schedules: ["0 * * * *"]
              workflowSpec:
                entrypoint: main
                templates:
                  - name: main
                    container: {image: alpine}
            """);
        Single(findings, FindingCodes.CronNameTooLong, "metadata.name");
    }

    [Theory]
    [InlineData("name: My_Workflow", "metadata.name")]
    [InlineData("name: -abc", "metadata.name")]
    [InlineData("generateName: Hello-", "metadata.generateName")]
    public void Object_names_must_be_dns_subdomains(string line, string path)
    {
        var findings = Validate($$"""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata:
              {{line}}
            spec:
              entrypoint: main
              templates:
                - name: main
                  container: {image: alpine}
            """);
        Single(findings, FindingCodes.ObjectNameInvalid, path);
    }

    [Fact]
    public void Template_step_and_task_names_are_checked()
    {
        var findings = Validate("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {name: w}
            spec:
              entrypoint: main
              templates:
                - name: main
                  steps:
                    - - name: a
                        template: leaf
                    - - name: a
                        template: leaf
                      - name: run_{{item}}
                        template: leaf
                - name: print_message
                  container: {image: alpine}
                - name: leaf
                  container: {image: alpine}
                - name: leaf
                  container: {image: alpine}
                - name: d
                  dag:
                    tasks:
                      - name: A
                        template: leaf
                      - name: A
                        template: leaf
                      - name: 1b
                        template: leaf
                        depends: A
            """);
        Has(findings, FindingCodes.NodeNameDuplicate, "spec.templates[0].steps[1][0].name");
        Has(findings, FindingCodes.NodeNameInvalid, "spec.templates[0].steps[1][1].name");
        Has(findings, FindingCodes.NodeNameInvalid, "spec.templates[1].name");
        Has(findings, FindingCodes.NodeNameDuplicate, "spec.templates[3].name");
        Has(findings, FindingCodes.NodeNameDuplicate, "spec.templates[4].dag.tasks[1].name");
        Has(findings, FindingCodes.TaskNameLeadingDigit, "spec.templates[4].dag.tasks[2].name");
        Assert.Equal(6, findings.Count);
    }

    [Fact]
    public void Template_name_longer_than_128_is_an_error()
    {
        var name = new string('t', 129);
        var findings = Validate($$"""
            apiVersion: argoproj.io/v1alpha1
            kind: WorkflowTemplate
            metadata: {name: wt}
            spec:
              templates:
                - name: {{name}}
                  container: {image: alpine}
            """);
        Single(findings, FindingCodes.NodeNameInvalid, "spec.templates[0].name");
    }

    [Fact]
    public void Parameter_artifact_and_global_names_are_checked()
    {
        var findings = Validate("""
            apiVersion: argoproj.io/v1alpha1
            kind: WorkflowTemplate
            metadata: {name: wt}
            spec:
              arguments:
                parameters:
                  - name: "my param"
                    value: x
                  - name: p
                    value: x
                  - name: p
                    value: y
              templates:
                - name: main
                  inputs:
                    artifacts:
                      - name: my.art
                        path: /tmp/a
                  outputs:
                    parameters:
                      - name: o
                        globalName: my.global
                        valueFrom: {path: /tmp/o}
                  container: {image: alpine}
            """);
        Has(findings, FindingCodes.ParameterNameInvalid, "spec.arguments.parameters[0].name");
        Has(findings, FindingCodes.ParameterNameDuplicate, "spec.arguments.parameters[2].name");
        Has(findings, FindingCodes.ParameterNameInvalid, "spec.templates[0].inputs.artifacts[0].name");
        Has(findings, FindingCodes.GlobalNameInvalid, "spec.templates[0].outputs.parameters[0].globalName");
        Assert.Equal(4, findings.Count);
    }

    [Fact]
    public void Container_names_and_reserved_names_are_checked()
    {
        var findings = Validate("""
            apiVersion: argoproj.io/v1alpha1
            kind: WorkflowTemplate
            metadata: {name: wt}
            spec:
              templates:
                - name: set
                  containerSet:
                    containers:
                      - name: a_b
                        image: alpine
                      - name: wait
                        image: alpine
                - name: c
                  sidecars:
                    - name: artifact-plugin-x
                      image: busybox
                  container: {image: alpine}
            """);
        Has(findings, FindingCodes.ContainerNameInvalid, "spec.templates[0].containerSet.containers[0].name");
        Has(findings, FindingCodes.ReservedContainerName, "spec.templates[0].containerSet.containers[1].name");
        Has(findings, FindingCodes.ReservedContainerName, "spec.templates[1].sidecars[0].name");
        Assert.Equal(3, findings.Count);
    }

    [Fact]
    public void Metric_names_and_label_keys_are_checked()
    {
        var findings = Validate("""
            apiVersion: argoproj.io/v1alpha1
            kind: WorkflowTemplate
            metadata: {name: wt}
            spec:
              templates:
                - name: main
                  metrics:
                    prometheus:
                      - name: invalid.metric.name
                        help: h
                        labels:
                          - key: invalid.key
                            value: v
                        counter: {value: "1"}
                      - name: good_name
                        help: h
                        labels: [{key: good_key, value: v}]
                        counter: {value: "1"}
                  container: {image: alpine}
            """);
        Has(findings, FindingCodes.MetricNameInvalid, "spec.templates[0].metrics.prometheus[0].name");
        Has(findings, FindingCodes.MetricNameInvalid, "spec.templates[0].metrics.prometheus[0].labels[0].key");
        Assert.Equal(2, findings.Count);
    }
}
