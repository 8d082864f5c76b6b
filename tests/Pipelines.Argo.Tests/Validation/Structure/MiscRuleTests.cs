using static Pipelines.Argo.Tests.Validation.Structure.StructureAssert;

namespace Pipelines.Argo.Tests.Validation.Structure;

public sealed class MiscRuleTests
{
    private static string Cron(string spec) => """
        apiVersion: argoproj.io/v1alpha1
        kind: CronWorkflow
        metadata: {name: nightly}
        spec:

        """ + spec + """

          workflowSpec:
            entrypoint: main
            templates:
              - name: main
                container: {image: alpine}
        """;

    [Fact]
    public void Valid_cron_workflow_reports_nothing()
    {
        None(Validate(Cron("""
              schedules: ["*/5 * * * *", "0 9 * JAN-MAR MON-FRI", "@daily", "@every 1h30m", "0 0 ? * SUN"]
              timezone: America/New_York
              concurrencyPolicy: Forbid
              startingDeadlineSeconds: 0
            """)));
    }

    [Fact]
    public void Cron_fields_are_checked()
    {
        var findings = Validate(Cron("""
              schedules: ["*/5 * * *", "61 * * * *", "@every 1.5h", "TZ=UTC 0 * * * *", "@sometimes"]
              timezone: Mars/Olympus
              concurrencyPolicy: Sometimes
              startingDeadlineSeconds: -10
            """));
        var four = Has(findings, FindingCodes.CronScheduleInvalid, "spec.schedules[0]");
        Assert.Contains("expected exactly 5 fields", four.Message, System.StringComparison.Ordinal);
        var minute = Has(findings, FindingCodes.CronScheduleInvalid, "spec.schedules[1]");
        Assert.Contains("end of range (61) above maximum (59)", minute.Message, System.StringComparison.Ordinal);
        // cron.ParseStandard accepts these two; only the CRD's pattern rejects them, so they are warnings.
        Has(findings, FindingCodes.CronScheduleInvalid, "spec.schedules[2]", Severity.Warning);
        Has(findings, FindingCodes.CronScheduleInvalid, "spec.schedules[3]", Severity.Warning);
        Has(findings, FindingCodes.CronScheduleInvalid, "spec.schedules[4]");
        Has(findings, FindingCodes.CronTimezoneInvalid, "spec.timezone");
        Has(findings, FindingCodes.CronConcurrencyPolicyInvalid, "spec.concurrencyPolicy");
        Has(findings, FindingCodes.CronStartingDeadlineInvalid, "spec.startingDeadlineSeconds");
        Assert.Equal(8, findings.Count);
    }

    [Fact]
    public void Cron_needs_a_schedule()
    {
        Single(Validate(Cron("  schedules: []")), FindingCodes.CronScheduleMissing, "spec.schedules");
    }

    [Fact]
    public void Retry_policy_and_hook_expressions_are_checked()
    {
        var findings = Validate("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {name: w}
            spec:
              entrypoint: main
              retryStrategy: {retryPolicy: Never}
              hooks:
                running: {template: leaf}
                exit: {template: leaf}
              templates:
                - name: main
                  retryStrategy: {retryPolicy: Sometimes, limit: "abc"}
                  steps:
                    - - name: s
                        template: leaf
                        hooks:
                          succeeded: {template: leaf}
                - name: d
                  dag:
                    tasks:
                      - name: t
                        template: leaf
                        hooks:
                          running: {template: leaf}
                - name: leaf
                  retryStrategy: {retryPolicy: OnTransientError, limit: 3}
                  container: {image: alpine}
            """);
        // Argo checks the retryPolicy of templates only (validateTemplateHolder); spec.retryStrategy meets the CRD enum.
        Has(findings, FindingCodes.RetryPolicyInvalid, "spec.retryStrategy.retryPolicy", Severity.Warning);
        var policy = Has(findings, FindingCodes.RetryPolicyInvalid, "spec.templates[0].retryStrategy.retryPolicy");
        Assert.Contains("Sometimes is not a valid RetryPolicy", policy.Message, System.StringComparison.Ordinal);
        Has(findings, FindingCodes.HookExpressionMissing, "spec.hooks.running");
        Has(findings, FindingCodes.HookExpressionMissing, "spec.templates[0].steps[0][0].hooks.succeeded");
        Assert.Equal(4, findings.Count);
    }

    [Fact]
    public void Volume_mounts_are_checked()
    {
        var findings = Validate("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {name: w}
            spec:
              entrypoint: main
              volumes:
                - {name: src, emptyDir: {}}
              volumeClaimTemplates:
                - metadata: {name: workdir}
                  spec:
                    accessModes: [ReadWriteOnce]
                    resources: {requests: {storage: 1Gi}}
              templates:
                - name: main
                  inputs:
                    artifacts:
                      - {name: code, path: /src, raw: {data: x}}
                  container:
                    image: alpine
                    volumeMounts:
                      - {name: src, mountPath: /src}
                      - {name: workdir, mountPath: /src}
                      - {name: own, mountPath: /own}
                      - {name: typo, mountPath: /typo}
                  volumes:
                    - {name: own, emptyDir: {}}
            """);
        Has(findings, FindingCodes.VolumeMountDuplicate, "spec.templates[0].container.volumeMounts[1].mountPath");
        Has(findings, FindingCodes.VolumeMountDuplicate, "spec.templates[0].inputs.artifacts[0].path");
        Has(findings, FindingCodes.VolumeMountUnknown, "spec.templates[0].container.volumeMounts[3].name", Severity.Warning);
        Assert.Equal(3, findings.Count);
    }

    [Fact]
    public void PodGC_and_executor_plugins_are_checked()
    {
        var findings = Validate("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {name: w}
            spec:
              entrypoint: main
              podGC:
                strategy: Foo
                labelSelector:
                  matchLabels: {"bad key!": x}
                  matchExpressions:
                    - {key: app, operator: Maybe}
                    - {key: tier, operator: In}
              executorPlugins:
                - metadata: {}
                  spec:
                    sidecar:
                      container: {name: p, image: plugin}
              templates:
                - name: main
                  container: {image: alpine}
            """);
        Has(findings, FindingCodes.PodGCInvalid, "spec.podGC.strategy");
        Has(findings, FindingCodes.PodGCInvalid, "spec.podGC.labelSelector.matchLabels.bad key!");
        Has(findings, FindingCodes.PodGCInvalid, "spec.podGC.labelSelector.matchExpressions[0].operator");
        Has(findings, FindingCodes.PodGCInvalid, "spec.podGC.labelSelector.matchExpressions[1].values");
        Has(findings, FindingCodes.ExecutorPluginInvalid, "spec.executorPlugins[0].metadata");
        Has(findings, FindingCodes.ExecutorPluginInvalid, "spec.executorPlugins[0].spec.sidecar.container");
        Assert.Equal(6, findings.Count);

        None(Validate("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {name: w}
            spec:
              entrypoint: main
              podGC:
                strategy: OnPodSuccess
                deleteDelayDuration: 30s
                labelSelector:
                  matchLabels: {example.com/should-be-deleted: "true"}
                  matchExpressions: [{key: tier, operator: Exists}]
              templates:
                - name: main
                  container: {image: alpine}
            """));
    }

    [Fact]
    public void Crd_ranges_sizes_and_enums_are_checked()
    {
        var findings = Validate("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {name: w}
            spec:
              entrypoint: main
              parallelism: 0
              artifactGC: {strategy: Sometimes}
              templates:
                - name: main
                  archiveLocation:
                    s3: {key: k, addressingStyle: sideways}
                    gcs: {key: k}
                  outputs:
                    artifacts:
                      - name: a
                        path: /a
                        mode: 1000
                        s3: {key: k}
                        raw: {data: x}
                  container: {image: alpine}
                - name: empty
                  steps: []
            """);
        Has(findings, FindingCodes.NumberOutOfRange, "spec.parallelism");
        Has(findings, FindingCodes.EnumValueInvalid, "spec.artifactGC.strategy");
        Has(findings, FindingCodes.ArtifactLocationConflict, "spec.templates[0].archiveLocation");
        Has(findings, FindingCodes.EnumValueInvalid, "spec.templates[0].archiveLocation.s3.addressingStyle");
        Has(findings, FindingCodes.NumberOutOfRange, "spec.templates[0].outputs.artifacts[0].mode");
        Has(findings, FindingCodes.ArtifactLocationConflict, "spec.templates[0].outputs.artifacts[0]");
        Has(findings, FindingCodes.ListSizeInvalid, "spec.templates[1].steps");
        Assert.Equal(7, findings.Count);
    }
}
