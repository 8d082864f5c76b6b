using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Pipelines.Argo.Model;
using Pipelines.Argo.Yaml;
using static Pipelines.Argo.Tests.Yaml.YamlTestHelpers;

namespace Pipelines.Argo.Tests.Yaml;

/// <summary>The canonical writer: quoting, block scalars, layout, field order and culture independence.</summary>
public sealed class YamlWriterTests
{
    // Strings a YAML 1.1 reader (Go, PyYAML) or a YAML 1.2 core reader would read as another type when unquoted.
    [Theory]
    [InlineData("yes")]
    [InlineData("Yes")]
    [InlineData("YES")]
    [InlineData("no")]
    [InlineData("No")]
    [InlineData("on")]
    [InlineData("On")]
    [InlineData("off")]
    [InlineData("OFF")]
    [InlineData("y")]
    [InlineData("Y")]
    [InlineData("n")]
    [InlineData("N")]
    [InlineData("true")]
    [InlineData("True")]
    [InlineData("false")]
    [InlineData("FALSE")]
    [InlineData("null")]
    [InlineData("Null")]
    [InlineData("NULL")]
    [InlineData("~")]
    [InlineData("")]
    [InlineData("10")]
    [InlineData("-10")]
    [InlineData("+10")]
    [InlineData("0")]
    [InlineData("010")]
    [InlineData("0x1F")]
    [InlineData("0o17")]
    [InlineData("0b101")]
    [InlineData("1_000")]
    [InlineData("1.5")]
    [InlineData("-1.5")]
    [InlineData(".5")]
    [InlineData("1.")]
    [InlineData("1e3")]
    [InlineData("1E3")]
    [InlineData("1.0e+3")]
    [InlineData(".inf")]
    [InlineData("-.inf")]
    [InlineData("+.Inf")]
    [InlineData(".nan")]
    [InlineData(".NaN")]
    [InlineData("2001-12-14")]
    [InlineData("2001-12-14t21:59:43.10-05:00")]
    [InlineData("2001-12-14 21:59:43.10 -5")]
    [InlineData("1:20")]
    [InlineData("190:20:30")]
    [InlineData("1:20.5")]
    [InlineData("=")]
    [InlineData("<<")]
    public void Strings_that_another_type_could_be_read_from_are_double_quoted(string value)
    {
        var (text, read) = RoundTripValue(value);

        Assert.Equal("v: \"" + value + "\"\n", text);
        Assert.Equal(YamlScalarType.String, read.Type);
        Assert.Equal(value, read.Value);
    }

    [Theory]
    [InlineData("hello")]
    [InlineData("hello world")]
    [InlineData("argoproj/argosay:v2")]
    [InlineData("docker/whalesay:latest")]
    [InlineData("python:alpine3.6")]
    [InlineData("500m")]
    [InlineData("1Gi")]
    [InlineData("v1")]
    [InlineData("1.2.3")]
    [InlineData("10.0.0.1")]
    [InlineData("a-b_c.d")]
    [InlineData("x=1")]
    [InlineData("echo $HOME")]
    [InlineData("a#b")]
    [InlineData("a:b")]
    [InlineData("http://example.com/a?b=c")]
    [InlineData("yesterday")]
    [InlineData("nothing")]
    [InlineData("ontology")]
    [InlineData("Z")]
    [InlineData("back\\slash")]
    [InlineData("-x")]
    [InlineData("x-")]
    [InlineData("日本語")]
    [InlineData("naïve café")]
    public void Ordinary_strings_are_written_plain(string value)
    {
        var (text, read) = RoundTripValue(value);

        Assert.Equal("v: " + value + "\n", text);
        Assert.Equal(YamlScalarType.String, read.Type);
        Assert.Equal(value, read.Value);
    }

    // Strings that YAML syntax would misread when plain: each reads back as the same string, and is not written plain.
    [Theory]
    [InlineData("{{inputs.parameters.x}}")]
    [InlineData("{{workflow.name}}-{{pod.name}}")]
    [InlineData("{a: 1}")]
    [InlineData("[1, 2]")]
    [InlineData("*alias")]
    [InlineData("&anchor")]
    [InlineData("!tag")]
    [InlineData("|literal")]
    [InlineData(">folded")]
    [InlineData("%directive")]
    [InlineData("@at")]
    [InlineData("`tick`")]
    [InlineData("- item")]
    [InlineData("? key")]
    [InlineData(": colon")]
    [InlineData("#comment")]
    [InlineData("key: value")]
    [InlineData("text #comment")]
    [InlineData(" leading")]
    [InlineData("trailing ")]
    [InlineData("  both  ")]
    [InlineData("'single'")]
    [InlineData("\"double\"")]
    [InlineData("ends with colon:")]
    [InlineData(",comma")]
    [InlineData("---")]
    [InlineData("...")]
    [InlineData("-")]
    [InlineData("?")]
    [InlineData(":")]
    [InlineData("a\tb")]
    [InlineData("tab\tinside and\tagain")]
    public void Strings_with_YAML_syntax_read_back_unchanged(string value)
    {
        var (text, read) = RoundTripValue(value);

        Assert.NotEqual("v: " + value + "\n", text);
        Assert.Equal(YamlScalarType.String, read.Type);
        Assert.Equal(value, read.Value);
    }

    [Fact]
    public void Template_expressions_are_single_quoted_as_kubectl_writes_them()
    {
        var (text, _) = RoundTripValue("{{inputs.parameters.message}}");

        Assert.Equal("v: '{{inputs.parameters.message}}'\n", text);
    }

    [Theory]
    [InlineData("line1\nline2", "v: |-\n  line1\n  line2\n")]
    [InlineData("line1\nline2\n", "v: |\n  line1\n  line2\n")]
    [InlineData("line1\nline2\n\n", "v: |+\n  line1\n  line2\n\n")]
    [InlineData("a\n\nb\n", "v: |\n  a\n\n  b\n")]
    [InlineData("  indented\nnext\n", "v: |2\n    indented\n  next\n")]
    public void Multi_line_strings_are_literal_blocks_with_the_right_chomping(string value, string expected)
    {
        var (text, read) = RoundTripValue(value);

        Assert.Equal(expected, text);
        Assert.Equal(value, read.Value);
        Assert.Equal(YamlScalarStyle.Literal, read.Style);
    }

    [Theory]
    [InlineData("line1 \nline2\n")]
    [InlineData("a\tb\nc\n")]
    [InlineData("\nstarts with newline")]
    [InlineData("  ")]
    [InlineData("#!/bin/sh\nset -e\necho \"{{inputs.parameters.x}}\" # comment\n")]
    [InlineData("key: value\n- item\n")]
    public void Multi_line_strings_with_awkward_content_read_back_identically(string value)
    {
        var (_, read) = RoundTripValue(value);

        Assert.Equal(value, read.Value);
        Assert.Equal(YamlScalarType.String, read.Type);
    }

    [Theory]
    [InlineData("a\r\nb\n")]
    [InlineData("carriage\rreturn")]
    [InlineData("bell\u0007")]
    [InlineData("nul\u0000byte\nline")]
    [InlineData("escape\u001b[0m\n")]
    [InlineData("del\u007f")]
    [InlineData("nel\u0085next")]
    [InlineData("ls\u2028ps\u2029")]
    [InlineData("bom\ufeff")]
    [InlineData("nonchar\ufffe\uffff")]
    [InlineData("\n")]
    [InlineData("\n\n\n")]
    public void Strings_with_control_characters_or_only_line_breaks_fall_back_to_double_quotes(string value)
    {
        var (text, read) = RoundTripValue(value);

        Assert.StartsWith("v: \"", text, StringComparison.Ordinal);
        Assert.Equal(2, text.Split('\n').Length);
        Assert.All(text, c => Assert.True(c is '\n' or >= ' ' and < '\u007f', $"unescaped U+{(int)c:X4} in {text}"));
        Assert.Equal(value, read.Value);
        Assert.Equal(YamlScalarStyle.DoubleQuoted, read.Style);
    }

    // Found by the property test: each of these was written in a form that read back differently or not at all.
    [Theory]
    [InlineData("\tleading tab", "v: \"\tleading tab\"\n")]
    [InlineData("trailing tab\t", "v: \"trailing tab\t\"\n")]
    [InlineData("  \nfirst line only spaces", "v: \"  \\nfirst line only spaces\"\n")]
    [InlineData("\t\nfirst line a tab\n", "v: \"\t\\nfirst line a tab\\n\"\n")]
    public void White_space_that_plain_or_literal_style_would_lose_is_double_quoted(string value, string expected)
    {
        var (text, read) = RoundTripValue(value);

        Assert.Equal(expected, text);
        Assert.Equal(value, read.Value);
    }

    [Theory]
    [InlineData("a *b")]
    [InlineData("a\t*b")]
    [InlineData("\tkey")]
    public void Keys_that_the_reader_would_misparse_are_double_quoted(string key)
    {
        var (text, read) = RoundTripKey(key);

        Assert.Equal(key, read);
        Assert.StartsWith("\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Trailing_spaces_on_the_last_line_of_a_multi_line_string_survive()
    {
        var (_, read) = RoundTripValue("first\nlast   ");

        Assert.Equal("first\nlast   ", read.Value);
    }

    [Fact]
    public void Multi_line_mapping_keys_read_back_identically()
    {
        var (text, key) = RoundTripKey("two\nlines");

        Assert.Equal("two\nlines", key);
        Assert.Contains("\"two\\nlines\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Lone_surrogates_are_written_as_replacement_characters_instead_of_throwing()
    {
        var (text, read) = RoundTripValue("a\ud800b\udc00");

        Assert.Equal("a\ufffdb\ufffd", read.Value);
        Assert.Equal("v: a\ufffdb\ufffd\n", text);
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("10")]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("<<")]
    [InlineData("{{x}}")]
    [InlineData("a: b")]
    [InlineData("- a")]
    [InlineData("? q")]
    public void Mapping_keys_that_need_it_are_quoted_and_read_back(string key)
    {
        var (text, read) = RoundTripKey(key);

        Assert.Equal(key, read);
        Assert.True(text[0] is '"' or '\'', "key not quoted: " + text);
    }

    [Fact]
    public void Non_string_scalars_are_written_plain()
    {
        var map = new YamlMapping();
        map.Add("i", YamlScalar.PlainText("10"));
        map.Add("b", YamlScalar.PlainText("true"));
        map.Add("f", YamlScalar.PlainText("1.5"));
        map.Add("z", YamlScalar.Null());
        map.Add("s", YamlScalar.String("10"));

        Assert.Equal("i: 10\nb: true\nf: 1.5\nz: null\ns: \"10\"\n", YamlTextWriter.Write(map));
    }

    [Fact]
    public void Empty_list_and_map_are_written_in_flow_style()
    {
        var map = new YamlMapping();
        map.Add("list", new YamlSequence());
        map.Add("map", new YamlMapping());

        Assert.Equal("list: []\nmap: {}\n", YamlTextWriter.Write(map));
    }

    [Fact]
    public void Lists_sit_at_their_key_indent_and_nesting_uses_two_spaces()
    {
        var inner = new YamlMapping();
        inner.Add("name", YamlScalar.String("a"));
        inner.Add("args", new YamlSequence([YamlScalar.String("x"), YamlScalar.String("z")]));
        var spec = new YamlMapping();
        spec.Add("items", new YamlSequence([inner]));
        spec.Add("nested", new YamlSequence([new YamlSequence([YamlScalar.String("deep")])]));
        var root = new YamlMapping();
        root.Add("spec", spec);

        Assert.Equal(
            "spec:\n" +
            "  items:\n" +
            "  - name: a\n" +
            "    args:\n" +
            "    - x\n" +
            "    - z\n" +
            "  nested:\n" +
            "  - - deep\n",
            YamlTextWriter.Write(root));
    }

    [Fact]
    public void Output_has_LF_endings_and_exactly_one_trailing_newline()
    {
        var map = new YamlMapping();
        map.Add("script", YamlScalar.String("echo a\necho b\n"));
        map.Add("last", YamlScalar.String("x"));

        var text = YamlTextWriter.Write(map);

        Assert.DoesNotContain("\r", text, StringComparison.Ordinal);
        Assert.EndsWith("x\n", text, StringComparison.Ordinal);
        Assert.False(text.EndsWith("\n\n", StringComparison.Ordinal));
    }

    [Fact]
    public void Several_documents_are_separated_by_three_dashes()
    {
        var a = new YamlMapping();
        a.Add("a", YamlScalar.PlainText("1"));
        var b = new YamlMapping();
        b.Add("b", YamlScalar.PlainText("2"));
        var c = new YamlMapping();
        c.Add("c", YamlScalar.PlainText("3"));

        var text = YamlTextWriter.Write(new YamlValue[] { a, b, c });

        Assert.Equal("a: 1\n---\nb: 2\n---\nc: 3\n", text);
        var findings = new List<Finding>();
        Assert.Equal(3, YamlDocumentReader.Parse(text, findings).Count);
        Assert.Empty(findings);
    }

    [Fact]
    public void Very_long_strings_are_not_folded()
    {
        var words = string.Join(" ", Enumerable.Range(0, 200).Select(i => "word" + i.ToString(CultureInfo.InvariantCulture)));
        var (text, read) = RoundTripValue(words);

        Assert.Equal("v: " + words + "\n", text);
        Assert.Equal(words, read.Value);
        var quoted = words + ": x";
        var (quotedText, quotedRead) = RoundTripValue(quoted);
        Assert.Equal(2, quotedText.Split('\n').Length);
        Assert.Equal(quoted, quotedRead.Value);
    }

    [Fact]
    public void Workflow_fields_come_in_kind_order_then_Go_order()
    {
        var workflow = new Workflow
        {
            Spec = new WorkflowSpec
            {
                Templates =
                [
                    new Template
                    {
                        Container = new Container { Args = ["hello"], Command = ["echo"], Image = "busybox" },
                        Name = "main",
                        Inputs = new Inputs { Parameters = [new Parameter { Value = "10", Name = "p" }] },
                    },
                ],
                Entrypoint = "main",
            },
            Metadata = new ObjectMeta { GenerateName = "hello-", Labels = new OrderedMap<string> { ["b"] = "2", ["a"] = "1" } },
            Kind = "Workflow",
            ApiVersion = ArgoYaml.ApiVersion,
        };

        Assert.Equal(
            "apiVersion: argoproj.io/v1alpha1\n" +
            "kind: Workflow\n" +
            "metadata:\n" +
            "  generateName: hello-\n" +
            "  labels:\n" +
            "    b: \"2\"\n" +
            "    a: \"1\"\n" +
            "spec:\n" +
            "  templates:\n" +
            "  - name: main\n" +
            "    inputs:\n" +
            "      parameters:\n" +
            "      - name: p\n" +
            "        value: \"10\"\n" +
            "    container:\n" +
            "      image: busybox\n" +
            "      command:\n" +
            "      - echo\n" +
            "      args:\n" +
            "      - hello\n" +
            "  entrypoint: main\n",
            ArgoYaml.Write(workflow));
    }

    [Fact]
    public void Several_objects_are_written_as_several_documents()
    {
        var a = new Workflow { ApiVersion = ArgoYaml.ApiVersion, Kind = "Workflow", Metadata = new ObjectMeta { Name = "a" } };
        var b = new WorkflowTemplate { ApiVersion = ArgoYaml.ApiVersion, Kind = "WorkflowTemplate", Metadata = new ObjectMeta { Name = "b" } };

        Assert.Equal(
            "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata:\n  name: a\n---\napiVersion: argoproj.io/v1alpha1\nkind: WorkflowTemplate\nmetadata:\n  name: b\n",
            ArgoYaml.Write(new IArgoObject[] { a, b }));
    }

    [Fact]
    public void Output_is_byte_identical_under_any_culture()
    {
        var workflow = CultureSensitiveWorkflow();
        var expected = ArgoYaml.Write(workflow);
        Assert.Contains("activeDeadlineSeconds: -5", expected, StringComparison.Ordinal);
        Assert.Contains("value: -1.5", expected, StringComparison.Ordinal);
        Assert.Contains("limit: -3", expected, StringComparison.Ordinal);

        var minus = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        minus.NumberFormat.NegativeSign = "\u2212";
        minus.NumberFormat.NumberDecimalSeparator = ",";
        foreach (var culture in new[] { new CultureInfo("tr-TR"), new CultureInfo("de-DE"), new CultureInfo("ar-SA"), minus })
        {
            var text = WithCulture(culture, () => ArgoYaml.Write(CultureSensitiveWorkflow()));
            Assert.Equal(expected, text);
        }
    }

    private static Workflow CultureSensitiveWorkflow() => new()
    {
        ApiVersion = ArgoYaml.ApiVersion,
        Kind = "Workflow",
        Metadata = new ObjectMeta { Name = "istanbul-IIii" },
        Spec = new WorkflowSpec
        {
            ActiveDeadlineSeconds = -5,
            Parallelism = 1234567,
            Entrypoint = "INFO-title-ı",
            Arguments = new Arguments
            {
                Parameters =
                [
                    new Parameter { Name = "x", Value = AnyStringOf("-1.5") },
                    new Parameter { Name = "yes", Value = "yes" },
                ],
            },
            Templates =
            [
                new Template
                {
                    Name = "main",
                    RetryStrategy = new RetryStrategy { Limit = -3 },
                    Container = new Container
                    {
                        Image = "busybox",
                        Resources = new ResourceRequirements { Limits = new OrderedMap<Quantity> { ["cpu"] = "0.5", ["memory"] = Quantity.FromNumber(-1) } },
                    },
                },
            ],
        },
    };

    // A parameter value written as a plain number in YAML (AnyString keeps how it was written).
    private static AnyString AnyStringOf(string plainNumber)
    {
        var doc = ArgoYaml.ReadText(
            "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata:\n  name: x\nspec:\n  arguments:\n    parameters:\n    - name: x\n      value: " + plainNumber + "\n");
        return ((Workflow)doc.Documents[0].Object!).Spec!.Arguments!.Parameters![0].Value!;
    }

    private static T WithCulture<T>(CultureInfo culture, Func<T> action)
    {
        var (culture0, ui0) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = culture;
            return action();
        }
        finally
        {
            CultureInfo.CurrentCulture = culture0;
            CultureInfo.CurrentUICulture = ui0;
        }
    }
}
