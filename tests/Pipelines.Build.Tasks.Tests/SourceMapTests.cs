namespace Pipelines.Build.Tasks.Tests;

public sealed class SourceMapTests
{
    private static SourceMap Parse(string json)
    {
        var map = SourceMap.Parse(json, out var problem);
        Assert.Null(problem);
        return map;
    }

    [Fact]
    public void Longest_prefix_wins_segment_by_segment()
    {
        var map = Parse("""
            [["", "W.cs", 1, 1],
             ["spec.templates[0]", "W.cs", 5, 5],
             ["spec.templates[0].dag.tasks[1]", "W.cs", 9, 9],
             ["spec.templates[0].dag.tasks[10]", "W.cs", 20, 9],
             ["metadata.name", "W.cs", 3, 3]]
            """);

        Assert.Equal(new SourceLocation("W.cs", 9, 9), map.Locate("spec.templates[0].dag.tasks[1].depends"));
        Assert.Equal(new SourceLocation("W.cs", 20, 9), map.Locate("spec.templates[0].dag.tasks[10].depends"));
        Assert.Equal(new SourceLocation("W.cs", 5, 5), map.Locate("spec.templates[0].dag.tasks[2]"));
        Assert.Equal(new SourceLocation("W.cs", 3, 3), map.Locate("metadata.name"));
        // A field whose name starts like a mapped field is not inside it.
        Assert.Equal(new SourceLocation("W.cs", 1, 1), map.Locate("metadata.namespace"));
        Assert.Equal(new SourceLocation("W.cs", 1, 1), map.Locate(string.Empty));
    }

    [Fact]
    public void Field_names_are_not_list_indexes()
    {
        var map = Parse("""[["spec.templates[0]", "W.cs", 5, 5], ["metadata.labels[app.kubernetes.io/name]", "W.cs", 7, 7]]""");

        Assert.Null(map.Locate("spec.templates.0"));
        Assert.Equal(new SourceLocation("W.cs", 7, 7), map.Locate("metadata.labels[app.kubernetes.io/name]"));
    }

    [Fact]
    public void Without_a_root_entry_unmapped_paths_have_no_location()
    {
        var map = Parse("""[["spec.entrypoint", "W.cs", 4, 4]]""");

        Assert.Null(map.Locate("spec.templates[0]"));
        Assert.Equal(new SourceLocation("W.cs", 4, 4), map.Locate("spec.entrypoint"));
    }

    [Fact]
    public void Equal_paths_keep_the_first_entry()
    {
        var map = Parse("""[["spec", "A.cs", 1, 2], ["spec", "B.cs", 3, 4]]""");

        Assert.Equal(new SourceLocation("A.cs", 1, 2), map.Locate("spec.entrypoint"));
    }

    [Theory]
    [InlineData("{", "not valid JSON", 0)]
    [InlineData("{}", "not an array", 0)]
    [InlineData("""[["spec", "W.cs", 1]]""", "entry [0]", 0)]
    [InlineData("""[["", "W.cs", 1, 1], ["spec", "", 1, 1]]""", "entry [1]", 1)]
    [InlineData("""[["spec", "W.cs", 0, 1]]""", "entry [0]", 0)]
    [InlineData("""[["spec", "W.cs", "1", "1"]]""", "entry [0]", 0)]
    public void Unusable_maps_and_entries_are_described(string json, string expected, int usable)
    {
        var map = SourceMap.Parse(json, out var problem);

        Assert.NotNull(problem);
        Assert.Contains(expected, problem, System.StringComparison.Ordinal);
        Assert.Equal(usable, map.Count);
    }

    [Fact]
    public void Good_entries_survive_a_bad_one()
    {
        var map = SourceMap.Parse("""[["", "W.cs", 1, 1], 42, ["spec", "W.cs", 2, 2]]""", out var problem);

        Assert.Contains("entry [1]", problem!, System.StringComparison.Ordinal);
        Assert.Equal(2, map.Count);
        Assert.Equal(new SourceLocation("W.cs", 2, 2), map.Locate("spec.templates"));
    }
}
