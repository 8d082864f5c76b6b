using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text;
using Pipelines.Argo;

namespace Pipelines.Cli;

/// <summary><c>pipelines fmt</c>: rewrites manifests in their canonical form.</summary>
internal static class FmtCommand
{
    private const string Description =
        "Format Argo Workflows manifests in their canonical form.\n" +
        "\n" +
        "The canonical form: fields in the order of Argo's types, 2-space indentation, list items at their key's\n" +
        "indentation, block scalars for multi-line strings, quotes only where needed, LF line endings, UTF-8 without\n" +
        "a byte-order mark. The data is unchanged: reading the result gives the same values as reading the original.\n" +
        "\n" +
        "Comments are kept, in place: each stays with the key or list item it precedes or ends the line of, also when\n" +
        "fmt reorders the fields; comments at the top and at the end of a document stay there. Anchors and aliases\n" +
        "are expanded. fmt reads its output back before writing it: data it cannot keep exactly (an explicit tag\n" +
        "such as !!binary in an Argo document, a field the model would drop) leaves the file as it was, with a message.\n" +
        "Documents of non-Argo kinds (ConfigMap, PersistentVolumeClaim, ...) are kept, formatted generically\n" +
        "(their keys stay in the order written).\n" +
        "A file that cannot be read without errors is never changed: its errors are printed (as lint prints them)\n" +
        "and the exit code is 1.\n" +
        "\n" +
        "Folders are searched recursively; symbolic links inside them are not followed, and FIFOs and devices are\n" +
        "skipped. --write rewrites each file in place after writing and checking a copy beside it\n" +
        "(.NAME.pipelines-fmt.ready); a run that is killed leaves that copy, and the next run finishes or removes it.\n" +
        "\n" +
        "Without --write or --check, exactly one file is formatted to stdout.\n" +
        "\n" +
        "Exit codes: 0 done (or nothing to change), 1 files with errors, or files --check would change,\n" +
        "2 bad usage or unreadable paths.\n" +
        "\n" +
        "Examples:\n" +
        "  pipelines fmt hello-world.yaml > formatted.yaml\n" +
        "  pipelines fmt --write workflows/\n" +
        "  pipelines fmt --check workflows/      (in CI: fails when a file is not formatted)";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static Command Create(CliContext context)
    {
        var write = new Option<bool>("--write", "-w")
        {
            Description = "Rewrite files that are not canonical, in place (same file: owner, mode and hard links kept; read-only files refused); canonical files are not touched.",
        };
        var check = new Option<bool>("--check")
        {
            Description = "Write nothing; list the files that would change and exit 1 if there is any.",
        };
        var paths = new Argument<string[]>("PATH")
        {
            Description = "Manifest files, or folders to search recursively for *.yaml and *.yml.",
            Arity = ArgumentArity.OneOrMore,
        };
        paths.Validators.Add(result => FileCollector.RejectUnknownOptions(context, result));
        var command = new Command("fmt", Description) { write, check, paths };
        command.SetAction(result => Run(context, result.GetValue(paths) ?? [], result.GetValue(write), result.GetValue(check)));
        return command;
    }

    public static int Run(CliContext context, IReadOnlyList<string> paths, bool write, bool check)
    {
        if (write && check)
        {
            context.Err("fmt: --write and --check cannot be used together; --check only reports, --write rewrites.");
            return Program.ExitUsage;
        }

        var problems = new List<string>();
        var notes = new List<string>();
        var fullPaths = FileCollector.Collect(context, paths, problems, notes);
        foreach (var note in notes)
        {
            context.Err(note);
        }

        if (problems.Count > 0)
        {
            foreach (var p in problems)
            {
                context.Err(p);
            }

            context.Err("fmt: nothing formatted; fix the paths above and run again.");
            return Program.ExitUsage;
        }

        if (fullPaths.Count == 0)
        {
            context.Err("fmt: no *.yaml or *.yml files found in " + string.Join(", ", paths) + "; name the files to format, or a folder that holds them.");
            return Program.ExitUsage;
        }

        if (!write && !check)
        {
            if (paths.Count != 1 || fullPaths.Count != 1)
            {
                context.Err($"fmt: without --write or --check, fmt formats exactly one file to stdout, but {Reporter.Count(fullPaths.Count, "file")} were given; use --write to rewrite them in place or --check to list those that would change.");
                return Program.ExitUsage;
            }

            return ToStdout(context, fullPaths[0]);
        }

        var failed = 0;
        var ioFailed = false;
        var changed = new List<string>();
        foreach (var path in fullPaths)
        {
            var display = Reporter.Escape(context.Display(path));
            if (Recover(context, path, display, write) is { } leftover)
            {
                context.Err($"{display}: error {FindingCodes.IoError.Code}: {leftover}");
                failed++;
                continue;
            }

            var file = ArgoYaml.ReadFile(path);
            var canonical = ArgoYaml.Format(file, out var refusal);
            if (canonical is null)
            {
                ReportErrors(context, file, display, refusal);
                failed++;
                ioFailed |= file.Findings.Any(f => f.Code == FindingCodes.IoError.Code);
                continue;
            }

            var bytes = Utf8.GetBytes(canonical);
            byte[] original;
            try
            {
                original = File.ReadAllBytes(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                context.Err($"{display}: error {FindingCodes.IoError.Code}: cannot read the file: {Reason(e)}.");
                failed++;
                ioFailed = true;
                continue;
            }

            if (original.AsSpan().SequenceEqual(bytes))
            {
                continue;
            }

            if (write)
            {
                var error = WriteInPlace(path, bytes);
                if (error is not null)
                {
                    context.Err($"{display}: error {FindingCodes.IoError.Code}: cannot write the file: {error}. It was left as it was.");
                    failed++;
                    ioFailed = true;
                    continue;
                }
            }

            changed.Add(display);
            context.Out(display);
        }

        var summary = Reporter.Count(fullPaths.Count, "file") + ": " +
                      (write ? changed.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) + " reformatted"
                             : changed.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) + " would be reformatted") +
                      (failed > 0 ? ", " + failed.ToString(System.Globalization.CultureInfo.InvariantCulture) + " with errors (left unchanged)" : string.Empty);
        if (check && changed.Count > 0)
        {
            summary += "; run 'pipelines fmt --write' on them";
        }

        context.Err(summary);
        if (ioFailed)
        {
            return Program.ExitUsage;
        }

        return failed > 0 || (check && changed.Count > 0) ? Program.ExitFindings : Program.ExitOk;
    }

    private static int ToStdout(CliContext context, string path)
    {
        var display = Reporter.Escape(context.Display(path));
        var file = ArgoYaml.ReadFile(path);
        var canonical = ArgoYaml.Format(file, out var refusal);
        if (canonical is null)
        {
            ReportErrors(context, file, display, refusal);
            context.Err(display + ": not formatted: fix the errors above first");
            return file.Findings.Any(f => f.Code == FindingCodes.IoError.Code) ? Program.ExitUsage : Program.ExitFindings;
        }

        context.Stdout.Write(canonical);
        return Program.ExitOk;
    }

    private static void ReportErrors(CliContext context, ManifestFile file, string display, Finding? refusal)
    {
        foreach (var item in Located.Of(file, display, strict: false).Where(i => i.Finding.Severity == Severity.Error))
        {
            context.Err(Reporter.Text(item));
        }

        if (refusal is not null)
        {
            context.Err(Reporter.Text(new Located(display, refusal, null)));
        }
    }

    private const string PartialSuffix = ".pipelines-fmt.partial";
    private const string ReadySuffix = ".pipelines-fmt.ready";

    private static string TempPath(string path, string suffix) =>
        Path.Combine(Path.GetDirectoryName(path) ?? ".", "." + Path.GetFileName(path) + suffix);

    private static string Reason(Exception e) => e.Message.TrimEnd('.', ' ');

    /// <summary>
    /// Deals with what an interrupted <c>fmt --write</c> left beside <paramref name="path"/>. A <c>.partial</c> copy was
    /// never used: it is removed. A <c>.ready</c> copy holds the complete formatted text: when the file is that text
    /// already, or was cut while being rewritten (it no longer reads without errors), the write is finished and the
    /// copy removed; otherwise (the file was edited since?) both are left and an error says what to do.
    /// Returns an error message, or null.
    /// </summary>
    private static string? Recover(CliContext context, string path, string display, bool write)
    {
        var partial = TempPath(path, PartialSuffix);
        var ready = TempPath(path, ReadySuffix);
        try
        {
            if (File.Exists(partial))
            {
                if (write)
                {
                    File.Delete(partial);
                }

                context.Err($"{display}: {(write ? "removed" : "found")} {Path.GetFileName(partial)}, an unfinished copy left by an interrupted 'pipelines fmt --write' (the file itself was not touched)");
            }

            if (!File.Exists(ready))
            {
                return null;
            }

            var readyBytes = File.ReadAllBytes(ready);
            var current = File.ReadAllBytes(path);
            var cut = ArgoYaml.ReadBytes(path, current) is var file && (file.HasFileErrors || file.Documents.Any(d => d.HasErrors));
            if (current.AsSpan().SequenceEqual(readyBytes) || cut)
            {
                if (!write)
                {
                    return $"an interrupted 'pipelines fmt --write' left {Path.GetFileName(ready)}; run 'pipelines fmt --write' to finish it";
                }

                if (!current.AsSpan().SequenceEqual(readyBytes))
                {
                    WriteThrough(path, readyBytes);
                    context.Err($"{display}: finished the rewrite an interrupted 'pipelines fmt --write' had started (from {Path.GetFileName(ready)})");
                }

                File.Delete(ready);
                return null;
            }

            return $"an interrupted 'pipelines fmt --write' left {Path.GetFileName(ready)} (the formatted text it was writing) and the file has changed since; compare the two, keep the right one and delete the other";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "cannot clean up after an interrupted 'pipelines fmt --write': " + Reason(e);
        }
    }

    /// <summary>
    /// Rewrites the file in place, through the same inode, so that its owner, mode and hard links stay as they are: the
    /// new text is first written to a copy beside it and read back (<c>.partial</c>, renamed <c>.ready</c> once checked),
    /// then written over the file, then the copy is removed. A run killed at any point leaves either the file as it was
    /// or a copy that the next run uses (see <see cref="Recover"/>). A read-only file is refused. Returns an error, or null.
    /// </summary>
    private static string? WriteInPlace(string path, byte[] bytes)
    {
        var partial = TempPath(path, PartialSuffix);
        var ready = TempPath(path, ReadySuffix);
        try
        {
            if ((File.GetAttributes(path) & FileAttributes.ReadOnly) != 0)
            {
                return "the file is read-only, and fmt does not change read-only files; make it writable to format it";
            }

            using (var stream = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes, 0, bytes.Length);
                stream.Flush(flushToDisk: true);
            }

            if (!File.ReadAllBytes(partial).AsSpan().SequenceEqual(bytes))
            {
                File.Delete(partial);
                return "the copy written beside it did not read back the same (is the disk full?)";
            }

            File.Move(partial, ready);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(partial);
            return Reason(e);
        }

        try
        {
            WriteThrough(path, bytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Nothing written when the file could not be opened; otherwise the .ready copy lets the next run finish.
            return Reason(e) + $" (the formatted text is kept in {Path.GetFileName(ready)}; the next 'pipelines fmt --write' finishes the job)";
        }

        TryDelete(ready);
        return null;
    }

    private static void WriteThrough(string path, byte[] bytes)
    {
        using var target = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.None);
        target.Write(bytes, 0, bytes.Length);
        target.SetLength(bytes.Length);
        target.Flush(flushToDisk: true);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: a leftover copy is named so that the next run removes it.
        }
    }
}
