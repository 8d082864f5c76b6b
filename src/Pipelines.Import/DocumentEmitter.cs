using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Pipelines.Argo.Model;

namespace Pipelines.Import;

/// <summary>What one document became: its C# (with a placeholder for the class name) and what it used.</summary>
internal sealed record EmittedDocument(string Kind, string BaseName, string Code, int SpecCount, int PatchCount, IReadOnlyList<string> Inexpressible);

/// <summary>
/// Turns one Argo object into one C# class: the kind attribute with the name, labels and annotations as attributes, and
/// the rest of the manifest as typed <c>[Spec]</c> initializers over the model.
/// </summary>
internal static class DocumentEmitter
{
    /// <summary>Stands for the class name until every document of the import is known (names must be unique).</summary>
    public const string ClassNamePlaceholder = "\u0001ClassName\u0001";

    /// <summary>The generateName an imported Workflow without metadata.name or generateName is given.</summary>
    public const string UnnamedWorkflowGenerateName = "workflow-";

    /// <summary>Writes one document.</summary>
    /// <param name="obj">The Argo object.</param>
    /// <param name="ns">The C# namespace.</param>
    /// <param name="lintCodes">
    /// The warning codes <c>pipelines lint</c> reports on the source document: each becomes a <c>[SuppressLint]</c>, so the
    /// build of the imported class does not warn about what the YAML already had (and says so in the justification).
    /// </param>
    public static EmittedDocument Emit(IArgoObject obj, string ns, IReadOnlyCollection<string>? lintCodes = null)
    {
        var w = new CSharpWriter();
        var initializers = new InitializerWriter();
        var specs = 0;
        var meta = obj.Metadata ?? new ObjectMeta();
        var kind = obj.Kind ?? "Workflow";

        // A Workflow without any name (argo submit --name can supply one) cannot be built from C#: a C# workflow must
        // name itself (PIPE1014), so it gets the generateName UnnamedWorkflowGenerateName (the importer reports it).
        var generateName = meta.GenerateName ?? (obj is Workflow && meta.Name is null ? UnnamedWorkflowGenerateName : null);
        w.Line("// Imported from Argo YAML by `pipelines import`: " + kind + " " + (meta.Name ?? generateName ?? "(unnamed)") + ".");
        w.Line("using Pipelines;");
        w.Line("using Pipelines.Argo.Model;");
        var usingLine = w.ToString().Length;
        w.Line();
        w.Line("namespace " + ns + ";");
        w.Line();

        // The kind attribute.
        switch (obj)
        {
            case Workflow:
                var args = new List<string>();
                if (meta.Name is not null)
                {
                    args.Add("Name = " + CSharpLiteral.Quoted(meta.Name));
                }

                if (generateName is not null)
                {
                    args.Add("GenerateName = " + CSharpLiteral.Quoted(generateName));
                }

                w.Line(args.Count == 0 ? "[Workflow]" : "[Workflow(" + string.Join(", ", args) + ")]");
                break;
            case WorkflowTemplate:
                w.Line("[WorkflowTemplate(" + CSharpLiteral.Quoted(meta.Name ?? string.Empty) + ")]");
                break;
            case ClusterWorkflowTemplate:
                w.Line("[ClusterWorkflowTemplate(" + CSharpLiteral.Quoted(meta.Name ?? string.Empty) + ")]");
                break;
            case CronWorkflow cron:
                w.Line(CronAttribute(meta.Name ?? string.Empty, cron.Spec));
                break;
        }

        // Sorted by key, as the generator writes them, so importing the built manifest gives the same attributes.
        foreach (var (key, value) in (meta.Labels ?? []).OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            w.Line("[Label(" + CSharpLiteral.Quoted(key) + ", " + CSharpLiteral.String(value, 1) + ")]");
        }

        foreach (var (key, value) in (meta.Annotations ?? []).OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            w.Line("[Annotation(" + CSharpLiteral.Quoted(key) + ", " + CSharpLiteral.String(value, 1) + ")]");
        }

        foreach (var lintCode in (lintCodes ?? []).Distinct(StringComparer.Ordinal).OrderBy(c => c, StringComparer.Ordinal))
        {
            w.Line("[SuppressLint(" + CSharpLiteral.Quoted(lintCode) + ", Justification = " + CSharpLiteral.Quoted(
                "`pipelines lint` reports " + lintCode + " on the imported YAML too: kept as it was. Review it, then remove this line.") + ")]");
        }

        w.Line("public partial class " + ClassNamePlaceholder);
        w.Open();
        var members = new List<Action>();

        // metadata beyond name, generateName, labels and annotations.
        var rest = new ObjectMeta
        {
            Namespace = meta.Namespace, SelfLink = meta.SelfLink, Uid = meta.Uid, ResourceVersion = meta.ResourceVersion, Generation = meta.Generation,
            CreationTimestamp = meta.CreationTimestamp, DeletionTimestamp = meta.DeletionTimestamp, DeletionGracePeriodSeconds = meta.DeletionGracePeriodSeconds,
            OwnerReferences = meta.OwnerReferences, Finalizers = meta.Finalizers, ManagedFields = meta.ManagedFields,
            GenerateName = obj is Workflow ? null : meta.GenerateName,
        };
        if (InitializerWriter.SetProperties(rest).Any())
        {
            members.Add(() => Member(w, initializers, "ObjectMeta", "Metadata", rest, "metadata"));
        }

        WorkflowSpec? spec = null;
        var specPath = "spec";
        switch (obj)
        {
            case Workflow wf:
                spec = wf.Spec;
                break;
            case WorkflowTemplate wt:
                spec = wt.Spec;
                break;
            case ClusterWorkflowTemplate ct:
                spec = ct.Spec;
                break;
            case CronWorkflow cw when cw.Spec is { } cronSpec:
                spec = cronSpec.WorkflowSpec;
                specPath = "spec.workflowSpec";
                var cronRest = CronRest(cronSpec);
                if (InitializerWriter.SetProperties(cronRest).Any())
                {
                    members.Add(() => Member(w, initializers, "CronWorkflowSpec", "Schedule", cronRest, "spec"));
                }

                break;
        }

        // Container and script templates become typed methods; the rest of the spec stays one [Spec] initializer.
        var baseName = BaseName(meta);
        var memberNames = new HashSet<string>(StringComparer.Ordinal) { "Spec", "Metadata", "Schedule", baseName, baseName + "Workflow" };
        for (var i = 2; i < 10; i++)
        {
            memberNames.Add(baseName + i.ToString(CultureInfo.InvariantCulture));
        }

        var typed = new List<(Template Template, bool Entrypoint, string Path)>();
        if (spec is not null)
        {
            var all = spec.Templates ?? [];
            var entrypointDone = false;
            for (var i = 0; i < all.Count; i++)
            {
                var t = all[i];
                if (TemplateEmitter.IsTyped(t) && all.Count(x => x.Name == t.Name) == 1)
                {
                    var isEntry = !entrypointDone && spec.Entrypoint is { } e && e == t.Name;
                    entrypointDone |= isEntry;
                    typed.Add((t, isEntry, specPath + ".templates[name=" + t.Name + "]"));
                }
            }

            var copy = new WorkflowSpec();
            foreach (var (property, v) in InitializerWriter.SetProperties(spec))
            {
                property.SetValue(copy, v);
            }

            copy.Templates = all.Where(t => !typed.Any(x => ReferenceEquals(x.Template, t))).ToList();
            if (copy.Templates.Count == 0 && (spec.Templates is null || typed.Count > 0))
            {
                copy.Templates = null;
            }

            if (entrypointDone)
            {
                copy.Entrypoint = null;
            }

            spec = copy;
        }

        if (spec is not null && InitializerWriter.SetProperties(spec).Any())
        {
            members.Add(() => Member(w, initializers, "WorkflowSpec", "Spec", spec, specPath));
        }

        var templates = new TemplateEmitter(w, initializers, memberNames);
        foreach (var (t, isEntry, path) in typed)
        {
            members.Add(() => templates.Write(t, isEntry, path));
        }

        for (var i = 0; i < members.Count; i++)
        {
            if (i > 0)
            {
                w.Line();
            }

            members[i]();
        }

        specs = members.Count - typed.Count + templates.SpecCount;

        w.Close();
        var code = w.ToString();
        if (code.Contains("new YamlMapping", StringComparison.Ordinal) || code.Contains("new YamlSequence", StringComparison.Ordinal))
        {
            code = code.Insert(usingLine, "using Pipelines.Argo.Yaml;\n");
        }

        if (code.Contains("Privileged = true", StringComparison.Ordinal))
        {
            // The analyzers warn about privileged containers (PIPE4702); the YAML asked for one, so it is kept, and the
            // warning is turned off here with a note to review it rather than silently.
            code = code.Replace("\nnamespace ", "\n// The imported YAML runs a privileged container: kept as it was. Review it, then remove this line.\n#pragma warning disable PIPE4702\n\nnamespace ", StringComparison.Ordinal);
        }

        return new EmittedDocument(kind, BaseName(meta), code, specs, 0, initializers.Inexpressible);
    }

    private static void Member(CSharpWriter w, InitializerWriter initializers, string type, string name, object value, string path)
    {
        w.Line("[Spec]");
        w.Write("private static " + type + " " + name + " => ");
        w.Write(initializers.Write(value, w.Indent, path));
        w.Line(";");
    }

    private static string CronAttribute(string name, CronWorkflowSpec? spec)
    {
        var args = new List<string> { CSharpLiteral.Quoted(name) };
        args.AddRange((spec?.Schedules ?? []).Select(CSharpLiteral.Quoted));
        if (spec?.Timezone is { } tz)
        {
            args.Add("Timezone = " + CSharpLiteral.Quoted(tz));
        }

        if (spec?.ConcurrencyPolicy is { } policy)
        {
            args.Add("ConcurrencyPolicy = " + CSharpLiteral.Quoted(policy));
        }

        AddInt(args, "StartingDeadlineSeconds", spec?.StartingDeadlineSeconds);
        AddInt(args, "SuccessfulJobsHistoryLimit", spec?.SuccessfulJobsHistoryLimit);
        AddInt(args, "FailedJobsHistoryLimit", spec?.FailedJobsHistoryLimit);
        if (spec?.Suspend == true)
        {
            args.Add("Suspend = true");
        }

        return "[CronWorkflow(" + string.Join(", ", args) + ")]";
    }

    private static void AddInt(List<string> args, string name, long? value)
    {
        if (value is > 0 and <= int.MaxValue)
        {
            args.Add(name + " = " + value.Value.ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>The CronWorkflow settings the attribute cannot hold (zero counts, <c>suspend: false</c>, <c>when</c>, ...).</summary>
    private static CronWorkflowSpec CronRest(CronWorkflowSpec spec) => new()
    {
        Suspend = spec.Suspend == false ? false : null,
        StartingDeadlineSeconds = spec.StartingDeadlineSeconds is > 0 and <= int.MaxValue ? null : spec.StartingDeadlineSeconds,
        SuccessfulJobsHistoryLimit = spec.SuccessfulJobsHistoryLimit is > 0 and <= int.MaxValue ? null : spec.SuccessfulJobsHistoryLimit,
        FailedJobsHistoryLimit = spec.FailedJobsHistoryLimit is > 0 and <= int.MaxValue ? null : spec.FailedJobsHistoryLimit,
        WorkflowMetadata = spec.WorkflowMetadata,
        StopStrategy = spec.StopStrategy,
        When = spec.When,
    };

    /// <summary>The C# class name a document asks for: its name (or generateName) in PascalCase.</summary>
    internal static string BaseName(ObjectMeta meta)
    {
        var source = meta.Name ?? meta.GenerateName ?? "workflow";
        var sb = new System.Text.StringBuilder();
        var upper = true;
        foreach (var c in source)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                sb.Append(upper ? char.ToUpperInvariant(c) : c);
                upper = false;
            }
            else
            {
                upper = true;
            }
        }

        if (sb.Length == 0 || char.IsDigit(sb[0]))
        {
            sb.Insert(0, "Workflow");
        }

        return sb.ToString();
    }
}
