using System;
using System.Collections.Generic;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using Pipelines.Argo.Yaml;

namespace Pipelines.Argo.Tests.Yaml;

/// <summary>Property: any string the writer is given reads back unchanged, as a value, as a list item and as a key.</summary>
public sealed class YamlWriterPropertyTests
{
    // Pieces that stress quoting: YAML indicators, type-looking words, white space and line breaks, non-ASCII text.
    private static readonly string[] Pieces =
    [
        "a", "Z", "word", "x y", "0", "10", "010", "0x1F", "1_000", "1.5", "1e3", ".inf", ".nan", "2001-12-14", "1:20",
        "yes", "no", "on", "off", "y", "n", "true", "null", "~", "=", "<<",
        "{", "}", "[", "]", ",", "*", "&", "!", "|", ">", "%", "@", "`", "'", "\"", "\\", "#", ":", "?", "-",
        "{{inputs.parameters.x}}", "- ", "? ", ": ", " #", "---", "...",
        " ", "  ", "\t", "\n", "\n\n", "\r", "\r\n",
        "\u0000", "\u0007", "\u001b", "\u007f", "\u0085", "\u00a0", "\u2028", "\u2029", "\ufeff",
        "é", "ß", "İ", "ı", "日本", "עברית", "\U0001F600", "\u0301",
    ];

    internal static Gen<string> StringGen => Strings;

    private static Gen<string> Strings { get; } =
        Gen.OneOf(
            Gen.Elements(Pieces),
            ArbMap.Default.GeneratorFor<char>().Where(c => !char.IsSurrogate(c)).Select(c => c.ToString()))
        .ListOf()
        .Select(parts => string.Concat(parts));

    private static Config Config { get; } = Config.QuickThrowOnFailure.WithMaxTest(2000).WithEndSize(30);

    [Fact]
    public void Any_string_value_survives_write_then_read()
    {
        Prop.ForAll(Strings.ToArbitrary(), value =>
        {
            var (text, read) = YamlTestHelpers.RoundTripValue(value);
            Assert.True(value == read.Value, $"wrote {Show(value)} as {Show(text)}, read back {Show(read.Value)}");
            Assert.Equal(YamlScalarType.String, read.Type);
        }).Check(Config);
    }

    [Fact]
    public void Any_string_key_survives_write_then_read()
    {
        Prop.ForAll(Strings.ToArbitrary(), key =>
        {
            var (text, read) = YamlTestHelpers.RoundTripKey(key);
            Assert.True(key == read, $"wrote key {Show(key)} as {Show(text)}, read back {Show(read)}");
        }).Check(Config);
    }

    [Fact]
    public void Any_strings_survive_as_list_items_and_nested_mappings()
    {
        Prop.ForAll(Strings.ListOf().ToArbitrary(), values =>
        {
            var list = new YamlSequence(values.Select(v => (YamlValue)YamlScalar.String(v)));
            var map = new YamlMapping();
            foreach (var v in values.Distinct(StringComparer.Ordinal))
            {
                map.Entries.Add(new YamlEntry(YamlScalar.String(v), YamlScalar.String(v)));
            }

            var root = new YamlMapping();
            root.Add("list", list);
            root.Add("map", map);
            var text = YamlTextWriter.Write(root);
            var read = Assert.IsType<YamlMapping>(YamlTestHelpers.ParseSingle(text));

            var readList = Assert.IsType<YamlSequence>(read.Get("list")).Items.Cast<YamlScalar>().Select(s => s.Value).ToList();
            Assert.Equal(values.ToList(), readList);
            var readMap = Assert.IsType<YamlMapping>(read.Get("map"));
            Assert.Equal(map.Entries.Select(e => e.Key.Value), readMap.Entries.Select(e => e.Key.Value));
            Assert.All(readMap.Entries, e => Assert.Equal(e.Key.Value, ((YamlScalar)e.Value).Value));
        }).Check(Config.WithMaxTest(500));
    }

    private static string Show(string s) => System.Text.Json.JsonSerializer.Serialize(s);
}
