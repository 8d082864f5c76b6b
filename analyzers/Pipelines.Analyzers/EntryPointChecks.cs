using Microsoft.CodeAnalysis;

namespace Pipelines.Analyzers;

/// <summary>
/// PIPE4610: a template method called <c>Main</c> whose signature C# accepts for an entry point (static; no parameters
/// or <c>string[]</c>; returning void, int, Task or Task&lt;int&gt;). In an executable without a StartupObject it
/// competes with the real entry point: the step runtime's generated <c>PipelinesEntryPoint.Main</c> (CS8892, and the
/// template would run instead), or the same template in another class (CS0017).
/// </summary>
internal static class EntryPointChecks
{
    public static void Run(Pipeline pipeline)
    {
        var options = pipeline.Model.Compilation.Options;
        if (options.OutputKind is not (OutputKind.ConsoleApplication or OutputKind.WindowsApplication) || !string.IsNullOrEmpty(options.MainTypeName))
        {
            return;
        }

        foreach (var method in pipeline.Methods)
        {
            if (method.Spec is not null && method.Symbol.Name == "Main" && IsEntryPointCandidate(method.Symbol))
            {
                pipeline.Report(DiagnosticDescriptors.TemplateNamedMain, method.Syntax.Identifier.GetLocation(), pipeline.Type.Name);
            }
        }
    }

    internal static bool IsEntryPointCandidate(IMethodSymbol method)
    {
        if (!method.IsStatic || method.IsGenericMethod || method.Parameters.Length > 1)
        {
            return false;
        }

        if (method.Parameters.Length == 1
            && method.Parameters[0].Type is not IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_String })
        {
            return false;
        }

        var returned = method.ReturnType;
        if (returned.SpecialType is SpecialType.System_Void or SpecialType.System_Int32)
        {
            return true;
        }

        return returned is INamedTypeSymbol { Name: "Task", ContainingNamespace: { Name: "Tasks", ContainingNamespace: { Name: "Threading", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } } } task
            && (task.TypeArguments.Length == 0 || task.TypeArguments[0].SpecialType == SpecialType.System_Int32);
    }
}
