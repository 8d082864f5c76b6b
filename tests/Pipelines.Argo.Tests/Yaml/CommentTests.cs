using System.Collections.Generic;
using System.Linq;
using Pipelines.Argo.Yaml;

namespace Pipelines.Argo.Tests.Yaml;

/// <summary>
/// Comments survive formatting: attached to the node they precede or trail (document head, mapping keys, list items,
/// the end of a document) and written back in the same place relative to that node, even when the canonical writer
/// reorders the keys. The formatted text reads back to the same data and formats to itself.
/// </summary>
public sealed class CommentTests
{
    [Fact]
    public void Comments_follow_their_keys_when_fmt_reorders_the_fields()
    {
        const string input =
            "# head: what this workflow does\n" +
            "#   (indented text inside a comment is kept)\n" +
            "kind: Workflow # the kind\n" +
            "# before apiVersion\n" +
            "apiVersion: argoproj.io/v1alpha1\n" +
            "spec:\n" +
            "  # the templates\n" +
            "  templates:\n" +
            "  # the first template\n" +
            "  - name: main # its name\n" +
            "    container:\n" +
            "      args: [\"hello\", # first arg\n" +
            "        \"world\"]\n" +
            "      # the image, after the args in the source\n" +
            "      image: alpine:3.19\n" +
            "  entrypoint: main #no space after the hash\n" +
            "metadata:\n" +
            "  generateName: hello-\n" +
            "# the end\n";

        var formatted = Format(input);

        Assert.Equal(
            "# head: what this workflow does\n" +
            "#   (indented text inside a comment is kept)\n" +
            "# before apiVersion\n" +
            "apiVersion: argoproj.io/v1alpha1\n" +
            "kind: Workflow # the kind\n" +
            "metadata:\n" +
            "  generateName: hello-\n" +
            "spec:\n" +
            "  # the templates\n" +
            "  templates:\n" +
            "  # the first template\n" +
            "  - name: main # its name\n" +
            "    container:\n" +
            "      # the image, after the args in the source\n" +
            "      image: alpine:3.19\n" +
            "      args:\n" +
            "      - hello # first arg\n" +
            "      - world\n" +
            "  entrypoint: main #no space after the hash\n" +
            "# the end\n",
            formatted);
        AssertStable(input, formatted);
    }

    [Fact]
    public void Head_comment_stays_at_the_top_of_the_document()
    {
        // The head belongs to the document, not to the key that happens to come first in the source.
        var formatted = Format("# Generated: do not edit\nkind: Workflow\napiVersion: argoproj.io/v1alpha1\nmetadata: {name: x}\nspec: {entrypoint: a, templates: [{name: a, container: {image: alpine}}]}\n");

        Assert.StartsWith("# Generated: do not edit\napiVersion: argoproj.io/v1alpha1\nkind: Workflow\n", formatted);
    }

    [Fact]
    public void Comments_in_documents_of_other_kinds_keep_their_place()
    {
        const string input =
            "# a config map\n" +
            "apiVersion: v1\n" +
            "kind: ConfigMap\n" +
            "metadata:\n" +
            "  name: settings # the name\n" +
            "data:\n" +
            "  # first key\n" +
            "  b: '1'\n" +
            "  a: |  # a block\n" +
            "    line one\n" +
            "    line two\n" +
            "  list:\n" +
            "  - x   # item x\n" +
            "  # before y\n" +
            "  - y\n" +
            "  - k: v # in an item\n" +
            "    # second key of the item\n" +
            "    k2: v2\n" +
            "  # after the list, before c\n" +
            "  c: {} # empty\n";

        var formatted = Format(input);

        Assert.Equal(
            "# a config map\n" +
            "apiVersion: v1\n" +
            "kind: ConfigMap\n" +
            "metadata:\n" +
            "  name: settings # the name\n" +
            "data:\n" +
            "  # first key\n" +
            "  b: \"1\"\n" +
            "  a: | # a block\n" +
            "    line one\n" +
            "    line two\n" +
            "  list:\n" +
            "  - x # item x\n" +
            "  # before y\n" +
            "  - y\n" +
            "  - k: v # in an item\n" +
            "    # second key of the item\n" +
            "    k2: v2\n" +
            "  # after the list, before c\n" +
            "  c: {} # empty\n",
            formatted);
        AssertStable(input, formatted);
    }

    [Fact]
    public void Comments_between_and_after_documents_are_kept()
    {
        const string input =
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n# end of the first\n" +
            "--- # on the separator\n" +
            "# head of the second\n" +
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n" +
            "---\n# a document with only a comment\n";

        var formatted = Format(input);

        Assert.Equal(
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n# end of the first\n" +
            "---\n" +
            "# on the separator\n" +
            "# head of the second\n" +
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n" +
            "# a document with only a comment\n",
            formatted);
        AssertStable(input, formatted);
    }

    [Fact]
    public void Comment_before_the_first_key_of_a_list_item_goes_before_the_dash()
    {
        const string input = "apiVersion: v1\nkind: List\nitems:\n# about the first\n- name: a\n  # about b\n  b: 1\n-   # after a bare dash\n  name: c\n";

        var formatted = Format(input);

        Assert.Equal("apiVersion: v1\nkind: List\nitems:\n# about the first\n- name: a\n  # about b\n  b: 1\n# after a bare dash\n- name: c\n", formatted);
        AssertStable(input, formatted);
    }

    [Fact]
    public void Duplicated_key_keeps_the_comments_of_the_entry_it_replaces()
    {
        var formatted = Format("apiVersion: v1\nkind: ConfigMap\n# first a\na: 1 # one\na: 2\n");

        Assert.Equal("apiVersion: v1\nkind: ConfigMap\n# first a\na: 2 # one\n", formatted);
    }

    [Fact]
    public void Comments_on_merge_keys_and_aliases_are_written_once()
    {
        const string input = "apiVersion: v1\nkind: ConfigMap\nbase: &b\n  # in the anchor\n  x: 1\ndata:\n  # the merge\n  <<: *b\n  y: 2\nagain: *b\n";

        var formatted = Format(input);

        Assert.Equal(1, Occurrences(formatted, "# in the anchor"));
        Assert.Equal(1, Occurrences(formatted, "# the merge"));
        AssertStable(input, formatted);
    }

    [Fact]
    public void Written_comments_never_change_the_data_of_block_scalars()
    {
        const string input = "apiVersion: v1\nkind: ConfigMap\ndata:\n  keep: |+ # keep trailing lines\n    text\n\n  # after keep\n  strip: |- # strip\n    x\n# end\n";

        var formatted = Format(input);

        AssertStable(input, formatted);
        Assert.Contains("# keep trailing lines", formatted);
        Assert.Contains("# after keep", formatted);
        Assert.Contains("# end", formatted);
    }

    [Fact]
    public void Reader_attaches_comments_to_the_nodes_they_precede_and_trail()
    {
        var findings = new List<Finding>();
        var doc = Assert.Single(YamlDocumentReader.Parse("# head\na: 1 # after a\n# before b\nb:\n- x # after x\n# end\n", findings));
        Assert.Empty(findings);

        var root = Assert.IsType<YamlMapping>(doc.Root);
        Assert.Equal(new[] { " head" }, root.Comments!.Before);
        Assert.Equal(new[] { " end" }, root.Comments.End);
        Assert.Null(root.Entries[0].Key.Comments);
        Assert.Equal(" after a", root.Entries[0].Value.Comments!.After);
        Assert.Equal(new[] { " before b" }, root.Entries[1].Key.Comments!.Before);
        Assert.Equal(" after x", Assert.IsType<YamlSequence>(root.Entries[1].Value).Items[0].Comments!.After);
    }

    [Fact]
    public void A_file_without_comments_formats_as_before()
    {
        var formatted = Format("kind: ConfigMap\napiVersion: v1\ndata: {a: b}\n");

        Assert.Equal("kind: ConfigMap\napiVersion: v1\ndata:\n  a: b\n", formatted);
    }

    private static string Format(string input)
    {
        var file = ArgoYaml.ReadText(input);
        Assert.False(file.HasFileErrors, string.Join("\n", file.AllFindings));
        var formatted = ArgoYaml.Format(file);
        Assert.NotNull(formatted);
        return formatted!;
    }

    // The output reads back to the same data as the input, and formats to itself.
    private static void AssertStable(string input, string formatted)
    {
        var before = ArgoYaml.ReadText(input);
        var after = ArgoYaml.ReadText(formatted);
        Assert.False(after.HasFileErrors, string.Join("\n", after.AllFindings) + "\n" + formatted);
        Assert.Equal(before.Documents.Count, after.Documents.Count);
        for (var i = 0; i < before.Documents.Count; i++)
        {
            Assert.Equal(YamlData.Canonical(before.Documents[i].Root), YamlData.Canonical(after.Documents[i].Root));
        }

        Assert.Equal(formatted, ArgoYaml.Format(after));
    }

    private static int Occurrences(string text, string part) =>
        Enumerable.Range(0, text.Length - part.Length + 1).Count(i => string.CompareOrdinal(text, i, part, 0, part.Length) == 0);
}
