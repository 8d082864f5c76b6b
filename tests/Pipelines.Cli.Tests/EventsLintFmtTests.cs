namespace Pipelines.Cli.Tests;

/// <summary><c>pipelines lint</c> and <c>fmt</c> take the Argo Events kinds and the RBAC kinds beside the Argo kinds.</summary>
public sealed class EventsLintFmtTests
{
    private const string EventSource =
        "apiVersion: argoproj.io/v1alpha1\nkind: EventSource\nmetadata:\n  name: kafka\nspec:\n  kafka:\n    orders:\n" +
        "      url: kafka:9092\n      topic: orders\n      consumerGroup:\n        groupName: orders\n      jsonBody: true\n";

    private const string Sensor =
        "apiVersion: argoproj.io/v1alpha1\nkind: Sensor\nmetadata:\n  name: orders\nspec:\n  dependencies:\n  - name: order\n" +
        "    eventSourceName: kafka\n    eventName: orders\n  triggers:\n  - template:\n      name: process\n      argoWorkflow:\n" +
        "        operation: submit\n        source:\n          resource:\n            apiVersion: argoproj.io/v1alpha1\n" +
        "            kind: Workflow\n            metadata:\n              generateName: process-\n            spec:\n" +
        "              workflowTemplateRef:\n                name: process\n";

    private const string Rbac =
        "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: sensor\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: Role\n" +
        "metadata:\n  name: sensor\nrules:\n- apiGroups:\n  - argoproj.io\n  resources:\n  - workflows\n  verbs:\n  - create\n";

    [Fact]
    public void Lint_checks_events_and_rbac_documents_and_counts_none_as_other_kinds()
    {
        using var dir = new TempDir();
        dir.Write("events.yaml", EventSource + "---\n" + Sensor + "---\n" + Rbac);

        var result = Cli.Run(dir.Path, "lint", "events.yaml");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(string.Empty, result.Stdout);
        Assert.Equal("1 file, 4 documents: 0 errors, 0 warnings\n", result.Stderr);
    }

    [Fact]
    public void Lint_reports_an_events_error_with_file_line_column_and_path()
    {
        using var dir = new TempDir();
        dir.Write("sensor.yaml", Sensor.Replace("        operation: submit\n", string.Empty, System.StringComparison.Ordinal));

        var result = Cli.Run(dir.Path, "lint", "sensor.yaml");

        Assert.True(result.ExitCode == 1, result.ToString());
        var line = Assert.Single(result.StdoutLines);
        Assert.StartsWith("sensor.yaml:13:7: error PIPE5405: template process is invalid, unknown operation type", line);
        Assert.EndsWith("[spec.triggers[0].template.argoWorkflow.operation]", line);
    }

    [Fact]
    public void Lint_warns_about_a_misplaced_key_and_strict_makes_it_an_error()
    {
        using var dir = new TempDir();
        dir.Write("sensor.yaml", Sensor.Replace("      name: process\n", "      name: process\n      atLeastOnce: true\n", System.StringComparison.Ordinal));

        var lenient = Cli.Run(dir.Path, "lint", "sensor.yaml");
        var strict = Cli.Run(dir.Path, "lint", "--strict", "sensor.yaml");

        Assert.True(lenient.ExitCode == 0, lenient.ToString());
        Assert.Contains("warning PIPE5001: unknown field 'atLeastOnce' in TriggerTemplate", lenient.Stdout, System.StringComparison.Ordinal);
        Assert.Equal(1, strict.ExitCode);
    }

    [Fact]
    public void Fmt_writes_events_and_rbac_kinds_in_canonical_order()
    {
        using var dir = new TempDir();
        dir.Write("rbac.yaml", Rbac);

        var result = Cli.Run(dir.Path, "fmt", "rbac.yaml");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(
            "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: sensor\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: Role\n" +
            "metadata:\n  name: sensor\nrules:\n- verbs:\n  - create\n  apiGroups:\n  - argoproj.io\n  resources:\n  - workflows\n",
            result.Stdout);
    }

    [Fact]
    public void Fmt_refuses_an_events_document_with_a_wrong_type()
    {
        using var dir = new TempDir();
        dir.Write("es.yaml", EventSource.Replace("      jsonBody: true\n", "      jsonBody: [yes]\n", System.StringComparison.Ordinal));

        var result = Cli.Run(dir.Path, "fmt", "es.yaml");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("es.yaml:12:17: error PIPE3003", result.Stderr, System.StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Stdout);
    }
}
