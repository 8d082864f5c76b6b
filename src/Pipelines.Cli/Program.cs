using System;
using System.CommandLine;
using System.CommandLine.Invocation;
using System.IO;
using System.Linq;
using System.Text;

namespace Pipelines.Cli;

/// <summary>
/// The <c>pipelines</c> command-line tool. <see cref="Run"/> is the in-process entry point (tests use it);
/// <see cref="Main"/> wires it to the console.
/// </summary>
public static class Program
{
    /// <summary>Exit code: no errors.</summary>
    public const int ExitOk = 0;

    /// <summary>Exit code: findings of error severity (or warnings with <c>--strict</c>), or files that <c>fmt --check</c> would change.</summary>
    public const int ExitFindings = 1;

    /// <summary>Exit code: bad usage, I/O problems, or an internal error.</summary>
    public const int ExitUsage = 2;

    /// <summary>Runs the tool on the process's console.</summary>
    /// <param name="args">The command-line arguments.</param>
    /// <returns>The exit code.</returns>
    public static int Main(string[] args)
    {
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        using var stdout = new StreamWriter(Console.OpenStandardOutput(), utf8) { NewLine = "\n", AutoFlush = false };
        using var stderr = new StreamWriter(Console.OpenStandardError(), utf8) { NewLine = "\n", AutoFlush = true };
        CliContext.ConsoleStdout = stdout;
        try
        {
            return Run(args, stdout, stderr);
        }
        finally
        {
            stdout.Flush();
        }
    }

    /// <summary>
    /// Runs the tool in-process. Never throws: unexpected exceptions are reported as <c>internal error</c> with exit code 2.
    /// </summary>
    /// <param name="args">The command-line arguments (without the program name).</param>
    /// <param name="stdout">Where results go (findings, formatted YAML, file lists).</param>
    /// <param name="stderr">Where summaries and usage errors go.</param>
    /// <param name="workingDirectory">The directory relative paths are resolved against and printed relative to; the process's current directory when null.</param>
    /// <returns>The exit code: 0 no errors, 1 errors (or changes with <c>fmt --check</c>), 2 usage or I/O problems.</returns>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, string? workingDirectory = null)
    {
        if (args is null || stdout is null || stderr is null)
        {
            throw new ArgumentNullException(args is null ? nameof(args) : stdout is null ? nameof(stdout) : nameof(stderr));
        }

        try
        {
            var context = new CliContext(stdout, stderr, Path.GetFullPath(workingDirectory ?? Directory.GetCurrentDirectory()));
            var root = BuildCommand(context);
            var result = root.Parse(args);
            if (result.Errors.Count > 0 && result.Action is ParseErrorAction)
            {
                foreach (var error in result.Errors)
                {
                    context.Err("error: " + error.Message);
                }

                var command = result.CommandResult.Command;
                var name = command == root ? "pipelines" : "pipelines " + command.Name;
                context.Err($"Run '{name} --help' for usage.");
                return ExitUsage;
            }

            return result.Invoke(new InvocationConfiguration
            {
                Output = stdout,
                Error = stderr,
                EnableDefaultExceptionHandler = false,
            });
        }
#pragma warning disable CA1031 // The tool's last line of defence: report, never show a stack trace.
        catch (Exception e)
#pragma warning restore CA1031
        {
            try
            {
                stderr.Write("internal error: " + e.GetType().Name + ": " + e.Message + "\n");
                stderr.Write("This is a bug in pipelines; please report it with the command line and the input that caused it.\n");
            }
#pragma warning disable CA1031
            catch (Exception)
#pragma warning restore CA1031
            {
                // Nothing left to report to.
            }

            return ExitUsage;
        }
    }

    internal static RootCommand BuildCommand(CliContext context)
    {
        var root = new RootCommand(
            "Lint and format Argo Workflows manifests (Workflow, WorkflowTemplate, ClusterWorkflowTemplate, CronWorkflow; Argo v4.1).")
        {
            HelpName = "pipelines",
        };
        root.Add(LintCommand.Create(context));
        root.Add(FmtCommand.Create(context));
        root.Add(RunCommand.Create(context));
        root.Add(RunCommand.CreateResume(context));
        root.Add(GraphCommand.Create(context));
        root.Add(ReportCommand.Create(context));
        root.Add(ImportCommand.Create(context));
        root.Add(EventsCommand.Create(context));
        return root;
    }
}
