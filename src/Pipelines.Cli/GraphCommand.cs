using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Pipelines.Argo;
using Pipelines.Argo.Model;
using Pipelines.Graphs;

namespace Pipelines.Cli;

/// <summary><c>pipelines graph</c>: draw workflows as Mermaid, Graphviz DOT, SVG or PNG (docs/pictures.md).</summary>
internal static class GraphCommand
{
    private const string Description =
        "Draw workflows: DAG tasks and steps as boxes, depends edges labelled when they wait for something other than\n" +
        "success, loops stacked with their item source, when conditions, exit handlers and hooks set apart, templateRefs\n" +
        "marked. One frame per steps or DAG template, the entrypoint first (--template draws one template).\n" +
        "\n" +
        "Formats: mermaid (GitHub renders it in Markdown), dot (Graphviz), svg (laid out here, no Graphviz needed), png\n" +
        "(through Graphviz's dot or Chromium, whichever is installed). One workflow goes to stdout or to -o FILE; several\n" +
        "(a folder, or a file with several documents) need -o FOLDER and get one file each, named <kind>-<name>.<ext>.\n" +
        "\n" +
        "Exit codes: 0 drawn, 1 a file has YAML errors (listed), 2 bad usage or nothing to draw.\n" +
        "\n" +
        "Examples:\n" +
        "  pipelines graph workflow.yaml                      (Mermaid on stdout)\n" +
        "  pipelines graph workflow.yaml --format svg -o workflow.svg\n" +
        "  pipelines graph manifests/ --format mermaid -o docs/diagrams/";

    public static Command Create(CliContext context)
    {
        var format = new Option<string>("--format", "-f") { Description = "mermaid, dot, svg or png.", DefaultValueFactory = _ => "mermaid", HelpName = "mermaid|dot|svg|png" };
        format.AcceptOnlyFromAmong("mermaid", "dot", "svg", "png");
        var template = new Option<string?>("--template", "-t") { Description = "Draw only this template.", HelpName = "TEMPLATE" };
        var output = new Option<string?>("--output", "-o") { Description = "The file to write (one workflow) or the folder (several); stdout when absent.", HelpName = "OUT" };
        var paths = new Argument<string[]>("PATH")
        {
            Description = "Manifest files, or folders to search recursively for *.yaml and *.yml.",
            Arity = ArgumentArity.OneOrMore,
        };
        paths.Validators.Add(result => FileCollector.RejectUnknownOptions(context, result));
        var command = new Command("graph", Description) { paths, format, template, output };
        command.SetAction(result => Run(
            context,
            result.GetValue(paths) ?? [],
            result.GetValue(format) ?? "mermaid",
            result.GetValue(template),
            result.GetValue(output)));
        return command;
    }

    public static int Run(CliContext context, IReadOnlyList<string> paths, string formatName, string? template, string? output)
    {
        var format = formatName switch
        {
            "dot" => DiagramFormat.Dot,
            "svg" => DiagramFormat.Svg,
            "png" => DiagramFormat.Png,
            _ => DiagramFormat.Mermaid,
        };
        var problems = new List<string>();
        var files = FileCollector.Collect(context, paths, problems);
        foreach (var p in problems)
        {
            context.Err(p);
        }

        if (problems.Count > 0)
        {
            context.Err("graph: nothing drawn; fix the paths above and run again.");
            return Program.ExitUsage;
        }

        var drawable = new List<(string File, ManifestDocument Document)>();
        var broken = false;
        foreach (var path in files)
        {
            var file = ArgoYaml.ReadFile(path);
            var errors = Located.Of(file, context.Display(path), strict: false).Where(l => l.Finding.Severity == Severity.Error).ToList();
            if (file.HasFileErrors)
            {
                foreach (var e in errors)
                {
                    context.Err(Reporter.Text(e));
                }

                broken = true;
                continue;
            }

            drawable.AddRange(file.Documents.Where(d => WorkflowDiagrams.CanDraw(d.Object)).Select(d => (path, d)));
        }

        if (broken)
        {
            context.Err("graph: nothing drawn; fix the YAML errors above (pipelines lint shows every finding).");
            return Program.ExitFindings;
        }

        if (drawable.Count == 0)
        {
            context.Err("graph: no Workflow, WorkflowTemplate, ClusterWorkflowTemplate or CronWorkflow found in " + string.Join(", ", paths) + "; name a file that holds one.");
            return Program.ExitUsage;
        }

        var extension = format switch
        {
            DiagramFormat.Dot => ".dot",
            DiagramFormat.Svg => ".svg",
            DiagramFormat.Png => ".png",
            _ => ".mmd",
        };
        var single = drawable.Count == 1;
        string? folder = null;
        if (!single || (output is not null && Directory.Exists(context.Resolve(output))))
        {
            if (output is null)
            {
                context.Err($"graph: {drawable.Count.ToString(CultureInfo.InvariantCulture)} workflows found; give -o FOLDER to write one file each (or name one file).");
                return Program.ExitUsage;
            }

            folder = context.Resolve(output);
            if (File.Exists(folder))
            {
                context.Err($"graph: {output} is a file, but {drawable.Count.ToString(CultureInfo.InvariantCulture)} workflows need a folder; give -o FOLDER.");
                return Program.ExitUsage;
            }
        }

        if (format == DiagramFormat.Png && output is null)
        {
            context.Err("graph: PNG is binary; give -o FILE.png (or use --format svg for stdout).");
            return Program.ExitUsage;
        }

        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (path, document) in drawable)
        {
            Diagram diagram;
            try
            {
                diagram = WorkflowDiagrams.Build(document.Object!, template);
            }
            catch (ArgumentException e)
            {
                context.Err($"{context.Display(path)}:{document.Line.ToString(CultureInfo.InvariantCulture)}: error: {e.Message.Split(" (Parameter", 2)[0]}");
                return Program.ExitUsage;
            }

            var target = folder is null ? (output is null ? null : context.Resolve(output)) : Path.Combine(folder, FileName(document, used) + extension);
            if (!Write(context, diagram, format, target))
            {
                return Program.ExitUsage;
            }
        }

        if (folder is not null)
        {
            context.Err($"graph: {drawable.Count.ToString(CultureInfo.InvariantCulture)} diagram(s) written to {context.Display(folder)}");
        }

        return Program.ExitOk;
    }

    private static string FileName(ManifestDocument document, HashSet<string> used)
    {
        var name = new string((document.Name ?? "unnamed").Select(c => char.IsAsciiLetterOrDigit(c) || c == '-' || c == '.' ? char.ToLowerInvariant(c) : '-').ToArray()).Trim('-', '.');
        var stem = (document.Kind ?? "document").ToLowerInvariant() + "-" + (name.Length == 0 ? "unnamed" : name);
        var candidate = stem;
        for (var i = 2; !used.Add(candidate); i++)
        {
            candidate = stem + "-" + i.ToString(CultureInfo.InvariantCulture);
        }

        return candidate;
    }

    private static bool Write(CliContext context, Diagram diagram, DiagramFormat format, string? target)
    {
        if (format == DiagramFormat.Png)
        {
            return Png.Render(context, diagram, target!);
        }

        var text = format switch
        {
            DiagramFormat.Dot => TextDiagrams.ToDot(diagram),
            DiagramFormat.Svg => SvgDiagram.ToSvg(diagram),
            _ => TextDiagrams.ToMermaid(diagram),
        };
        if (target is null)
        {
            context.Stdout.Write(text);
            return true;
        }

        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            WriteAtomically(target, Encoding.UTF8.GetBytes(text));
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            context.Err($"{context.Display(target)}: error: cannot write: {e.Message}");
            return false;
        }
    }

    /// <summary>Writes through a temporary file, so that a failure never leaves half a file.</summary>
    internal static void WriteAtomically(string path, byte[] bytes)
    {
        var temp = path + ".tmp-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        try
        {
            File.WriteAllBytes(temp, bytes);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    /// <summary>PNG through Graphviz's <c>dot</c>, else Chromium's screenshot of the SVG.</summary>
    internal static class Png
    {
        public static bool Render(CliContext context, Diagram diagram, string target)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            if (Tools.Find("dot") is { } dot)
            {
                var temp = target + ".tmp-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
                var (code, error) = Tools.Run(dot, ["-Tpng", "-o", temp], TextDiagrams.ToDot(diagram));
                if (code == 0 && File.Exists(temp))
                {
                    File.Move(temp, target, overwrite: true);
                    return true;
                }

                File.Delete(temp);
                context.Err($"graph: dot -Tpng failed (exit {code.ToString(CultureInfo.InvariantCulture)}): {error.Trim()}");
                return false;
            }

            if (Tools.Chromium() is { } chromium)
            {
                var svg = SvgDiagram.ToSvg(diagram);
                var (width, height) = SvgSize(svg);
                var work = Directory.CreateTempSubdirectory("pipelines-png-");
                try
                {
                    var page = Path.Combine(work.FullName, "graph.html");
                    File.WriteAllText(page, "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><style>body{margin:0;background:#fff}</style></head><body>" + svg + "</body></html>");
                    var shot = Path.Combine(work.FullName, "graph.png");
                    var (code, error) = Tools.Run(chromium, [.. Tools.HeadlessFlags(Path.Combine(work.FullName, "profile")), "--screenshot=" + shot, "--window-size=" + width + "," + height, new Uri(page).AbsoluteUri], null);
                    if (code == 0 && File.Exists(shot))
                    {
                        File.Copy(shot, target, overwrite: true);
                        return true;
                    }

                    context.Err($"graph: chromium --screenshot failed (exit {code.ToString(CultureInfo.InvariantCulture)}): {error.Trim()}");
                    return false;
                }
                finally
                {
                    work.Delete(recursive: true);
                }
            }

            context.Err("graph: PNG needs Graphviz's dot (Debian package graphviz) or Chromium (Debian package chromium), and neither is on PATH; install one, or use --format svg.");
            return false;
        }

        private static (string Width, string Height) SvgSize(string svg)
        {
            string Attribute(string name)
            {
                var at = svg.IndexOf(" " + name + "=\"", StringComparison.Ordinal) + name.Length + 3;
                var end = svg.IndexOf('"', at);
                return double.TryParse(svg.AsSpan(at, end - at), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? Math.Ceiling(v).ToString(CultureInfo.InvariantCulture) : "800";
            }

            return (Attribute("width"), Attribute("height"));
        }
    }

    /// <summary>External programs: lookup on PATH, and running one with a time limit.</summary>
    internal static class Tools
    {
        public static string? Find(string name)
        {
            foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = Path.Combine(dir, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }

            return null;
        }

        public static string? Chromium() => Find("chromium") ?? Find("chromium-browser") ?? Find("google-chrome");

        /// <summary>Chromium flags for a quiet, offline, throw-away headless run.</summary>
        public static string[] HeadlessFlags(string profile) =>
        [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--hide-scrollbars", "--user-data-dir=" + profile,
        ];

        public static (int Code, string Error) Run(string program, IEnumerable<string> args, string? stdin)
        {
            var info = new ProcessStartInfo(program)
            {
                RedirectStandardInput = stdin is not null,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var a in args)
            {
                info.ArgumentList.Add(a);
            }

            using var process = Process.Start(info)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEndAsync();
            if (stdin is not null)
            {
                process.StandardInput.Write(stdin);
                process.StandardInput.Close();
            }

            if (!process.WaitForExit(120_000))
            {
                process.Kill(entireProcessTree: true);
                return (-1, "timed out after 120 s");
            }

            return (process.ExitCode, stderr.Result);
        }
    }
}
