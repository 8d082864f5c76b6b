using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Pipelines.Argo;
using Pipelines.Argo.Model;
using Pipelines.Argo.Yaml;
using Pipelines.Runner.Engine;

namespace Pipelines.Runner;

/// <summary>The outcome of a run.</summary>
public sealed class RunReport
{
    internal RunReport(string name, string phase, string message, bool suspended, IReadOnlyList<RunNode> nodes, List<KeyValuePair<string, string>> outputs, DateTimeOffset started, DateTimeOffset? finished, IReadOnlyList<string> cannotRun, string runDirectory)
    {
        WorkflowName = name;
        Phase = phase;
        Message = message;
        Suspended = suspended;
        Nodes = nodes;
        Outputs = outputs;
        StartedAt = started;
        FinishedAt = finished;
        CannotRun = cannotRun;
        RunDirectory = runDirectory;
    }

    /// <summary>The workflow's name in this run.</summary>
    public string WorkflowName { get; }

    /// <summary><c>Succeeded</c>, <c>Failed</c>, <c>Error</c>, or <c>Running</c> when the run ended suspended.</summary>
    public string Phase { get; }

    /// <summary>The workflow message (FIN-02), or why the run stopped.</summary>
    public string Message { get; }

    /// <summary>True when the run ended because only indefinitely suspended nodes remain.</summary>
    public bool Suspended { get; }

    /// <summary>Every node, in creation order.</summary>
    public IReadOnlyList<RunNode> Nodes { get; }

    /// <summary>Global output parameters (<c>status.outputs</c>).</summary>
    public List<KeyValuePair<string, string>> Outputs { get; }

    /// <summary>Start time.</summary>
    public DateTimeOffset StartedAt { get; }

    /// <summary>End time.</summary>
    public DateTimeOffset? FinishedAt { get; }

    /// <summary>Templates that could not run on this machine, with the reason.</summary>
    public IReadOnlyList<string> CannotRun { get; }

    /// <summary>The run folder.</summary>
    public string RunDirectory { get; }

    /// <summary>The workflow's labels: metadata.labels, then spec.workflowMetadata.labels and labelsFrom as the controller applies them.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>Warnings about the run (for example a secret it was not given); they never hold secret values.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>The node with this display name (first match), or null.</summary>
    public RunNode? Find(string displayName) => Nodes.FirstOrDefault(n => n.DisplayName == displayName);

    /// <summary>The node with this full name, or null.</summary>
    public RunNode? ByName(string name) => Nodes.FirstOrDefault(n => n.Name == name);

    /// <summary>The machine-readable report (<c>--output json</c>).</summary>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("name", WorkflowName);
            w.WriteString("phase", Phase);
            w.WriteString("message", Message);
            w.WriteBoolean("suspended", Suspended);
            w.WriteString("startedAt", Stamp(StartedAt));
            w.WriteString("finishedAt", FinishedAt is { } f ? Stamp(f) : null);
            w.WriteString("runDirectory", RunDirectory);
            w.WriteStartObject("outputs");
            foreach (var o in Outputs)
            {
                w.WriteString(o.Key, o.Value);
            }

            w.WriteEndObject();
            w.WriteStartArray("nodes");
            foreach (var n in Nodes)
            {
                w.WriteStartObject();
                w.WriteString("id", n.Id);
                w.WriteString("name", n.Name);
                w.WriteString("displayName", n.DisplayName);
                w.WriteString("type", n.Type.ToString());
                w.WriteString("phase", n.Phase.ToString());
                w.WriteString("message", n.Message);
                w.WriteString("templateName", n.TemplateName);
                w.WriteString("startedAt", Stamp(n.StartedAt));
                w.WriteString("finishedAt", n.FinishedAt is { } nf ? Stamp(nf) : null);
                w.WriteNumber("durationSeconds", ((n.FinishedAt ?? n.StartedAt) - n.StartedAt).TotalSeconds);
                if (n.Parent is not null)
                {
                    w.WriteString("parent", n.Parent);
                }

                if (n.MemoizationHit is { } hit)
                {
                    w.WriteBoolean("memoizationHit", hit);
                }

                if (n.Replayed)
                {
                    w.WriteBoolean("replayed", true);
                }

                w.WriteStartObject("inputs");
                foreach (var i in n.Inputs)
                {
                    w.WriteString(i.Key, i.Value);
                }

                w.WriteEndObject();
                if (n.Outputs is { } o)
                {
                    w.WriteStartObject("outputs");
                    if (o.Result is not null)
                    {
                        w.WriteString("result", o.Result);
                    }

                    if (o.ExitCode is not null)
                    {
                        w.WriteString("exitCode", o.ExitCode);
                    }

                    w.WriteStartObject("parameters");
                    foreach (var p in o.Parameters)
                    {
                        w.WriteString(p.Key, p.Value);
                    }

                    w.WriteEndObject();
                    w.WriteStartObject("artifacts");
                    foreach (var a in o.Artifacts)
                    {
                        w.WriteString(a.Key, a.Value);
                    }

                    w.WriteEndObject();
                    w.WriteEndObject();
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("cannotRun");
            foreach (var c in CannotRun)
            {
                w.WriteStringValue(c);
            }

            w.WriteEndArray();
            w.WriteStartArray("warnings");
            foreach (var warning in Warnings)
            {
                w.WriteStringValue(warning);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static string Stamp(DateTimeOffset t) => t.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}

/// <summary>A workflow could not be loaded for running.</summary>
public sealed class RunLoadException(string message) : Exception(message);

/// <summary>Entry points: load a workflow file and run it.</summary>
public static class WorkflowRunner
{
    /// <summary>
    /// Reads <paramref name="path"/> (a Workflow, possibly with WorkflowTemplates and ConfigMaps in the same file or in
    /// <paramref name="extraFiles"/>) and runs it.
    /// </summary>
    /// <exception cref="RunLoadException">The file does not hold a runnable Workflow (the message names the file and line).</exception>
    public static Task<RunReport> RunFileAsync(string path, RunOptions options, IEnumerable<string>? extraFiles = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var files = new List<ManifestFile> { ArgoYaml.ReadFile(path) };
        files.AddRange((extraFiles ?? []).Select(f => ArgoYaml.ReadFile(f)));
        return RunAsync(files, options, replay: null);
    }

    /// <summary>Runs a workflow given as YAML text (tests, benchmarks).</summary>
    public static Task<RunReport> RunTextAsync(string yaml, RunOptions options) =>
        RunAsync([ArgoYaml.ReadText(yaml, "<text>")], options, replay: null, text: yaml);

    /// <summary>
    /// Resumes the run in <paramref name="runDirectory"/>: the workflow and options saved there are used again, and every
    /// node the journal records as finished is replayed rather than run again.
    /// </summary>
    public static Task<RunReport> ResumeAsync(string runDirectory, RunOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var saved = Path.Combine(runDirectory, "workflow.yaml");
        if (!File.Exists(saved))
        {
            throw new RunLoadException($"{runDirectory}: not a run folder (no workflow.yaml); give the folder printed by 'pipelines run'");
        }

        var meta = Path.Combine(runDirectory, "run.json");
        if (File.Exists(meta))
        {
            var info = JsonSerializer.Deserialize<RunInfo>(File.ReadAllText(meta), JournalJson.Options);
            if (info is not null)
            {
                options.WorkflowName ??= info.Name;
                options.Entrypoint ??= info.Entrypoint;
                foreach (var p in info.Parameters ?? [])
                {
                    options.Parameters.TryAdd(p.Key, p.Value);
                }
            }
        }

        options.RunDirectory = runDirectory;

        // Processes a killed runner left behind still write into node folders: kill them before anything reruns.
        Executors.ProcessGroups.KillLeftovers(runDirectory);
        var replay = Journal.Read(Path.Combine(runDirectory, "journal.jsonl"));
        var files = Directory.GetFiles(runDirectory, "*.yaml").OrderBy(f => f, StringComparer.Ordinal).Select(f => ArgoYaml.ReadFile(f)).ToList();
        var main = files.First(f => Path.GetFileName(f.Path) == "workflow.yaml");
        files.Remove(main);
        files.Insert(0, main);
        return RunAsync(files, options, replay);
    }

    /// <summary>
    /// workflow/util/util.go overrideParameters: each <c>-p NAME=VALUE</c> becomes a parameter with just that name and
    /// value, first and in the order given; the arguments not given follow as they were.
    /// </summary>
    private static void OverrideParameters(object? document, IReadOnlyDictionary<string, string> overrides)
    {
        var spec = document switch
        {
            Workflow w => w.Spec,
            WorkflowTemplate t => t.Spec,
            ClusterWorkflowTemplate c => c.Spec,
            CronWorkflow cron => cron.Spec?.WorkflowSpec,
            _ => null,
        };
        if (spec is null || overrides.Count == 0)
        {
            return;
        }

        spec.Arguments ??= new Arguments();
        var parameters = overrides.Select(o => new Parameter { Name = o.Key, Value = o.Value }).ToList();
        parameters.AddRange((spec.Arguments.Parameters ?? []).Where(p => p?.Name is null || !overrides.ContainsKey(p.Name)));
        spec.Arguments.Parameters = parameters;
    }

    /// <summary>The Workflow that <c>argo submit --from</c> would create from a document, or null when it has no spec.</summary>
    private static Workflow? AsWorkflow(object? document) => document switch
    {
        Workflow w => w,
        WorkflowTemplate { Spec: { } spec } t => new Workflow { Metadata = new ObjectMeta { GenerateName = (t.Metadata?.Name ?? "workflow") + "-", Labels = t.Metadata?.Labels, Annotations = t.Metadata?.Annotations }, Spec = spec },
        ClusterWorkflowTemplate { Spec: { } spec } c => new Workflow { Metadata = new ObjectMeta { GenerateName = (c.Metadata?.Name ?? "workflow") + "-", Labels = c.Metadata?.Labels, Annotations = c.Metadata?.Annotations }, Spec = spec },
        CronWorkflow { Spec.WorkflowSpec: { } spec } cron => new Workflow { Metadata = new ObjectMeta { GenerateName = (cron.Metadata?.Name ?? "workflow") + "-", Labels = cron.Spec.WorkflowMetadata?.Labels, Annotations = cron.Spec.WorkflowMetadata?.Annotations }, Spec = spec },
        _ => null,
    };

    private sealed class RunInfo
    {
        public string? Name { get; set; }

        public string? Entrypoint { get; set; }

        public Dictionary<string, string>? Parameters { get; set; }
    }

    private static async Task<RunReport> RunAsync(List<ManifestFile> files, RunOptions options, Dictionary<string, JournalRecord>? replay, string? text = null)
    {
        if (string.IsNullOrEmpty(options.RunDirectory))
        {
            throw new ArgumentException("RunOptions.RunDirectory is required", nameof(options));
        }

        // Expressions' now() and sprig's date functions read the run's clock.
        var clock = options.Clock;
        using var exprClock = Expressions.ExprClock.Use(() => clock.UtcNow);
        var main = files[0];
        var problems = main.AllFindings.Where(f => f.Severity == Severity.Error).ToList();
        if (main.HasFileErrors)
        {
            var f = problems.FirstOrDefault();
            throw new RunLoadException($"{main.Path}:{f?.Line ?? 1}: {f?.Message ?? "cannot read the file"}");
        }

        // A Workflow runs as written; without one, the first WorkflowTemplate, ClusterWorkflowTemplate or CronWorkflow
        // runs the way `argo submit --from <kind>/<name>` would: a Workflow with the template's (or the CronWorkflow's
        // workflowSpec's) spec.
        var workflowDoc = main.Documents.FirstOrDefault(d => d.ArgoKind == ArgoKind.Workflow)
            ?? main.Documents.FirstOrDefault(d => d.ArgoKind is ArgoKind.WorkflowTemplate or ArgoKind.ClusterWorkflowTemplate or ArgoKind.CronWorkflow)
            ?? throw new RunLoadException($"{main.Path}: no Workflow, WorkflowTemplate, ClusterWorkflowTemplate or CronWorkflow document to run");
        // Argo's validator runs first (as `argo submit` does), on the workflow with the -p values in its arguments
        // (workflow/util/util.go ApplySubmitOpts runs before validation): a workflow Argo rejects does not run here either.
        // A Workflow without any name is only a warning here: the run names it (--name, else generateName or "workflow-").
        OverrideParameters(workflowDoc.Object, options.Parameters);
        Pipelines.Argo.Validation.ArgoValidator.Validate(files, new Pipelines.Argo.Validation.ValidationOptions { NameAtSubmit = true });
        var docErrors = workflowDoc.Findings.Where(f => f.Severity == Severity.Error).ToList();
        var wf = docErrors.Count > 0 ? null : AsWorkflow(workflowDoc.Object);
        if (wf is null)
        {
            var f = docErrors.FirstOrDefault();
            throw new RunLoadException(string.Join("\n", docErrors.Count == 0
                ? [$"{main.Path}:{workflowDoc.Line}: the {workflowDoc.Kind} could not be read"]
                : docErrors.Select(e => $"{main.Path}:{e.Line}:{e.Column}: error {e.Code}: {e.Message} [{e.Path}]")));
        }

        // The run folder is a wall (docs/runner.md): names and paths that would leave it are refused before anything runs.
        var wall = WallProblems(files).ToList();
        if (wall.Count > 0)
        {
            throw new RunLoadException(string.Join("\n", wall));
        }

        var templates = new Dictionary<string, WorkflowTemplate>(StringComparer.Ordinal);
        foreach (var doc in files.SelectMany(x => x.Documents))
        {
            switch (doc.Object)
            {
                case WorkflowTemplate t when t.Metadata?.Name is { } n:
                    templates[n] = t;
                    break;
                case ClusterWorkflowTemplate c when c.Metadata?.Name is { } cn:
                    templates[cn] = new WorkflowTemplate { Metadata = c.Metadata, Spec = c.Spec };
                    break;
            }

            if (doc.Kind == "ConfigMap" && doc.Root is YamlMapping cmMap && doc.Name is { } cmName)
            {
                var data = new Dictionary<string, string>(StringComparer.Ordinal);
                if (cmMap.Get("data") is YamlMapping dataMap)
                {
                    foreach (var e in dataMap.Entries)
                    {
                        if (e.Value is YamlScalar s)
                        {
                            data[e.Key.Value] = s.Value;
                        }
                    }
                }

                options.ConfigMaps.TryAdd(cmName, data);
            }
        }

        // workflowTemplateRef: the referenced template's spec, with this Workflow's arguments winning.
        if (wf.Spec?.WorkflowTemplateRef is { } wtr)
        {
            if (wtr.Name is null || !templates.TryGetValue(wtr.Name, out var referenced) || referenced.Spec is null)
            {
                throw new RunLoadException($"{main.Path}: workflowTemplateRef '{wtr.Name}' not found; pass the file that defines it with --with FILE");
            }

            var spec = ModelSerializer.ReadWorkflowSpec(new ModelReader([]), ModelSerializer.WriteWorkflowSpec(referenced.Spec), FieldPath.Root)!;
            if (wf.Spec.Arguments?.Parameters is { } ps)
            {
                spec.Arguments ??= new Arguments();
                spec.Arguments.Parameters ??= [];
                foreach (var p in ps)
                {
                    spec.Arguments.Parameters.RemoveAll(x => x.Name == p.Name);
                    spec.Arguments.Parameters.Add(p);
                }
            }

            spec.Entrypoint = wf.Spec.Entrypoint ?? spec.Entrypoint;
            wf = new Workflow { ApiVersion = wf.ApiVersion, Kind = wf.Kind, Metadata = wf.Metadata, Spec = spec };
        }

        var name = options.WorkflowName ?? NameFor(wf);
        if (!RunWall.IsSafeSegment(name))
        {
            throw new RunLoadException($"{main.Path}: the workflow name '{WallCheck.Escape(name)}' names the run's node folders, so it must not contain '/', '\\', control characters, or be '.' or '..'");
        }

        Directory.CreateDirectory(options.RunDirectory);
        if (replay is null)
        {
            // Save what resume needs: the workflow, companion files and the options that shape node names. Text is
            // saved as given, like a file (resume applies the -p values again from run.json).
            File.WriteAllText(Path.Combine(options.RunDirectory, "workflow.yaml"), text ?? (File.Exists(main.Path) ? File.ReadAllText(main.Path) : ManifestWriterText(wf)));
            var k = 0;
            foreach (var extra in files.Skip(1).Where(f => File.Exists(f.Path)))
            {
                File.Copy(extra.Path, Path.Combine(options.RunDirectory, $"with-{k++}.yaml"), overwrite: true);
            }

            File.WriteAllText(Path.Combine(options.RunDirectory, "run.json"), JsonSerializer.Serialize(new RunInfo { Name = name, Entrypoint = options.Entrypoint, Parameters = options.Parameters }, JournalJson.Options));
        }

        var run = new WorkflowRun(wf, templates, options, name, replay);
        try
        {
            await run.RunAsync().ConfigureAwait(false);
        }
        finally
        {
            Executors.ProcessGroups.EndWatch(options.RunDirectory);
        }

        return new RunReport(run.Name, run.Suspended ? "Running" : run.Phase, run.Message, run.Suspended, run.Nodes, run.GlobalOutputs, run.StartedAt, run.FinishedAt, run.CannotRun.Distinct().ToList(), options.RunDirectory)
        {
            Warnings = run.Warnings,
            Labels = run.Labels,
        };
    }

    /// <summary>Wall problems of every Argo document of the run, as "file:line:column: message [path]".</summary>
    private static IEnumerable<string> WallProblems(List<ManifestFile> files)
    {
        foreach (var file in files)
        {
            foreach (var doc in file.Documents)
            {
                var problems = doc.Object switch
                {
                    Workflow w => WallCheck.WorkflowName(w.Metadata, "metadata").Concat(WallCheck.Spec(w.Spec, "spec")),
                    WorkflowTemplate t => WallCheck.WorkflowName(t.Metadata, "metadata").Concat(WallCheck.Spec(t.Spec, "spec")),
                    ClusterWorkflowTemplate c => WallCheck.WorkflowName(c.Metadata, "metadata").Concat(WallCheck.Spec(c.Spec, "spec")),
                    CronWorkflow cron => WallCheck.WorkflowName(cron.Metadata, "metadata").Concat(WallCheck.Spec(cron.Spec?.WorkflowSpec, "spec.workflowSpec")),
                    _ => [],
                };
                foreach (var p in problems)
                {
                    var (line, column) = YamlLocator.Locate(doc.Root, FieldPath.Parse(p.Path));
                    yield return $"{file.Path}:{line}:{column}: error: {p.Message} [{p.Path}]";
                }
            }
        }
    }

    private static string ManifestWriterText(Workflow wf) => ArgoYaml.Write(wf);

    private static string NameFor(Workflow wf)
    {
        if (wf.Metadata?.Name is { Length: > 0 } n)
        {
            return n;
        }

        var prefix = wf.Metadata?.GenerateName ?? "workflow-";
        var suffix = new string(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(5).ToArray()).PadRight(5, 'x');
        return prefix + suffix;
    }
}
