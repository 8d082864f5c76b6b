using System;
using System.Collections.Generic;
using System.CommandLine.Parsing;
using System.IO;
using System.Linq;

namespace Pipelines.Cli;

/// <summary>Where a command writes and which directory it works in.</summary>
internal sealed class CliContext(TextWriter stdout, TextWriter stderr, string workingDirectory)
{
    public TextWriter Stdout { get; } = stdout;

    public TextWriter Stderr { get; } = stderr;

    /// <summary>The writer <see cref="Program.Main"/> wraps around the process's stdout (null in-process).</summary>
    public static TextWriter? ConsoleStdout { get; set; }

    /// <summary>True when stdout is the process's own stdout (so a terminal may be attached).</summary>
    public bool IsConsole => ConsoleStdout is not null && ReferenceEquals(Stdout, ConsoleStdout);

    /// <summary>Absolute path of the directory relative paths are resolved against.</summary>
    public string WorkingDirectory { get; } = workingDirectory;

    /// <summary>Writes one line to stdout with an LF ending, whatever the platform.</summary>
    public void Out(string line) => Stdout.Write(line + "\n");

    /// <summary>Writes one line to stderr with an LF ending, after flushing stdout so that a terminal shows both in order.</summary>
    public void Err(string line)
    {
        Stdout.Flush();
        Stderr.Write(line + "\n");
    }

    /// <summary>The absolute path of a path given on the command line.</summary>
    public string Resolve(string path) => Path.GetFullPath(Path.Combine(WorkingDirectory, path));

    /// <summary>A path for output: relative to the working directory when under it, with forward slashes.</summary>
    public string Display(string fullPath)
    {
        var relative = Path.GetRelativePath(WorkingDirectory, fullPath);
        var under = relative != ".." &&
                    !relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) &&
                    !relative.StartsWith("../", StringComparison.Ordinal) &&
                    !Path.IsPathRooted(relative);
        return (under ? relative : fullPath).Replace('\\', '/');
    }
}

/// <summary>The YAML files named by the command line: files as given, folders searched recursively.</summary>
internal static class FileCollector
{
    /// <summary>
    /// A PATH argument that starts with <c>-</c> and names no file or folder is a mistyped option: make it a usage error
    /// rather than a missing file. (A file whose name starts with <c>-</c> can still be given as <c>./-name</c>.)
    /// </summary>
    public static void RejectUnknownOptions(CliContext context, ArgumentResult result)
    {
        foreach (var token in result.Tokens)
        {
            var value = token.Value;
            if (value.Length > 1 && value[0] == '-' && !File.Exists(TryResolve(context, value)) && !Directory.Exists(TryResolve(context, value)))
            {
                result.AddError($"Unrecognized option '{value}'.");
            }
        }
    }

    private static string TryResolve(CliContext context, string path)
    {
        try
        {
            return context.Resolve(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return string.Empty;
        }
    }

    /// <summary>
    /// Expands <paramref name="paths"/> into absolute file paths: files as given (whatever their extension), folders
    /// recursively for <c>*.yaml</c> and <c>*.yml</c> (hidden files and folders, such as <c>.git</c>, are skipped). The result is de-duplicated and sorted ordinally by displayed path.
    /// Inside folders, symbolic links are not followed (no escape from the folder, no loops) and what is not a regular
    /// file (a FIFO, a device) is skipped; each is named in <paramref name="notes"/>. Paths that do not exist, cannot be
    /// listed, or are given by name but are not regular files are reported in <paramref name="problems"/>.
    /// </summary>
    public static List<string> Collect(CliContext context, IEnumerable<string> paths, List<string> problems, List<string>? notes = null)
    {
        var files = new HashSet<string>(StringComparer.Ordinal);
        foreach (var given in paths)
        {
            string full;
            try
            {
                full = context.Resolve(given);
            }
            catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
            {
                problems.Add($"{Reporter.Escape(given)}: error PIPE3014: not a valid path ({e.Message})");
                continue;
            }

            var kind = FileKind.Of(full);
            if (kind == FileKindValue.Regular)
            {
                files.Add(full);
            }
            else if (kind == FileKindValue.Directory)
            {
                Walk(context, full, files, problems, notes);
            }
            else if (kind != FileKindValue.Unknown)
            {
                problems.Add($"{Reporter.Escape(given)}: error PIPE3051: {FileKind.Describe(kind)}, not a regular file; name manifest files or folders");
            }
            else if (File.Exists(full) || new FileInfo(full).LinkTarget is not null)
            {
                // Named on the command line but not learnable (a link to nothing, say): reading it reports why.
                files.Add(full);
            }
            else
            {
                problems.Add($"{Reporter.Escape(given)}: error PIPE3014: no such file or folder; check the path (relative paths start at {context.WorkingDirectory})");
            }
        }

        return files.OrderBy(context.Display, StringComparer.Ordinal).ToList();
    }

    // Folder by folder, without following links: a symbolic link (to a file or a folder) may lead out of the folder or
    // back into it; formatting its target is left to a run that names it.
    private static void Walk(CliContext context, string root, HashSet<string> files, List<string> problems, List<string>? notes)
    {
        var folders = new Stack<string>();
        folders.Push(root);
        while (folders.Count > 0)
        {
            var folder = folders.Pop();
            List<string> entries;
            try
            {
                entries = Directory.EnumerateFileSystemEntries(folder).ToList();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                problems.Add($"{Reporter.Escape(context.Display(folder))}: error PIPE3014: cannot list the folder: {e.Message}");
                continue;
            }

            foreach (var entry in entries)
            {
                var name = Path.GetFileName(entry);
                if (name.StartsWith(".", StringComparison.Ordinal))
                {
                    continue;
                }

                var yaml = name.EndsWith(".yaml", StringComparison.Ordinal) || name.EndsWith(".yml", StringComparison.Ordinal);
                FileSystemInfo info = new FileInfo(entry);
                if (info.LinkTarget is not null)
                {
                    if (yaml || Directory.Exists(entry))
                    {
                        notes?.Add($"{Reporter.Escape(context.Display(entry))}: skipped: a symbolic link (links inside folders are not followed; name the file it points to)");
                    }

                    continue;
                }

                var kind = FileKind.Of(entry);
                if (kind == FileKindValue.Directory)
                {
                    folders.Push(entry);
                }
                else if (yaml && kind == FileKindValue.Regular)
                {
                    files.Add(entry);
                }
                else if (yaml)
                {
                    notes?.Add($"{Reporter.Escape(context.Display(entry))}: skipped: {FileKind.Describe(kind)}, not a regular file");
                }
            }
        }
    }
}
