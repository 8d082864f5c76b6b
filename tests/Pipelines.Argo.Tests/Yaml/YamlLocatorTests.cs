using Pipelines.Argo.Yaml;

namespace Pipelines.Argo.Tests.Yaml;

/// <summary>Field paths find nodes and positions in a document.</summary>
public sealed class YamlLocatorTests
{
    private static readonly YamlValue Root = Assert.Single(ArgoYaml.ReadText("""
        spec:
          templates:
          - name: a
            steps:
            - - name: s
          - name: b
        """).Documents).Root;

    [Theory]
    [InlineData("spec.templates[1].name", "b")]
    [InlineData("spec.templates[0].steps[0][0].name", "s")]
    public void Find_returns_the_node_at_a_path(string path, string expected) =>
        Assert.Equal(expected, Assert.IsType<YamlScalar>(YamlLocator.Find(Root, FieldPath.Parse(path))).Value);

    [Theory]
    [InlineData("spec.templates[2]")]
    [InlineData("spec.nothing")]
    [InlineData("spec.templates.name")]
    public void Find_returns_null_for_a_path_that_does_not_exist(string path) =>
        Assert.Null(YamlLocator.Find(Root, FieldPath.Parse(path)));

    [Fact]
    public void Locate_falls_back_to_the_deepest_existing_node()
    {
        Assert.Equal((5, 9), YamlLocator.Locate(Root, FieldPath.Parse("spec.templates[0].steps[0][0].name")));
        Assert.Equal((3, 5), YamlLocator.Locate(Root, FieldPath.Parse("spec.templates[0].missing")));
    }
}
