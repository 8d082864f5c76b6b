extern alias analyzers;

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using PipelinesAnalyzer = analyzers::Pipelines.Analyzers.PipelinesAnalyzer;

namespace Pipelines.Generator.Tests;

/// <summary>
/// Every <c>```cs</c> block of README.md and docs/*.md compiles the way a user's project would compile it: as an
/// executable (like <c>dotnet new console</c>, with its implicit usings) with both generators, and then the analyzers,
/// with no error. Blocks whose info string says <c>fragment</c> (<c>```cs fragment</c>) are excerpts and are skipped.
/// </summary>
/// <remarks>
/// <para>A block with <c>using</c> directives is a whole file and compiles as written. A block without them is an
/// excerpt of a file that has <c>using Pipelines;</c> and <c>using Pipelines.Argo.Model;</c>. A block of class members
/// (templates, <c>[Spec]</c> properties, records) is compiled inside a <c>[WorkflowTemplate]</c> class of its own, its record,
/// enum and class declarations beside it.</para>
/// <para>Two blocks in one project must not clash: each block is its own compilation, so names may repeat across
/// blocks, as they do across the pages.</para>
/// </remarks>
public sealed class DocsSnippetTests
{
    private const string ExcerptUsings = "using Pipelines;\nusing Pipelines.Argo.Model;\n";

    // The implicit usings of a console project (Microsoft.NET.Sdk, ImplicitUsings=enable).
    private const string ImplicitUsings = """
        global using global::System;
        global using global::System.Collections.Generic;
        global using global::System.IO;
        global using global::System.Linq;
        global using global::System.Net.Http;
        global using global::System.Threading;
        global using global::System.Threading.Tasks;
        """;

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    {
        var tpa = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        return tpa.Where(p => Path.GetFileName(p) is var n && (n.StartsWith("System.", StringComparison.Ordinal) || n is "netstandard.dll" or "mscorlib.dll"))
            .Append(typeof(WorkflowAttribute).Assembly.Location)
            .Append(typeof(Pipelines.Argo.Model.WorkflowSpec).Assembly.Location)
            .Append(typeof(Pipelines.Runtime.PipelineHost).Assembly.Location)
            .Distinct(StringComparer.Ordinal)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();
    });

    public static IEnumerable<object[]> Blocks() =>
        DocFiles().SelectMany(file => CodeBlocks(file).Where(b => !b.Fragment).Select(b => new object[] { file, b.Line }));

    [Fact]
    public void The_pages_have_blocks_to_check_and_every_skipped_block_is_marked()
    {
        var all = DocFiles().SelectMany(CodeBlocks).ToList();
        Assert.True(all.Count(b => !b.Fragment) >= 15, "expected at least 15 complete C# blocks in README.md and docs/*.md");
        Assert.Contains("README.md", DocFiles());
    }

    [Theory]
    [MemberData(nameof(Blocks))]
    public async Task The_block_compiles_with_the_generators_and_analyzers_without_errors(string file, int line)
    {
        var block = CodeBlocks(file).Single(b => b.Line == line);
        var source = Source(block.Code);
        var trees = new[]
        {
            CSharpSyntaxTree.ParseText(ImplicitUsings, GeneratorHarness.ParseOptions, path: GeneratorHarness.ProjectDir + "GlobalUsings.g.cs"),
            CSharpSyntaxTree.ParseText(source, GeneratorHarness.ParseOptions, path: GeneratorHarness.ProjectDir + "Snippet.cs"),
        };
        var compilation = CSharpCompilation.Create(
            "DocsSnippet",
            trees,
            References.Value,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        var driver = CSharpGeneratorDriver.Create(
            [new PipelinesGenerator().AsSourceGenerator(), new PipelinesStepsGenerator().AsSourceGenerator()],
            parseOptions: GeneratorHarness.ParseOptions,
            optionsProvider: GeneratorHarness.OptionsProvider(GeneratorHarness.ProjectDir));
        driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);

        var where = $"{file}:{line}";
        var errors = generatorDiagnostics.Concat(output.GetDiagnostics()).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, $"{where} does not compile:\n{string.Join("\n", errors)}\n--- compiled as ---\n{source}");

        var analyzed = await output.WithAnalyzers([new PipelinesAnalyzer()]).GetAnalyzerDiagnosticsAsync();
        var findings = analyzed.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(findings.Count == 0, $"{where}: the analyzers report errors:\n{string.Join("\n", findings)}\n--- compiled as ---\n{source}");
    }

    [Fact]
    public void A_block_of_members_is_compiled_inside_a_workflow_class_with_its_types_beside_it()
    {
        var source = Source("""
            public sealed record R([property: OutputParameter] int N);

            [Container("busybox")]
            public static partial Node<R> Make();
            """);
        var root = CSharpSyntaxTree.ParseText(source, GeneratorHarness.ParseOptions).GetCompilationUnitRoot();
        Assert.Empty(root.GetDiagnostics());
        Assert.Contains(root.Members, m => m is RecordDeclarationSyntax { Identifier.ValueText: "R" });
        var wrapper = Assert.Single(root.Members.OfType<ClassDeclarationSyntax>());
        Assert.Contains(wrapper.Members, m => m is MethodDeclarationSyntax { Identifier.ValueText: "Make" });
        Assert.StartsWith(ExcerptUsings, source, StringComparison.Ordinal);

        // A whole file (usings of its own) is left as written.
        const string whole = "using Pipelines;\n\n[Workflow(Name = \"w\")]\npublic partial class W { }\n";
        Assert.Equal(whole, Source(whole));
    }

    [Fact]
    public void Fragments_are_recognized_by_the_info_string()
    {
        var blocks = Parse("text\n```cs fragment\nvar x = ...;\n```\n\n```cs\nclass A { }\n```\n```csharp\nclass B { }\n```\n```sh\nls\n```\n");
        Assert.Equal([true, false, false], blocks.Select(b => b.Fragment));
        Assert.Equal([2, 6, 9], blocks.Select(b => b.Line));
        Assert.Equal("class A { }", blocks[1].Code);
    }

    /// <summary>README.md and docs/*.md, relative to the repository root.</summary>
    private static IEnumerable<string> DocFiles() =>
        new[] { "README.md" }.Concat(Directory.GetFiles(Path.Combine(Corpus.RepoRoot, "docs"), "*.md")
            .Select(p => "docs/" + Path.GetFileName(p)).OrderBy(p => p, StringComparer.Ordinal));

    private static IReadOnlyList<CodeBlock> CodeBlocks(string file) =>
        Parse(File.ReadAllText(Path.Combine(Corpus.RepoRoot, file)));

    internal static IReadOnlyList<CodeBlock> Parse(string markdown)
    {
        var lines = markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var blocks = new List<CodeBlock>();
        for (var i = 0; i < lines.Length; i++)
        {
            var open = Regex.Match(lines[i], @"^```(\S*)\s*(.*)$");
            if (!open.Success)
            {
                continue;
            }

            var end = i + 1;
            while (end < lines.Length && !lines[end].StartsWith("```", StringComparison.Ordinal))
            {
                end++;
            }

            if (open.Groups[1].Value is "cs" or "csharp" or "c#")
            {
                var fragment = open.Groups[2].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains("fragment", StringComparer.Ordinal);
                blocks.Add(new CodeBlock(i + 1, string.Join("\n", lines.Skip(i + 1).Take(end - i - 1)), fragment));
            }

            i = end;
        }

        return blocks;
    }

    /// <summary>The file a block stands for (see the remarks on the class).</summary>
    internal static string Source(string code)
    {
        var unit = CSharpSyntaxTree.ParseText(code, GeneratorHarness.ParseOptions).GetCompilationUnitRoot();
        if (unit.Usings.Count > 0)
        {
            return code;
        }

        // Types, namespaces and top-level statements make a file; a method, property or field at the top is a member.
        var isFile = !unit.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error)
            && unit.Members.All(m => m is BaseTypeDeclarationSyntax or BaseNamespaceDeclarationSyntax or DelegateDeclarationSyntax
                || m is GlobalStatementSyntax { Statement: not LocalFunctionStatementSyntax });
        if (isFile)
        {
            return ExcerptUsings + code;
        }

        // Class members: they go into a workflow class; type declarations among them stay at the top level.
        var members = CSharpSyntaxTree.ParseText("partial class __Members\n{\n" + code + "\n}\n", GeneratorHarness.ParseOptions)
            .GetCompilationUnitRoot().Members.OfType<ClassDeclarationSyntax>().Single().Members;
        var types = members.OfType<BaseTypeDeclarationSyntax>().Select(t => t.ToFullString().Trim());
        var rest = members.Where(m => m is not BaseTypeDeclarationSyntax).Select(m => m.ToFullString().TrimEnd());
        return ExcerptUsings + "\n" + string.Join("\n\n", types) + "\n\n[WorkflowTemplate(\"docs-snippet\")]\npublic partial class DocsSnippet\n{\n"
            + string.Join("\n\n", rest) + "\n}\n";
    }

    internal sealed record CodeBlock(int Line, string Code, bool Fragment);
}
