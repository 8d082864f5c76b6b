using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Pipelines.Generator.Tests;

/// <summary>
/// The generator parses a workflow class again only when its dependency key changes (PipelinesGenerator.Dependencies.cs).
/// Each case here edits a file other than the workflow class's own, in a way that changes what the class's manifest is;
/// the run from the warm driver must then give exactly what a fresh driver gives on the edited compilation, and the
/// class must have been parsed again. If the key missed the dependency, the warm run would keep the old manifest.
/// </summary>
public sealed class DependencyKeyTests
{
    private const string Header = "using Pipelines;\nnamespace App;\n";

    private const string Caller = Header + """
        [Workflow(Name = "w")]
        public partial class W
        {
            [Dag, Entrypoint] public static void Main() { Lib.PrintMessage("a"); }
        }
        """;

    private const string Lib = Header + """
        [WorkflowTemplate("lib")]
        public partial class Lib
        {
            [Container("busybox"), Name("print")] public static partial Node PrintMessage(string message);
        }
        """;

    private static readonly string RenamedLib = Lib.Replace("\"lib\"", "\"lib-2\"", StringComparison.Ordinal);

    /// <summary>Name, files before, the edited file, its new text.</summary>
    public static TheoryData<string, (string File, string Text)[], string, string> Cases() => new()
    {
        {
            "a template of another class changes (templateRef)",
            [("W.cs", Caller), ("Lib.cs", Lib)], "Lib.cs", RenamedLib
        },
        {
            "the class reaches the other class through a local alias",
            [("W.cs", Caller.Replace("namespace App;\n", "namespace App;\nusing L = App.Lib;\n", StringComparison.Ordinal).Replace("Lib.PrintMessage", "L.PrintMessage", StringComparison.Ordinal)), ("Lib.cs", Lib)], "Lib.cs", RenamedLib
        },
        {
            "the class names the other class with a unicode escape (the text scan falls back to tokens)",
            [("W.cs", Caller.Replace("Lib.PrintMessage", "L\\u0069b.PrintMessage", StringComparison.Ordinal)), ("Lib.cs", Lib)], "Lib.cs", RenamedLib
        },
        {
            "the other class has a non-ASCII name (the text scan falls back to tokens)",
            [("W.cs", Caller.Replace("Lib.", "Bibliothèque.", StringComparison.Ordinal)), ("Lib.cs", Lib.Replace("class Lib", "class Bibliothèque", StringComparison.Ordinal))],
            "Lib.cs", RenamedLib.Replace("class Lib", "class Bibliothèque", StringComparison.Ordinal)
        },
        {
            "an enum of another file gains a member",
            [
                ("W.cs", Header + """
                    [Workflow(Name = "w")]
                    public partial class W
                    {
                        [Container("busybox")] public static partial Node Run(Level level);
                        [Dag, Entrypoint] public static void Main() { Run(Level.Low); }
                    }
                    """),
                ("Level.cs", "namespace App;\npublic enum Level { Low, High }\n"),
            ],
            "Level.cs", "namespace App;\npublic enum Level { Low, Medium, High }\n"
        },
        {
            "the outputs record of another file gains an output",
            [
                ("W.cs", Header + """
                    [Workflow(Name = "w")]
                    public partial class W
                    {
                        [Container("busybox")] public static partial Node<Measured> Measure(string path);
                        [Dag, Entrypoint] public static void Main() { Measure("p"); }
                    }
                    """),
                ("Measured.cs", Header + "public sealed record Measured([property: OutputParameter(Path = \"/tmp/size\")] int Size);\n"),
            ],
            "Measured.cs", Header + "public sealed record Measured([property: OutputParameter(Path = \"/tmp/size\")] int Size, [property: OutputParameter(Path = \"/tmp/unit\")] string Unit);\n"
        },
        {
            "a constant two files away changes (the class does not mention its type)",
            [
                ("W.cs", Header + """
                    [Workflow(Name = "w")]
                    public partial class W
                    {
                        [Container(Images.Busybox)] public static partial Node Say(string m);
                        [Dag, Entrypoint] public static void Main() { Say("x"); }
                    }
                    """),
                ("Images.cs", "namespace App;\npublic static class Images { public const string Busybox = Registry.Prefix + \"busybox\"; }\n"),
                ("Registry.cs", "namespace App;\npublic static class Registry { public const string Prefix = \"docker.io/\"; }\n"),
            ],
            "Registry.cs", "namespace App;\npublic static class Registry { public const string Prefix = \"quay.io/\"; }\n"
        },
        {
            "another partial part of the class adds a label",
            [
                ("W.cs", Caller),
                ("Lib.cs", Lib),
                ("W.Part.cs", Header + "public partial class W { }\n"),
            ],
            "W.Part.cs", Header + "[Label(\"team\", \"data\")]\npublic partial class W { }\n"
        },
        {
            "a global using alias in another file changes the kind attribute",
            [
                ("W.cs", """
                    namespace App;
                    [Flow("w")]
                    public partial class W
                    {
                        [Pipelines.Container("busybox")] public static partial Pipelines.Node Say(string m);
                        [Pipelines.Dag, Pipelines.Entrypoint] public static void Main() { Say("x"); }
                    }
                    """),
                ("Usings.cs", "global using FlowAttribute = Pipelines.WorkflowTemplateAttribute;\n"),
            ],
            "Usings.cs", "global using FlowAttribute = Pipelines.ClusterWorkflowTemplateAttribute;\n"
        },
        {
            "a user type named like our attribute shadows it",
            [("W.cs", Caller), ("Lib.cs", Lib), ("Mine.cs", "namespace App;\npublic struct Unrelated { }\n")],
            "Mine.cs", "namespace App;\npublic sealed class WorkflowAttribute : System.Attribute { public string? Name { get; set; } }\n"
        },
        {
            "a new namespace shadows the Pipelines namespace inside the class's namespace",
            [
                ("W.cs", """
                    namespace App
                    {
                        [Pipelines.Workflow(Name = "w")]
                        public partial class W
                        {
                            [Pipelines.Container("busybox")] public static partial Pipelines.Node Say(string m);
                            [Pipelines.Dag, Pipelines.Entrypoint] public static void Main() { Say("x"); }
                        }
                    }
                    """),
                ("Other.cs", "namespace App.Tools { public sealed class Unrelated { } }\n"),
            ],
            "Other.cs", "namespace App.Pipelines { public sealed class Unrelated { } }\n"
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void An_edit_in_another_file_that_changes_the_manifest_reparses_the_class_and_matches_a_fresh_run(string name, (string File, string Text)[] files, string editedFile, string editedText)
    {
        var compilation = GeneratorHarness.Compilation(files.Select(f => GeneratorHarness.Tree(f.Text, f.File)).ToArray());
        var first = GeneratorHarness.Run(compilation);
        Assert.Contains(first.Manifests, m => m.Id == "App.W");

        var edited = compilation.ReplaceSyntaxTree(
            compilation.SyntaxTrees.Single(t => t.FilePath.EndsWith("/" + editedFile, StringComparison.Ordinal)),
            GeneratorHarness.Tree(editedText, editedFile));
        var warm = GeneratorHarness.Run(edited, first.Driver);
        var fresh = GeneratorHarness.Run(edited);

        // The edit matters (else the case proves nothing), and the warm driver gives what a fresh one gives.
        Assert.NotEqual(WorkflowW(first), WorkflowW(fresh));
        Assert.Equal(Generated(fresh), Generated(warm));
        Assert.Empty(warm.Result.Results.Where(r => r.Exception is not null).Select(r => r.Exception!.ToString()));

        // The class W was parsed again: its key changed although its own file did not.
        var parses = warm.Single.TrackedSteps[TrackingNames.Workflows].SelectMany(s => s.Inputs)
            .Zip(warm.Single.TrackedSteps[TrackingNames.Workflows].SelectMany(s => s.Outputs))
            .Where(p => p.First.Source.Outputs[p.First.OutputIndex].Value is PipelinesGenerator.ClassInput { Candidate.Declaration.Identifier.ValueText: "W" } input
                && input.Candidate.File.Tree.FilePath.EndsWith("/W.cs", StringComparison.Ordinal))
            .Select(p => p.Second.Reason)
            .ToList();
        Assert.True(parses.Count == 1 && parses[0] is IncrementalStepRunReason.Modified or IncrementalStepRunReason.Unchanged, name + ": " + string.Join(", ", parses));
    }

    [Theory]
    [InlineData("global using System.Text;\n", true)]
    [InlineData("[assembly: System.CLSCompliant(false)]\n", true)]
    [InlineData("namespace System.Runtime.CompilerServices { internal static class IsExternalInit { } }\n", true)]
    [InlineData("namespace App.Systems { public struct Foo { } }\n", false)]
    [InlineData("using System.Text;\nnamespace App;\npublic struct Foo { }\n", false)]
    public void A_file_that_can_change_binding_without_being_named_is_a_dependency_of_every_class(string text, bool global)
    {
        Assert.Equal(global, PipelinesGenerator.SourceFile.Read(GeneratorHarness.Tree(text), default).IsGlobal);
    }

    [Fact]
    public void The_names_of_a_file_are_read_from_the_text_unless_it_has_what_the_scan_cannot_judge()
    {
        static string[] Names(string text) => PipelinesGenerator.SourceFile.Read(GeneratorHarness.Tree(text), default).Mentioned.OrderBy(n => n, StringComparer.Ordinal).ToArray();

        // Keywords and the words of comments and strings count (a superset); numbers (0x1F, 1e5) do not.
        Assert.Equal(["A", "B", "C", "D", "class", "int", "y"], Names("class A { int y = 0x1F + 2; } // B\n/* C */ /// D\n"));
        Assert.Equal(["B", "_c", "a", "class", "int"], Names("class @B { int a, _c = 1e5; }"));

        // An escaped or non-ASCII identifier: the tokens are read instead (the escape is decoded, words in comments do not count).
        Assert.Equal(["Lib", "x"], Names("class L\\u0069b { int x; } // comment"));
        Assert.Equal(["Bibliothèque", "x"], Names("class Bibliothèque { int x; } // comment"));
    }

    private static string WorkflowW(GeneratorRun run) => string.Join("\n", run.Manifests.Where(m => m.Id == "App.W").Select(m => m.Json));

    private static List<(string Name, string Text)> Generated(GeneratorRun run) =>
        run.Result.GeneratedTrees.Select(t => (Path.GetFileName(t.FilePath), t.ToString())).ToList();
}
