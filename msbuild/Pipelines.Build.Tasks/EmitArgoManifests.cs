using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Pipelines.Argo;
using Pipelines.Argo.Model;
using Pipelines.Argo.Validation;

namespace Pipelines.Build.Tasks;

public sealed partial class EmitArgoManifests
{
    /// <summary>The names this task gives its files; only such files are ever deleted as stale.</summary>
    private static readonly Regex OwnFileName = new(
        "^((workflow|workflowtemplate|clusterworkflowtemplate|cronworkflow|prometheusrule|eventsource|sensor|eventbus|serviceaccount|role|rolebinding)-[a-z0-9][a-z0-9.-]*(\\.yaml|\\.mermaid\\.md|\\.svg)|kustomization\\.yaml|dashboard-[a-z0-9][a-z0-9.-]*\\.json)$",
        RegexOptions.CultureInvariant);

    private static readonly Regex SafeName = new("^[a-z0-9][a-z0-9.-]*$", RegexOptions.CultureInvariant);

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>The lint codes each manifest's class turns off with <c>[SuppressLint]</c>, by manifest id.</summary>
    private Dictionary<string, HashSet<string>> _suppressions = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public override bool Execute()
    {
        ManifestFiles = Array.Empty<ITaskItem>();
        DiagramFiles = Array.Empty<ITaskItem>();
        Log.LogMessage(MessageImportance.Low, "EmitArgoManifests: assembly '{0}', manifests folder '{1}', state file '{2}'.", AssemblyPath, ManifestsDirectory, StateFile);

        var manifests = ReadAssembly();
        if (manifests is null)
        {
            return false;
        }

        var outputs = Check(manifests);
        if (Log.HasLoggedErrors)
        {
            return false;
        }

        var files = Plan(outputs);
        if (Log.HasLoggedErrors)
        {
            return false;
        }

        if (Verify)
        {
            VerifyFiles(files);
        }
        else
        {
            Write(files);
        }

        return !Log.HasLoggedErrors;
    }

    /// <summary>One file the task produces: a manifest (<see cref="Output"/> set) or the kustomization.</summary>
    /// <remarks><paramref name="DiagramOf"/> is the C# type a diagram file (PipelinesDiagrams) draws; null for other files.</remarks>
    private sealed record PlannedFile(string FileName, byte[] Bytes, Output? Output, string? DiagramOf = null);

    /// <summary>One manifest that is ready to be written.</summary>
    private sealed record Output(Entry Entry, string FileName, string Kind, string Name, string Content);

    /// <summary>One embedded manifest, as read.</summary>
    private sealed class Entry(EmbeddedManifest source, SourceMap map, ManifestFile file)
    {
        public EmbeddedManifest Source { get; } = source;

        public SourceMap Map { get; } = map;

        public ManifestFile File { get; } = file;
    }

    private List<EmbeddedManifest>? ReadAssembly()
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(AssemblyPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            Report(BuildCodes.AssemblyUnreadable, $"cannot read the assembly '{AssemblyPath}': {e.Message}; build the project first, or check the path", AssemblyPath);
            return null;
        }

        EmbeddedManifests found;
        try
        {
            found = ManifestAttributeReader.Read(bytes);
        }
        catch (Exception e) when (e is BadImageFormatException or InvalidOperationException or ArgumentException)
        {
            Report(BuildCodes.AssemblyUnreadable, $"'{AssemblyPath}' is not a .NET assembly ({e.Message}); the build output looks damaged, rebuild the project", AssemblyPath);
            return null;
        }

        foreach (var problem in found.BadAttributes)
        {
            Report(BuildCodes.AttributeUnreadable, $"a PipelineManifest attribute in '{AssemblyPath}' cannot be used: {problem}; the attribute is meant to be written by the Pipelines source generator, not by hand", AssemblyPath);
        }

        _suppressions = found.Suppressions;
        Log.LogMessage(MessageImportance.Low, "EmitArgoManifests: {0} manifest(s) found.", found.Manifests.Count);
        return found.Manifests.OrderBy(m => m.Id, StringComparer.Ordinal).ToList();
    }

    private List<Output> Check(List<EmbeddedManifest> manifests)
    {
        var entries = new List<Entry>();
        foreach (var group in manifests.GroupBy(m => m.Id, StringComparer.Ordinal))
        {
            var first = group.First();
            var map = SourceMap.Parse(first.SourceMapJson, out var problem);
            if (problem is not null)
            {
                Report(BuildCodes.SourceMapInvalid, $"the source map of {first.Id} cannot be used fully: {problem}; findings are reported at the nearest usable location", map.Locate(string.Empty), AssemblyPath);
            }

            if (group.Count() > 1)
            {
                Report(BuildCodes.DuplicateId, $"{group.Count()} PipelineManifest attributes have the id {first.Id}; only the first is used. Each workflow type must be generated once", map.Locate(string.Empty), AssemblyPath);
            }

            entries.Add(new Entry(first, map, ArgoYaml.ReadText(first.ManifestJson, first.Id)));
        }

        // The build's YAML is applied as written, so nothing supplies a missing name later (PIPE1014 is an error here).
        ArgoValidator.Validate(entries.Select(e => e.File).Concat(ReadReferencedManifests()).ToList(), new ValidationOptions { NameAtSubmit = false });

        var outputs = new List<Output>();
        foreach (var entry in entries)
        {
            foreach (var finding in entry.File.AllFindings)
            {
                ReportFinding(entry, finding);
            }

            if (entry.File.HasFileErrors || entry.File.Documents.Any(d => d.HasErrors))
            {
                continue;
            }

            if (entry.File.Documents.Count != 1 || entry.File.Documents[0].Object is not { } obj)
            {
                var what = entry.File.Documents.Count != 1
                    ? entry.File.Documents.Count.ToString(CultureInfo.InvariantCulture) + " documents"
                    : "a " + (entry.File.Documents[0].Kind ?? "document without kind");
                Report(BuildCodes.NotArgoManifest, $"{entry.Source.Id} holds {what}; a pipeline manifest must be exactly one Workflow, WorkflowTemplate, ClusterWorkflowTemplate or CronWorkflow", entry.Map.Locate(string.Empty), AssemblyPath);
                continue;
            }

            var kind = entry.File.Documents[0].ArgoKind!.Value.ToString();
            // A fixed metadata.name names the file. A generateName does not: several workflows may share one (Argo's own
            // examples do), so the file is named after the C# type instead, which is unique and stable across builds.
            // An object with neither is a validator error (PIPE1014) and never gets here.
            var name = obj.Metadata?.Name;
            if (string.IsNullOrEmpty(name) && obj.Metadata?.GenerateName is { Length: > 0 })
            {
                name = Kebab(entry.Source.Id.Substring(entry.Source.Id.LastIndexOf('.') + 1));
            }

            if (string.IsNullOrEmpty(name) || !SafeName.IsMatch(name))
            {
                var why = string.IsNullOrEmpty(name) ? "has no metadata.name or generateName" : $"has the name '{name}', which is not a lowercase RFC 1123 name";
                Report(BuildCodes.NoFileName, $"{entry.Source.Id} {why}, so it cannot be named as a file; give the workflow a name", entry.Map.Locate("metadata"), AssemblyPath);
                continue;
            }

            var fileName = kind.ToLowerInvariant() + "-" + name + ".yaml";
            outputs.Add(new Output(entry, fileName, kind, name!, ArgoYaml.Write(obj)));
        }

        foreach (var clash in outputs.GroupBy(o => o.FileName, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            var first = clash.First();
            foreach (var other in clash.Skip(1))
            {
                Report(BuildCodes.FileNameCollision, $"{first.Entry.Source.Id} and {other.Entry.Source.Id} are both the {other.Kind} '{other.Name}', so both would be written to {other.FileName}; give one of them another name", other.Entry.Map.Locate("metadata"), AssemblyPath);
            }
        }

        return outputs;
    }

    /// <summary>
    /// The manifests embedded in the referenced assemblies (template libraries), read like this project's but only as
    /// extra documents for the validator. A file that cannot be read or is not a .NET assembly is skipped.
    /// </summary>
    private List<ManifestFile> ReadReferencedManifests()
    {
        var files = new List<ManifestFile>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { Path.GetFullPath(AssemblyPath) };
        foreach (var item in ReferenceAssemblies ?? Array.Empty<ITaskItem>())
        {
            var path = item.ItemSpec;
            try
            {
                if (!seen.Add(Path.GetFullPath(path)) || !File.Exists(path))
                {
                    continue;
                }

                foreach (var manifest in ManifestAttributeReader.Read(File.ReadAllBytes(path)).Manifests)
                {
                    files.Add(ArgoYaml.ReadText(manifest.ManifestJson, Path.GetFileName(path) + ":" + manifest.Id));
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException or BadImageFormatException or InvalidOperationException)
            {
                Log.LogMessage(MessageImportance.Low, "EmitArgoManifests: skipped reference '{0}': {1}", path, e.Message);
            }
        }

        Log.LogMessage(MessageImportance.Low, "EmitArgoManifests: {0} manifest(s) from referenced assemblies.", files.Count);
        return files;
    }

    /// <summary>PascalCase to kebab-case: <c>DagEnhancedDepends</c> to <c>dag-enhanced-depends</c>, <c>HTTPServer</c> to <c>http-server</c>.</summary>
    internal static string Kebab(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (!char.IsLetterOrDigit(c))
            {
                if (sb.Length > 0 && sb[sb.Length - 1] != '-')
                {
                    sb.Append('-');
                }

                continue;
            }

            if (char.IsUpper(c) && i > 0 && sb.Length > 0 && sb[sb.Length - 1] != '-' &&
                (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]))))
            {
                sb.Append('-');
            }

            sb.Append(char.ToLowerInvariant(c));
        }

        return sb.ToString().Trim('-');
    }

    private void Write(List<PlannedFile> files)
    {
        var directory = FullPath(ManifestsDirectory);
        var written = new List<ITaskItem>();
        var diagrams = new List<ITaskItem>();
        try
        {
            Directory.CreateDirectory(directory);
        }
        catch (Exception e) when (IsIoProblem(e))
        {
            Report(BuildCodes.WriteFailed, $"cannot create the manifests folder '{directory}': {e.Message}", directory);
            return;
        }

        if (!CheckKustomizationOwnership(directory))
        {
            return;
        }

        var stateFiles = new List<string>();
        foreach (var file in files)
        {
            var path = Path.Combine(directory, file.FileName);
            var bytes = file.Bytes;
            try
            {
                if (WriteIfChanged(path, bytes))
                {
                    Log.LogMessage(MessageImportance.Normal, "EmitArgoManifests: wrote {0} ({1}).", path, file.Output?.Entry.Source.Id ?? (file.DiagramOf is { } d ? "diagram of " + d : "kustomization"));
                }
                else
                {
                    Log.LogMessage(MessageImportance.Low, "EmitArgoManifests: {0} is unchanged.", path);
                }
            }
            catch (Exception e) when (IsIoProblem(e))
            {
                Report(BuildCodes.WriteFailed, $"cannot write '{path}': {e.Message}", path);
                continue;
            }

            stateFiles.Add(path);
            if (file.DiagramOf is { } drawn)
            {
                var diagram = new TaskItem(path);
                diagram.SetMetadata("ManifestId", drawn);
                diagrams.Add(diagram);
            }

            if (file.Output is not { } output)
            {
                continue;
            }

            var item = new TaskItem(path);
            item.SetMetadata("ManifestId", output.Entry.Source.Id);
            item.SetMetadata("Kind", output.Kind);
            item.SetMetadata("ManifestName", output.Name);
            written.Add(item);
        }

        if (Log.HasLoggedErrors)
        {
            // Nothing is deleted after a failed write; the files that did get written join the old list, so that a
            // later run still knows they are ours.
            if (StateFile.Length > 0)
            {
                var stateFile = FullPath(StateFile);
                SaveState(stateFile, ReadState(stateFile).Concat(stateFiles));
            }

            return;
        }

        ManifestFiles = written.ToArray();
        DiagramFiles = diagrams.ToArray();
        UpdateState(stateFiles);
    }

    private void UpdateState(List<string> produced)
    {
        if (string.IsNullOrEmpty(StateFile))
        {
            return;
        }

        var stateFile = FullPath(StateFile);
        var keep = new HashSet<string>(produced, PathComparer);
        foreach (var old in ReadState(stateFile))
        {
            if (keep.Contains(old) || !Path.IsPathRooted(old) || !OwnFileName.IsMatch(Path.GetFileName(old)))
            {
                continue;
            }

            if (string.Equals(Path.GetFileName(old), KustomizationFileName, StringComparison.Ordinal) && !SafeIsOurs(old))
            {
                continue;
            }

            try
            {
                if (File.Exists(old))
                {
                    File.Delete(old);
                    Log.LogMessage(MessageImportance.Normal, "EmitArgoManifests: deleted {0}, which no manifest produces any more.", old);
                }
            }
            catch (Exception e) when (IsIoProblem(e))
            {
                Report(BuildCodes.DeleteFailed, $"cannot delete '{old}', written by an earlier build and no longer produced: {e.Message}; delete it by hand", old);
            }
        }

        SaveState(stateFile, produced);
    }

    private static bool SafeIsOurs(string path)
    {
        try
        {
            return KustomizationIsOurs(path);
        }
        catch (Exception e) when (IsIoProblem(e))
        {
            return false;
        }
    }

    private void SaveState(string stateFile, IEnumerable<string> files)
    {
        var text = string.Concat(files.Distinct(PathComparer).OrderBy(p => p, StringComparer.Ordinal).Select(p => p + "\n"));
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(stateFile)!);
            WriteIfChanged(stateFile, Utf8.GetBytes(text));
        }
        catch (Exception e) when (IsIoProblem(e))
        {
            Report(BuildCodes.WriteFailed, $"cannot write the state file '{stateFile}': {e.Message}", stateFile);
        }
    }

    private List<string> ReadState(string stateFile)
    {
        try
        {
            return File.Exists(stateFile)
                ? File.ReadAllLines(stateFile).Where(l => l.Length > 0).ToList()
                : [];
        }
        catch (Exception e) when (IsIoProblem(e))
        {
            Log.LogMessage(MessageImportance.Normal, "EmitArgoManifests: cannot read the state file '{0}' ({1}); no stale files are deleted this time.", stateFile, e.Message);
            return [];
        }
    }

    /// <summary>Writes through a temporary file in the same folder, and only when the content differs.</summary>
    private static bool WriteIfChanged(string path, byte[] bytes)
    {
        if (File.Exists(path) && File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes))
        {
            return false;
        }

        var temp = path + "." + Path.GetRandomFileName() + ".tmp";
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

        return true;
    }

    private void ReportFinding(Entry entry, Finding finding)
    {
        // [SuppressLint(code)] on the class turns off a warning or note of that code for its manifest; never an error.
        if (finding.Severity != Severity.Error && _suppressions.TryGetValue(entry.Source.Id, out var suppressed) && suppressed.Contains(finding.Code))
        {
            Log.LogMessage(MessageImportance.Low, "EmitArgoManifests: {0} on {1} is suppressed by [SuppressLint] ({2}).", finding.Code, entry.Source.Id, finding.Path);
            return;
        }

        var where = finding.Path.Length == 0 ? entry.Source.Id : entry.Source.Id + ": " + finding.Path;
        var message = finding.Message + " [" + where + "]";
        var location = entry.Map.Locate(finding.Path);
        var file = location is null ? AssemblyPath : SourceFile(location.File);
        Emit(finding.Code, finding.Severity, message, file, location?.Line ?? 0, location?.Column ?? 0);
    }

    private void Report(FindingDescriptor code, string message, SourceLocation? location, string fallbackFile)
    {
        if (location is null)
        {
            Report(code, message, fallbackFile);
        }
        else
        {
            Emit(code.Code, code.Severity, message, SourceFile(location.File), location.Line, location.Column);
        }
    }

    private void Report(FindingDescriptor code, string message, string file) => Emit(code.Code, code.Severity, message, file, 0, 0);

    private void Emit(string code, Severity severity, string message, string file, int line, int column)
    {
        // No message arguments: messages contain Argo's {{...}} expressions and must not be formatted.
        // Control characters from names or keys (a line feed, an ANSI escape) are escaped: one finding, one line. The
        // drift report alone is several lines by design (its diff): each of its lines is escaped.
        message = code == BuildCodes.ManifestDrift.Code
            ? string.Join("\n", message.Split('\n').Select(DiagnosticText.Escape))
            : DiagnosticText.Escape(message);
        if (severity == Severity.Error)
        {
            Log.LogError(null, code, code, file, line, column, 0, 0, message);
        }
        else
        {
            Log.LogWarning(null, code, code, file, line, column, 0, 0, message);
        }
    }

    private string SourceFile(string relative) =>
        FullPath(relative.Replace('\\', '/'));

    private string FullPath(string path)
    {
        var baseDirectory = string.IsNullOrEmpty(ProjectDirectory) ? Directory.GetCurrentDirectory() : ProjectDirectory;
        return Path.GetFullPath(Path.Combine(baseDirectory, path));
    }

    private static StringComparer PathComparer =>
        Path.DirectorySeparatorChar == '\\' ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

    private static bool IsIoProblem(Exception e) =>
        e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException or System.Security.SecurityException;
}
