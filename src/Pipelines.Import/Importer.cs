using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Pipelines.Argo;
using Pipelines.Argo.Model;
using Pipelines.Argo.Validation;

namespace Pipelines.Import;

/// <summary>Options of an import.</summary>
/// <param name="Namespace">The C# namespace of the generated classes.</param>
public sealed record ImportOptions(string Namespace);

/// <summary>One generated C# file.</summary>
/// <param name="FileName">The file name (no folder): the class name plus <c>.cs</c>.</param>
/// <param name="ClassName">The class name.</param>
/// <param name="Source">The manifest file the document came from.</param>
/// <param name="Line">The 1-based line where the document starts.</param>
/// <param name="Content">The C# text.</param>
/// <param name="SpecCount">How many <c>[Spec]</c> members the class has.</param>
/// <param name="PatchCount">How many <c>[Patch]</c> attributes the class has.</param>
public sealed record ImportedFile(string FileName, string ClassName, string Source, int Line, string Content, int SpecCount, int PatchCount);

/// <summary>A finding of an import, with the manifest file it is about.</summary>
/// <param name="File">The manifest file.</param>
/// <param name="Finding">The finding (line and path in that file).</param>
public sealed record ImportFinding(string File, Finding Finding);

/// <summary>What an import produced.</summary>
public sealed class ImportResult
{
    /// <summary>The C# files, in a stable order (by file name).</summary>
    public List<ImportedFile> Files { get; } = [];

    /// <summary>Findings: documents not imported and why, values that could not be written exactly.</summary>
    public List<ImportFinding> Findings { get; } = [];

    /// <summary>The number of Argo documents read.</summary>
    public int Documents { get; internal set; }

    /// <summary>True when a finding has error severity.</summary>
    public bool HasErrors => Findings.Any(f => f.Finding.Severity == Severity.Error);
}

/// <summary>
/// Converts Argo manifests into C# classes for the Pipelines authoring surface. Every document is read with the strict
/// reader and checked with the validator; a document with errors is reported and skipped, the others are converted.
/// </summary>
public static class Importer
{
    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        "Spec", "Metadata", "Schedule", "WorkflowSpec", "ObjectMeta", "CronWorkflowSpec", "YamlMapping", "YamlSequence", "Pipelines", "Node", "Template",
        "Workflow", "WorkflowTemplate", "ClusterWorkflowTemplate", "CronWorkflow", "Label", "Annotation", "Patch",
    };

    /// <summary>Imports manifest files (already collected: folders expanded).</summary>
    /// <param name="files">The files, in the order to report them.</param>
    /// <param name="options">Namespace and other options.</param>
    public static ImportResult ImportFiles(IReadOnlyList<string> files, ImportOptions options)
    {
        var manifests = files.Select(f => ArgoYaml.ReadFile(f)).ToList();
        return Import(manifests, options);
    }

    /// <summary>Imports manifests already read (the validator runs over all of them together).</summary>
    public static ImportResult Import(IReadOnlyList<ManifestFile> manifests, ImportOptions options)
    {
        if (options is null || manifests is null)
        {
            throw new ArgumentNullException(options is null ? nameof(options) : nameof(manifests));
        }

        // A Workflow without any name is imported with generateName "workflow-" and a PIPE7003 note (below), so the
        // validator's PIPE1014 is only a warning here.
        ArgoValidator.Validate(manifests, new ValidationOptions { NameAtSubmit = true });
        var result = new ImportResult();
        var emitted = new List<(EmittedDocument Doc, string Source, int Line)>();
        foreach (var file in manifests)
        {
            foreach (var f in file.Findings.Where(f => f.Severity == Severity.Error))
            {
                result.Findings.Add(new ImportFinding(file.Path, f));
            }

            foreach (var doc in file.Documents)
            {
                if (doc.ArgoKind is null)
                {
                    var errors = doc.Findings.Where(f => f.Severity == Severity.Error).ToList();
                    foreach (var f in errors)
                    {
                        result.Findings.Add(new ImportFinding(file.Path, f));
                    }

                    if (errors.Count == 0)
                    {
                        result.Findings.Add(new ImportFinding(file.Path, ImportCodes.OtherKind.Create(
                            $"document {doc.Index + 1} is a {doc.Kind} ({doc.Name ?? "unnamed"}), not an Argo Workflows kind; it was not imported (keep it as YAML)", FieldPath.Root, doc.Line, 1)));
                    }

                    continue;
                }

                result.Documents++;
                if (doc.HasErrors || doc.Object is null)
                {
                    foreach (var f in doc.Findings.Where(f => f.Severity == Severity.Error).OrderBy(f => f.Line).ThenBy(f => f.Column))
                    {
                        result.Findings.Add(new ImportFinding(file.Path, f));
                    }

                    result.Findings.Add(new ImportFinding(file.Path, ImportCodes.NotImported.Create(
                        $"the {doc.Kind} {doc.Name ?? "(unnamed)"} has errors (above), so it was not imported; fix them and import again", FieldPath.Root, doc.Line, 1)));
                    continue;
                }

                // The validator's warnings (PIPE1xxx) that `pipelines lint` gives this document (the validator ran over all
                // documents above, as lint does), which the build of the imported class would report again. Not the
                // reader's (PIPE3xxx: about the YAML text, which the build never reads), nor PIPE1014 when the import
                // itself gives the unnamed Workflow a generateName (the built manifest no longer earns it).
                var unnamed = doc.Object is Workflow { Metadata: var meta } && meta?.Name is null && meta?.GenerateName is null;
                var lintCodes = doc.Findings
                    .Where(f => f.Severity == Severity.Warning && f.Code.StartsWith("PIPE1", StringComparison.Ordinal) && !(unnamed && f.Code == FindingCodes.ObjectNameMissing.Code))
                    .Select(f => f.Code).ToList();
                var code = DocumentEmitter.Emit(doc.Object, options.Namespace, lintCodes);
                if (unnamed)
                {
                    result.Findings.Add(new ImportFinding(file.Path, ImportCodes.NotExact.Create(
                        $"the Workflow has neither metadata.name nor generateName (argo submit --name would supply one), but a C# workflow must name itself (PIPE1014), so it was given generateName \"{DocumentEmitter.UnnamedWorkflowGenerateName}\"; rename it as you like",
                        FieldPath.Parse("metadata"), doc.Line, 1)));
                }

                foreach (var path in code.Inexpressible)
                {
                    result.Findings.Add(new ImportFinding(file.Path, ImportCodes.NotExact.Create(
                        $"a null in a free-form value has no C# form; it was written as \"\" (set it back in the YAML or remove it)", FieldPath.Parse(path), doc.Line, 1)));
                }

                emitted.Add((code, file.Path, doc.Line));
            }
        }

        // Unique class names that depend only on the documents (not on file names or order), so importing the built
        // manifests again gives the same classes: documents that ask for the same name are numbered in the order of
        // their kind and C# text.
        foreach (var group in emitted.GroupBy(e => Reserved.Contains(e.Doc.BaseName) ? e.Doc.BaseName + "Workflow" : e.Doc.BaseName, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var n = 0;
            foreach (var e in group.OrderBy(e => e.Doc.Kind, StringComparer.Ordinal).ThenBy(e => e.Doc.Code, StringComparer.Ordinal))
            {
                n++;
                var name = n == 1 ? group.Key : group.Key + n.ToString(CultureInfo.InvariantCulture);
                result.Files.Add(new ImportedFile(name + ".cs", name, e.Source, e.Line, e.Doc.Code.Replace(DocumentEmitter.ClassNamePlaceholder, name, StringComparison.Ordinal), e.Doc.SpecCount, e.Doc.PatchCount));
            }
        }

        result.Files.Sort((a, b) => string.CompareOrdinal(a.FileName, b.FileName));
        return result;
    }
}
