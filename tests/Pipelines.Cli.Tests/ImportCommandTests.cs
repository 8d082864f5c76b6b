using System.IO;
using System.Linq;

namespace Pipelines.Cli.Tests;

/// <summary><c>pipelines import</c> through the command line: options, namespaces and the project it creates.</summary>
public sealed class ImportCommandTests
{
    private static string[] CsFiles(string dir) =>
        Directory.EnumerateFiles(dir, "*.cs", SearchOption.AllDirectories).Order(System.StringComparer.Ordinal).ToArray();

    [Fact]
    public void Yaml_comments_are_carried_over_unless_no_comments_is_given()
    {
        using var dir = new TempDir();
        dir.Write("hello.yaml", Manifests.Hello);

        var with = Cli.Run(dir.Path, "import", "hello.yaml", "-o", "with");
        var without = Cli.Run(dir.Path, "import", "hello.yaml", "-o", "without", "--no-comments");

        Assert.True(with.ExitCode == 0, with.ToString());
        Assert.True(without.ExitCode == 0, without.ToString());
        var withCode = File.ReadAllText(Assert.Single(CsFiles(Path.Combine(dir.Path, "with"))));
        var withoutCode = File.ReadAllText(Assert.Single(CsFiles(Path.Combine(dir.Path, "without"))));
        Assert.Contains("// says hello", withCode);
        Assert.DoesNotContain("says hello", withoutCode);

        // Apart from the comment (and the namespace taken from the folder), the two imports are the same code.
        var stripped = string.Join('\n', withCode.Split('\n').Where(l => !l.Contains("// says hello")));
        Assert.Equal(withoutCode.Replace("namespace without;", "namespace with;"), stripped);
    }

    [Fact]
    public void A_folder_named_after_a_keyword_gives_a_namespace_that_compiles()
    {
        using var dir = new TempDir();
        dir.Write("hello.yaml", Manifests.Hello);

        var result = Cli.Run(dir.Path, "import", "hello.yaml", "-o", "out");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(File.Exists(Path.Combine(dir.Path, "out", "out.csproj")), result.ToString());
        var code = File.ReadAllText(Assert.Single(CsFiles(Path.Combine(dir.Path, "out"))));
        Assert.Contains("namespace Out;", code);
        Assert.DoesNotContain("namespace out;", code);
    }

    [Theory]
    [InlineData("class")]
    [InlineData("Company.out")]
    [InlineData("1Pipelines")]
    [InlineData("Company..Pipelines")]
    public void A_namespace_that_is_not_valid_csharp_is_a_usage_error_and_nothing_is_written(string ns)
    {
        using var dir = new TempDir();
        dir.Write("hello.yaml", Manifests.Hello);

        var result = Cli.Run(dir.Path, "import", "hello.yaml", "-o", "src", "--namespace", ns);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains($"'{ns}' is not a C# namespace", result.Stderr);
        Assert.False(Directory.Exists(Path.Combine(dir.Path, "src")), result.ToString());
    }

    [Fact]
    public void Into_an_existing_project_only_the_csharp_files_are_added_in_its_root_namespace()
    {
        using var dir = new TempDir();
        dir.Write("hello.yaml", Manifests.Hello);
        const string project = "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup>\n    <RootNamespace>Company.Flows</RootNamespace>\n  </PropertyGroup>\n</Project>\n";
        dir.Write("app/App.csproj", project);

        var result = Cli.Run(dir.Path, "import", "hello.yaml", "-o", "app");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(project, dir.Read("app/App.csproj"));
        Assert.Single(Directory.EnumerateFiles(Path.Combine(dir.Path, "app"), "*.csproj"));
        Assert.Contains("namespace Company.Flows;", File.ReadAllText(Assert.Single(CsFiles(Path.Combine(dir.Path, "app")))));
    }
}
