using System.Linq;
using Pipelines.Argo.Yaml;

namespace Pipelines.Argo.Tests.Yaml;

/// <summary>Small helpers shared by the YAML reader and writer tests.</summary>
internal static class YamlTestHelpers
{
    /// <summary>A one-entry mapping <c>v: value</c>, the value a string scalar.</summary>
    public static YamlMapping StringEntry(string value)
    {
        var map = new YamlMapping();
        map.Entries.Add(new YamlEntry(new YamlScalar("v"), YamlScalar.String(value)));
        return map;
    }

    /// <summary>Parses text that must be valid YAML without findings, returning its single document.</summary>
    public static YamlValue ParseSingle(string text)
    {
        var findings = new System.Collections.Generic.List<Finding>();
        var documents = YamlDocumentReader.Parse(text, findings);
        Assert.True(findings.Count == 0, "unexpected findings reading:\n" + text + "\n" + string.Join("\n", findings));
        return Assert.Single(documents).Root;
    }

    /// <summary>Writes <c>v: value</c> and reads it back; returns the text and the scalar read.</summary>
    public static (string Text, YamlScalar Read) RoundTripValue(string value)
    {
        var text = YamlTextWriter.Write(StringEntry(value));
        var map = Assert.IsType<YamlMapping>(ParseSingle(text));
        var entry = Assert.Single(map.Entries);
        return (text, Assert.IsType<YamlScalar>(entry.Value));
    }

    /// <summary>Writes <c>key: x</c> and reads it back; returns the text and the key read.</summary>
    public static (string Text, string Key) RoundTripKey(string key)
    {
        var map = new YamlMapping();
        map.Entries.Add(new YamlEntry(YamlScalar.String(key), YamlScalar.String("x")));
        var text = YamlTextWriter.Write(map);
        var read = Assert.IsType<YamlMapping>(ParseSingle(text));
        return (text, read.Entries.Single().Key.Value);
    }
}
