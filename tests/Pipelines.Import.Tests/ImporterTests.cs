using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using Pipelines.Argo;

namespace Pipelines.Import.Tests;

public sealed class ImporterTests
{
    private const string Steps = """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata:
          generateName: steps-
          labels:
            team: data
        spec:
          entrypoint: hello-hello-hello
          templates:
          - name: hello-hello-hello
            steps:
            - - name: hello1
                template: print-message
                arguments:
                  parameters:
                  - name: message
                    value: "hello1"
          - name: print-message
            inputs:
              parameters:
              - name: message
              - name: times
                default: 3
                description: how often
            container:
              image: busybox
              command: [echo]
              args: ["{{inputs.parameters.message}}"]
              resources:
                limits:
                  cpu: 100m
        """;

    [Fact]
    public void Container_template_becomes_a_typed_method_and_the_manifest_round_trips()
    {
        var result = RoundTrip.AssertRoundTrip(Steps);
        var code = Assert.Single(result.Files).Content;
        Assert.Contains("[Workflow(GenerateName = \"steps-\")]", code, StringComparison.Ordinal);
        Assert.Contains("[Label(\"team\", \"data\")]", code, StringComparison.Ordinal);
        Assert.Contains("[Container(\"busybox\", Command = [\"echo\"], Args = [\"{{inputs.parameters.message}}\"])]", code, StringComparison.Ordinal);
        Assert.Contains("public static partial Node PrintMessage(string message, string times = \"3\");", code, StringComparison.Ordinal);
        // What the attribute cannot hold is a [Spec] over the model, merged into the same template.
        Assert.Contains("[Spec(nameof(PrintMessage))]", code, StringComparison.Ordinal);
        Assert.Contains("Limits = new() { [\"cpu\"] = \"100m\" }", code, StringComparison.Ordinal);
        Assert.Equal("Steps.cs", result.Files[0].FileName);
        Assert.Equal(0, result.Files[0].PatchCount);
    }

    [Fact]
    public void A_lint_warning_of_the_source_yaml_becomes_a_SuppressLint_on_that_class_only()
    {
        // The step passes 'seconds', which the template does not declare: `pipelines lint` reports PIPE1307 on it.
        const string Yaml = """
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata:
              name: extra-argument
            spec:
              entrypoint: main
              templates:
              - name: main
                steps:
                - - name: sleep
                    template: nap
                    arguments:
                      parameters:
                      - name: seconds
                        value: "3"
              - name: nap
                container:
                  image: busybox
            ---
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata:
              name: clean
            spec:
              entrypoint: nap
              templates:
              - name: nap
                container:
                  image: busybox
            """;
        var file = ArgoYaml.ReadText(Yaml, "input.yaml");

        var result = Importer.Import([file], new ImportOptions("Imported"));

        Assert.Contains(file.Documents[0].Findings, f => f.Code == "PIPE1307");
        Assert.DoesNotContain(file.Documents[1].Findings, f => f.Code == "PIPE1307");

        var extra = Assert.Single(result.Files, f => f.ClassName == "ExtraArgument").Content;
        Assert.Contains("[SuppressLint(\"PIPE1307\", Justification = \"`pipelines lint` reports PIPE1307 on the imported YAML too", extra, StringComparison.Ordinal);
        Assert.Single(extra.Split('\n'), l => l.StartsWith("[SuppressLint(", StringComparison.Ordinal));
        Assert.DoesNotContain("SuppressLint", Assert.Single(result.Files, f => f.ClassName == "Clean").Content, StringComparison.Ordinal);
        RoundTrip.AssertManifests([file], result);
    }

    [Fact]
    public void Entrypoint_with_inputs_keeps_the_workflow_arguments_as_written()
    {
        const string Yaml = """
            apiVersion: argoproj.io/v1alpha1
            kind: WorkflowTemplate
            metadata:
              name: greet
            spec:
              entrypoint: say
              arguments:
                parameters:
                - name: who
                  value: world
              templates:
              - name: say
                inputs:
                  parameters:
                  - name: who
                    default: nobody
                container:
                  image: alpine
                  args: ["hello {{inputs.parameters.who}}"]
            """;
        var code = Assert.Single(RoundTrip.AssertRoundTrip(Yaml).Files).Content;
        Assert.Contains("[Entrypoint(Arguments = false)]", code, StringComparison.Ordinal);
        Assert.Contains("[WorkflowTemplate(\"greet\")]", code, StringComparison.Ordinal);
    }

    [Fact]
    public void Multi_line_script_is_a_raw_string_literal()
    {
        const string Yaml = """
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata:
              name: script
            spec:
              entrypoint: gen
              templates:
              - name: gen
                script:
                  image: python:alpine3.23
                  command: [python]
                  source: |
                    import random
                    print("a \"quoted\" \\ text")

                    print(random.randint(1, 100))
            """;
        var code = Assert.Single(RoundTrip.AssertRoundTrip(Yaml).Files).Content;
        Assert.Contains("Source = \"\"\"\n", code, StringComparison.Ordinal);
        Assert.Contains("        print(\"a \\\"quoted\\\" \\\\ text\")\n\n        print(random", code, StringComparison.Ordinal);
    }

    [Fact]
    public void Free_form_loop_items_are_plain_csharp_values()
    {
        const string Yaml = """
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata:
              generateName: loops-maps-
            spec:
              entrypoint: loop
              templates:
              - name: loop
                steps:
                - - name: test
                    template: cat
                    arguments:
                      parameters:
                      - {name: image, value: "{{item.image}}"}
                    withItems:
                    - {image: debian, tag: "9.1", latest: false, n: 3}
                    - 7
                    - [a, b]
              - name: cat
                inputs:
                  parameters:
                  - name: image
                container:
                  image: "{{inputs.parameters.image}}"
            """;
        var code = Assert.Single(RoundTrip.AssertRoundTrip(Yaml).Files).Content;
        Assert.Contains("new YamlMapping", code, StringComparison.Ordinal);
        Assert.Contains("{ \"tag\", \"9.1\" },", code, StringComparison.Ordinal);
        Assert.Contains("{ \"latest\", false },", code, StringComparison.Ordinal);
        Assert.Contains("{ \"n\", 3 },", code, StringComparison.Ordinal);
        Assert.Contains("new YamlSequence { \"a\", \"b\" }", code, StringComparison.Ordinal);
        Assert.Contains("using Pipelines.Argo.Yaml;", code, StringComparison.Ordinal);
    }

    [Fact]
    public void Cron_workflow_settings_go_to_the_attribute()
    {
        const string Yaml = """
            apiVersion: argoproj.io/v1alpha1
            kind: CronWorkflow
            metadata:
              name: nightly
            spec:
              schedules: ["0 1 * * *", "0 13 * * *"]
              timezone: Europe/Paris
              concurrencyPolicy: Forbid
              startingDeadlineSeconds: 0
              suspend: false
              workflowSpec:
                entrypoint: main
                templates:
                - name: main
                  container:
                    image: busybox
            """;
        var code = Assert.Single(RoundTrip.AssertRoundTrip(Yaml).Files).Content;
        Assert.Contains("[CronWorkflow(\"nightly\", \"0 1 * * *\", \"0 13 * * *\", Timezone = \"Europe/Paris\", ConcurrencyPolicy = \"Forbid\")]", code, StringComparison.Ordinal);
        Assert.Contains("private static CronWorkflowSpec Schedule => new() { Suspend = false, StartingDeadlineSeconds = 0 };", code, StringComparison.Ordinal);
    }

    [Fact]
    public void Class_names_are_unique_and_do_not_depend_on_file_names_or_order()
    {
        const string A = "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata:\n  generateName: hello-\nspec:\n  entrypoint: a\n  templates:\n  - name: a\n    container:\n      image: alpine\n";
        const string B = "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata:\n  generateName: hello-\nspec:\n  entrypoint: b\n  templates:\n  - name: b\n    container:\n      image: busybox\n";
        var one = Importer.Import([ArgoYaml.ReadText(A, "x/a.yaml"), ArgoYaml.ReadText(B, "x/b.yaml")], new ImportOptions("N"));
        var two = Importer.Import([ArgoYaml.ReadText(B, "other.yaml"), ArgoYaml.ReadText(A, "z.yaml")], new ImportOptions("N"));
        Assert.Equal(["Hello.cs", "Hello2.cs"], one.Files.Select(f => f.FileName));
        Assert.Equal(one.Files.Select(f => f.Content), two.Files.Select(f => f.Content));
        RoundTrip.AssertManifests([ArgoYaml.ReadText(A, "x/a.yaml"), ArgoYaml.ReadText(B, "x/b.yaml")], one);
    }

    [Fact]
    public void Broken_document_is_reported_with_line_and_path_and_the_others_are_imported()
    {
        const string Yaml = """
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata:
              name: good
            spec:
              entrypoint: main
              templates:
              - name: main
                container:
                  image: busybox
            ---
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata:
              name: broken
            spec:
              entrypoint: main
              templates:
              - name: main
                container:
                  image: busybox
                  imagePullPolicyy: Always
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: settings
            """;
        var result = Importer.Import([ArgoYaml.ReadText(Yaml, "mixed.yaml")], new ImportOptions("N"));
        Assert.Equal("Good.cs", Assert.Single(result.Files).FileName);
        var unknown = Assert.Single(result.Findings, f => f.Finding.Code == "PIPE3002");
        Assert.Equal(("mixed.yaml", 22, 7, "spec.templates[0].container.imagePullPolicyy"), (unknown.File, unknown.Finding.Line, unknown.Finding.Column, unknown.Finding.Path));
        var skipped = Assert.Single(result.Findings, f => f.Finding.Code == ImportCodes.NotImported.Code);
        Assert.Equal(11, skipped.Finding.Line); // the document starts at its "---"
        var other = Assert.Single(result.Findings, f => f.Finding.Code == ImportCodes.OtherKind.Code);
        Assert.Equal(Severity.Warning, other.Finding.Severity);
        Assert.True(result.HasErrors);
    }

    [Fact]
    public void Output_is_the_same_in_every_culture()
    {
        var invariant = Importer.Import([ArgoYaml.ReadText(Steps, "s.yaml")], new ImportOptions("N")).Files.Single().Content;
        var previous = CultureInfo.CurrentCulture;
        try
        {
            // fi-FI writes a minus sign as U+2212 and uses a comma for decimals.
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("fi-FI");
            Assert.Equal(invariant, Importer.Import([ArgoYaml.ReadText(Steps, "s.yaml")], new ImportOptions("N")).Files.Single().Content);
        }
        finally
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = previous;
        }
    }

    [Fact]
    public void Every_import_code_is_documented_in_docs_import_md()
    {
        var page = File.ReadAllText(Path.Combine(Corpus.RepoRoot, "docs", "import.md"));
        foreach (var code in ImportCodes.All)
        {
            Assert.Contains("| " + code.Code + " |", page, StringComparison.Ordinal);
            Assert.StartsWith("PIPE70", code.Code, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void String_literals_escape_what_csharp_needs()
    {
        Assert.Equal("\"a\\\"b\\\\c\\n\\t\\u0001\"", CSharpLiteral.Quoted("a\"b\\c\n\t\u0001"));
        // A raw literal holds the text exactly, quotes included (more delimiters than the longest run of quotes).
        var raw = CSharpLiteral.String("say \"\"\"hi\"\"\"\nbye\n", 1);
        Assert.StartsWith("\"\"\"\"\n", raw, StringComparison.Ordinal);
        Assert.EndsWith("\n\n    \"\"\"\"", raw, StringComparison.Ordinal);
    }
}
