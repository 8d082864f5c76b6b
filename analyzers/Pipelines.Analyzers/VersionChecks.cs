using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Pipelines.Analyzers;

/// <summary>PIPE48xx: the Argo version (<c>PipelinesArgoVersion</c>, default 4.1) and the fields Argo 4 removed.</summary>
internal static class VersionChecks
{
    /// <summary>The Argo version checked against when the project does not set PipelinesArgoVersion.</summary>
    public const string DefaultVersion = "4.1";

    /// <summary>CronWorkflow <c>Schedule</c> (Argo 3's <c>spec.schedule</c>): Argo 4 has only <c>schedules</c>.</summary>
    public static void CheckKindAttribute(System.Action<Diagnostic> report, AttributeData kind)
    {
        if (!Symbols.Is(kind, "CronWorkflowAttribute"))
        {
            return;
        }

        foreach (var named in kind.NamedArguments)
        {
            if (named.Key == "Schedule" && Pipeline.ArgumentOf(kind, "Schedule") is { } expression)
            {
                report(Diagnostic.Create(
                    DiagnosticDescriptors.RemovedInArgo4,
                    expression.Parent!.GetLocation(),
                    "CronWorkflow 'Schedule' (spec.schedule)",
                    "list the schedules after the name instead: [CronWorkflow(\"name\", \"<schedule>\")] (spec.schedules)"));
            }
        }
    }

    public static void CheckVersion(CompilationAnalysisContext context, string? version)
    {
        if (string.IsNullOrWhiteSpace(version))
        {
            return;
        }

        var parts = version!.Trim().Split('.');
        if (parts[0] != "4" || parts.Skip(1).Any(p => !int.TryParse(p, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _)))
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.UnknownArgoVersion, Location.None, version));
        }
    }
}
