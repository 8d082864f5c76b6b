using System.Linq;
using Pipelines.Argo;
using Pipelines.Argo.Yaml;

namespace Pipelines.Generator.Tests;

/// <summary>The normalization of <see cref="ManifestComparer"/>: exactly what it tolerates, and that it catches the rest.</summary>
public sealed class ManifestComparerTests
{
    private const string Head = """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata:
          generateName: x-
          labels:
            team: a
          annotations:
            workflows.argoproj.io/description: |
              Some text.
        spec:
          entrypoint: main
          templates:

        """;

    private const string Main = """
          - name: main
            dag:
              tasks:
              - name: A
                template: echo
                arguments:
                  parameters: [{name: msg, value: 10}]
              - name: B
                template: echo
                depends: A

        """;

    private const string Echo = """
          - name: echo
            inputs:
              parameters:
              - name: msg
              - name: count
            container:
              image: busybox

        """;

    private const string Base = Head + Main + Echo;

    private static YamlValue Doc(string text)
    {
        var file = ArgoYaml.ReadText(text);
        Assert.Empty(file.AllFindings);
        return Assert.Single(file.Documents).Root;
    }

    private static string[] Diff(string expected, string actual) => ManifestComparer.Compare(Doc(expected), Doc(actual)).ToArray();

    [Fact]
    public void Identical_documents_have_no_differences() => Assert.Empty(Diff(Base, Base));

    [Fact]
    public void Templates_compare_as_a_set_keyed_by_name()
    {
        var reordered = Head + Echo + Main;
        Assert.NotEqual(Base, reordered);
        Assert.Empty(Diff(Base, reordered));
    }

    [Fact]
    public void Scalars_compare_by_text() => Assert.Empty(Diff(Base, Base.Replace("value: 10}", "value: \"10\"}")));

    [Fact]
    public void Trailing_white_space_of_multi_line_strings_is_ignored() =>
        Assert.Empty(Diff(Base, Base.Replace("workflows.argoproj.io/description: |\n      Some text.", "workflows.argoproj.io/description: Some text.")));

    [Fact]
    public void Leading_white_space_and_single_line_trailing_space_still_count()
    {
        Assert.Equal(["metadata.labels.team: expected \"a\" but got \"a \""], Diff(Base, Base.Replace("team: a", "team: \"a \"")));
    }

    [Fact]
    public void Test_harness_labels_and_annotations_are_ignored()
    {
        var withTestKeys = Base.Replace("team: a", "team: a\n    workflows.argoproj.io/no-test-reason: slow")
            .Replace("annotations:", "annotations:\n    workflows.argoproj.io/verify.py: |\n      assert True");
        Assert.Empty(Diff(withTestKeys, Base));
        Assert.Empty(Diff(Base, withTestKeys));
    }

    [Fact]
    public void Other_labels_are_compared() =>
        Assert.Equal(["metadata.labels.extra: unexpected (got \"1\")"], Diff(Base, Base.Replace("team: a", "team: a\n    extra: \"1\"")));

    [Fact]
    public void Task_order_matters() =>
        Assert.Equal(
            [
                "spec.templates[main].dag.tasks[0].name: expected \"A\" but got \"B\"",
                "spec.templates[main].dag.tasks[1].name: expected \"B\" but got \"A\"",
            ],
            Diff(Base, Base.Replace("- name: A", "- name: TMP").Replace("- name: B", "- name: A").Replace("- name: TMP", "- name: B")));

    [Fact]
    public void Parameter_order_matters() =>
        Assert.Equal(
            [
                "spec.templates[echo].inputs.parameters[0].name: expected \"msg\" but got \"count\"",
                "spec.templates[echo].inputs.parameters[1].name: expected \"count\" but got \"msg\"",
            ],
            Diff(Base, Base.Replace("- name: msg\n      - name: count", "- name: count\n      - name: msg")));

    [Fact]
    public void Missing_fields_and_templates_are_reported()
    {
        Assert.Equal(["spec.templates[main].dag.tasks[1].depends: missing (expected \"A\")"], Diff(Base, Base.Replace("\n        depends: A", string.Empty)));
        Assert.Equal(
            ["spec.templates[echo]: missing template", "spec.templates[echo2]: unexpected template"],
            Diff(Base, Base.Replace("- name: echo\n", "- name: echo2\n")));
    }

    [Fact]
    public void Kind_mismatch_and_list_length_are_reported()
    {
        var scalar = new YamlMapping();
        scalar.Add("image", new YamlScalar("busybox"));
        var list = new YamlMapping();
        list.Add("image", new YamlSequence([new YamlScalar("busybox")]));
        Assert.Equal(["image: expected \"busybox\" but got a list"], ManifestComparer.Compare(scalar, list));
        Assert.Equal(
            ["spec.templates[echo].inputs.parameters: expected 2 item(s) but got 1"],
            Diff(Base, Base.Replace("      - name: count\n", string.Empty)));
    }

    [Fact]
    public void AssertEquivalent_fails_with_the_paths()
    {
        var e = Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => ManifestComparer.AssertEquivalent(Doc(Base), Doc(Base.Replace("entrypoint: main", "entrypoint: echo")), "case"));
        Assert.Contains("case: 1 difference(s)", e.Message, System.StringComparison.Ordinal);
        Assert.Contains("spec.entrypoint: expected \"main\" but got \"echo\"", e.Message, System.StringComparison.Ordinal);
    }
}
