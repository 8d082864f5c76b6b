using System;

namespace Pipelines;

/// <summary>
/// Turns off one lint finding (a <c>PIPE</c> code that <c>pipelines lint</c> and the build report on the generated
/// manifest, such as <c>PIPE1307</c>) for the workflow this class defines. The build task does not report that code for
/// this class's manifest; other codes, other classes, and errors are unaffected (an error cannot be suppressed). Put one
/// attribute per code on the <c>partial</c> class, with a <see cref="Justification"/> a reviewer can judge:
/// <code>
/// [Workflow(GenerateName = "legacy-")]
/// [SuppressLint("PIPE1307", Justification = "Kept as the original YAML had it; fix when the template is reworked.")]
/// public partial class Legacy { ... }
/// </code>
/// Analyzer diagnostics in the C# code are suppressed the usual way (<c>#pragma warning disable</c>, <c>.editorconfig</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class SuppressLintAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="code">The lint code to turn off for this workflow, for example <c>"PIPE1307"</c>.</param>
    public SuppressLintAttribute(string code) => Code = code;

    /// <summary>The lint code that the build does not report for this workflow.</summary>
    public string Code { get; }

    /// <summary>Why the finding is acceptable here (kept in the code for reviewers; the build does not read it).</summary>
    public string? Justification { get; set; }
}
