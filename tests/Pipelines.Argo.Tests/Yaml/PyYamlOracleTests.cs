using System;
using System.IO;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using Newtonsoft.Json.Linq;
using Pipelines.Argo.Yaml;

namespace Pipelines.Argo.Tests.Yaml;

/// <summary>
/// The writer's output read by a YAML 1.1 reader (PyYAML, which reads like Go's parser behind Argo): quoting must hold
/// there too, not only in our own reader.
/// </summary>
public sealed class PyYamlOracleTests
{
    [PyYamlFact]
    public void Formatted_corpus_reads_in_PyYAML_to_the_same_data_as_the_original()
    {
        Corpus.Require();
        var dir = Path.Combine(Path.GetTempPath(), "pipelines-pyyaml-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var list = new System.Text.StringBuilder();
            var i = 0;
            foreach (var name in Corpus.ExampleFiles())
            {
                var original = Path.Combine(Corpus.ExamplesDirectory, name);
                var formatted = ArgoYaml.Format(ArgoYaml.ReadFile(original));
                Assert.NotNull(formatted);
                var target = Path.Combine(dir, (i++).ToString(System.Globalization.CultureInfo.InvariantCulture) + ".yaml");
                File.WriteAllText(target, formatted);
                list.Append(original).Append('\t').Append(target).Append('\n');
            }

            var pairs = Path.Combine(dir, "pairs.txt");
            File.WriteAllText(pairs, list.ToString());
            const string script =
                "import sys,yaml\n" +
                "bad=[]\n" +
                "for line in open(sys.argv[1], encoding='utf-8'):\n" +
                "    a,b=line.rstrip('\\n').split('\\t')\n" +
                "    x=[d for d in yaml.safe_load_all(open(a, encoding='utf-8')) if d is not None]\n" +
                "    y=[d for d in yaml.safe_load_all(open(b, encoding='utf-8')) if d is not None]\n" +
                "    if x!=y: bad.append(a)\n" +
                "print(len(bad)); print('\\n'.join(bad))\n";
            var output = PyYaml.RunScript(script, pairs);

            Assert.Equal("0", output.Split('\n')[0].Trim());
            Assert.Equal(217, i);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [PyYamlFact]
    public void Random_strings_written_by_us_read_back_unchanged_in_PyYAML()
    {
        // One document holding many generated strings, as list items and as keys, checked by one python3 run.
        var strings = YamlWriterPropertyTests.StringGen.Sample(30, 3000).Distinct(StringComparer.Ordinal).ToArray();
        var map = new YamlMapping();
        map.Add("list", new YamlSequence(strings.Select(s => (YamlValue)YamlScalar.String(s))));
        var keys = new YamlMapping();
        foreach (var s in strings)
        {
            keys.Entries.Add(new YamlEntry(YamlScalar.String(s), YamlScalar.PlainText("1")));
        }

        map.Add("keys", keys);
        var path = Path.Combine(Path.GetTempPath(), "pipelines-pyyaml-" + Guid.NewGuid().ToString("N") + ".yaml");
        try
        {
            File.WriteAllText(path, YamlTextWriter.Write(map));
            var json = JObject.Parse(PyYaml.RunScript("import json,sys,yaml\nd=yaml.safe_load(open(sys.argv[1], encoding='utf-8'))\nprint(json.dumps({'list': d['list'], 'keys': list(d['keys'])}))", path));

            var list = json["list"]!.Select(t => t.Type == JTokenType.String ? (string)t! : "<" + t.Type + ":" + t + ">").ToArray();
            var mismatches = strings.Zip(list).Where(p => p.First != p.Second).Select(p => $"{Show(p.First)} read as {Show(p.Second)}").ToList();
            Assert.True(mismatches.Count == 0, string.Join("\n", mismatches.Take(20)));
            Assert.Equal(strings, json["keys"]!.Select(t => (string)t!).ToArray());
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string Show(string s) => System.Text.Json.JsonSerializer.Serialize(s);
}
