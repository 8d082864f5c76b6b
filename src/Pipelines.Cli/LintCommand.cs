using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Linq;
using Pipelines.Argo;
using Pipelines.Argo.Events.Validation;
using Pipelines.Argo.Validation;

namespace Pipelines.Cli;

/// <summary><c>pipelines lint</c>: reads and validates manifests the way Argo does, without a cluster.</summary>
internal static class LintCommand
{
    private const string Description =
        "Check Argo Workflows manifests the way Argo validates them, offline.\n" +
        "\n" +
        "Argo Events objects (EventBus, EventSource, Sensor) are checked the way Argo Events validates them, plus the\n" +
        "run-time problems it lets through (PIPE5xxx, see docs/events.md); ServiceAccount, Role and RoleBinding are read\n" +
        "strictly.\n" +
        "\n" +
        "Reads every file, then validates all Argo documents together, so templateRef and workflowTemplateRef\n" +
        "resolve to WorkflowTemplates and ClusterWorkflowTemplates in any of the given files. Documents of other\n" +
        "kinds (ConfigMap, PersistentVolumeClaim, ...) are read but not validated. Folders are searched\n" +
        "recursively for *.yaml and *.yml files (hidden files and folders are skipped).\n" +
        "\n" +
        "Text output, one finding per line on stdout, then a summary on stderr:\n" +
        "  FILE:LINE:COLUMN: error|warning CODE: MESSAGE [FIELD.PATH]\n" +
        "JSON output: an array of {file, line, column, severity, code, message, path, document, kind, name}.\n" +
        "\n" +
        "Exit codes: 0 no errors, 1 errors (or warnings with --strict), 2 bad usage or unreadable paths.\n" +
        "\n" +
        "Examples:\n" +
        "  pipelines lint workflows/\n" +
        "  pipelines lint hello-world.yaml templates/shared.yaml\n" +
        "  pipelines lint --strict --format json manifests/ > findings.json";

    public static Command Create(CliContext context)
    {
        var format = new Option<string>("--format", "-f")
        {
            Description = "Output format: text (one finding per line) or json (an array of findings).",
            DefaultValueFactory = _ => "text",
            HelpName = "text|json",
        };
        format.AcceptOnlyFromAmong("text", "json");
        var strict = new Option<bool>("--strict")
        {
            Description = "Treat warnings as errors: report them as errors and exit 1 when there is any.",
        };
        var paths = new Argument<string[]>("PATH")
        {
            Description = "Manifest files, or folders to search recursively for *.yaml and *.yml.",
            Arity = ArgumentArity.OneOrMore,
        };
        paths.Validators.Add(result => FileCollector.RejectUnknownOptions(context, result));
        var command = new Command("lint", Description) { format, strict, paths };
        command.SetAction(result => Run(
            context,
            result.GetValue(paths) ?? [],
            string.Equals(result.GetValue(format), "json", StringComparison.Ordinal),
            result.GetValue(strict)));
        return command;
    }

    /// <summary>
    /// Runs lint. <paramref name="validate"/> validates all files in one call (default <see cref="ArgoValidator.Validate(IReadOnlyList{ManifestFile}, ValidationOptions?)"/>);
    /// tests pass their own to observe what the validator receives.
    /// </summary>
    public static int Run(CliContext context, IReadOnlyList<string> paths, bool json, bool strict, Action<IReadOnlyList<ManifestFile>>? validate = null)
    {
        var problems = new List<string>();
        var fullPaths = FileCollector.Collect(context, paths, problems);
        if (problems.Count > 0)
        {
            foreach (var p in problems)
            {
                context.Err(p);
            }

            context.Err("lint: nothing checked; fix the paths above and run again.");
            return Program.ExitUsage;
        }

        if (fullPaths.Count == 0)
        {
            context.Err("lint: no *.yaml or *.yml files found in " + string.Join(", ", paths) + "; name the files to check, or a folder that holds them.");
            return Program.ExitUsage;
        }

        var files = fullPaths.Select(p => Pipelines.Argo.ArgoYaml.ReadFile(p)).ToList();
        (validate ?? (all =>
        {
            ArgoValidator.Validate(all);
            EventsValidator.Validate(all);
        }))(files);

        var items = files.SelectMany(f => Located.Of(f, context.Display(f.Path), strict)).ToList();
        if (json)
        {
            Reporter.WriteJson(context, items);
        }
        else
        {
            Reporter.WriteText(context, items);
        }

        var errors = items.Count(i => i.Finding.Severity == Severity.Error);
        var warnings = items.Count - errors;
        var documents = files.Sum(f => f.Documents.Count);
        var skipped = files.Sum(f => f.Documents.Count(d => d.ArgoKind is null && d.EventsKind is null && !d.HasErrors));
        context.Err(
            Reporter.Count(files.Count, "file") + ", " + Reporter.Count(documents, "document") +
            (skipped > 0 ? " (" + Reporter.Count(skipped, "document") + " of other kinds not validated)" : string.Empty) +
            ": " + Reporter.Count(errors, "error") + ", " + Reporter.Count(warnings, "warning"));

        if (items.Any(i => i.Finding.Code == FindingCodes.IoError.Code))
        {
            return Program.ExitUsage;
        }

        return errors > 0 ? Program.ExitFindings : Program.ExitOk;
    }
}
