using System.Globalization;
using System.IO;
using System.Linq;

namespace Pipelines.Argo.Tests.Yaml;

/// <summary>Reading and formatting the whole corpus gives byte-identical output whatever the current culture is.</summary>
public sealed class CorpusCultureTests
{
    [CorpusFact]
    public void Formatting_the_corpus_does_not_depend_on_the_current_culture()
    {
        Corpus.Require();
        var expected = FormatAll();
        Assert.Equal(217, expected.Length);

        var minus = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        minus.NumberFormat.NegativeSign = "\u2212";
        minus.NumberFormat.PositiveSign = "\u2795";
        minus.NumberFormat.NumberDecimalSeparator = "\u066b";
        foreach (var culture in new[] { new CultureInfo("tr-TR"), new CultureInfo("de-DE"), new CultureInfo("ar-SA"), minus })
        {
            var (culture0, ui0) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
            string?[] actual;
            try
            {
                CultureInfo.CurrentCulture = culture;
                CultureInfo.CurrentUICulture = culture;
                actual = FormatAll();
            }
            finally
            {
                CultureInfo.CurrentCulture = culture0;
                CultureInfo.CurrentUICulture = ui0;
            }

            for (var i = 0; i < expected.Length; i++)
            {
                Assert.True(expected[i] == actual[i], $"file {i} formats differently under {culture.Name}");
            }
        }
    }

    private static string?[] FormatAll() =>
        Corpus.ExampleFiles()
            .Select(f => ArgoYaml.ReadFile(Path.Combine(Corpus.ExamplesDirectory, f)))
            .Select(f => ArgoYaml.Format(f) + "\n" + string.Join("\n", f.AllFindings))
            .ToArray();
}
