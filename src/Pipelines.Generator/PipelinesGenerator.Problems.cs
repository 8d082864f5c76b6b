using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Pipelines.Generator.Model;

namespace Pipelines.Generator;

public sealed partial class PipelinesGenerator
{
    /// <summary>
    /// The codes of the problems the parser records where it skips something (see <see cref="ProblemSpec"/>). They are
    /// the IDs of the analyzer diagnostics that report them (analyzers/Pipelines.Analyzers, DiagnosticDescriptors).
    /// </summary>
    internal static class ProblemCodes
    {
        public const string UnknownDependency = "PIPE4002";
        public const string InvalidDepends = "PIPE4004";
        public const string ExitHandlerNotFound = "PIPE4507";
        public const string UntranslatableStatement = "PIPE4601";
        public const string UntranslatableValue = "PIPE4602";
        public const string UnsupportedParameterType = "PIPE4603";
        public const string ContainerWithoutImage = "PIPE4604";
        public const string NestedLoop = "PIPE4606";

        // Argo Events triggers (PipelinesGenerator.Events).
        public const string PathNotOnMessage = "PIPE4901";
        public const string InputWithoutMapping = "PIPE4902";
        public const string NeedsAtLeastOnce = "PIPE4903";
        public const string DeadLetterIsSource = "PIPE4904";
        public const string UnboundedRetries = "PIPE4905";
        public const string LiteralSecret = "PIPE4906";
        public const string TriggerMisplaced = "PIPE4907";
        public const string MappingNotOnEntrypoint = "PIPE4908";
        public const string InvalidTriggerSetting = "PIPE4909";
        public const string SensorAccountUnmanaged = "PIPE4910";
        public const string MskWithoutIdentity = "PIPE4911";
    }

    /// <summary>Records problems into the parser's list; checks of one template method's header.</summary>
    internal static class Problems
    {
        public static void Add(List<ProblemSpec> problems, string code, Location location, params string[] arguments)
        {
            var span = location.SourceSpan;
            var lines = location.GetLineSpan();
            var at = new SourceSpanSpec(
                location.SourceTree?.FilePath ?? string.Empty,
                span.Start,
                span.Length,
                lines.StartLinePosition.Line,
                lines.StartLinePosition.Character,
                lines.EndLinePosition.Line,
                lines.EndLinePosition.Character);
            var problem = new ProblemSpec(code, arguments.ToImmutableEquatableArray(), at);
            if (!problems.Contains(problem))
            {
                problems.Add(problem);
            }
        }

        /// <summary>Parameter types a template input can take, and a container or script template's image.</summary>
        public static void CheckTemplate(MethodHeader method, List<ProblemSpec> problems)
        {
            // Every template kind takes scalars, enums, and (as JSON) records, classes, arrays and collections.
            foreach (var p in method.Parameters)
            {
                if (!InputTypes.IsSupported(p.Symbol.Type))
                {
                    var at = p.Symbol.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax().GetLocation() ?? method.Syntax?.Identifier.GetLocation() ?? Location.None;
                    Add(problems, ProblemCodes.UnsupportedParameterType, at, p.Symbol.Name, p.Symbol.Type.ToDisplayString());
                }
            }

            if (!method.IsStep
                && method.Kind is TemplateKind.Container or TemplateKind.Script
                && method.KindAttribute is { } attribute
                && (attribute.ConstructorArguments.Length == 0 || attribute.ConstructorArguments[0].Value is not string { Length: > 0 } image || string.IsNullOrWhiteSpace(image)))
            {
                var at = attribute.ApplicationSyntaxReference?.GetSyntax().GetLocation() ?? method.Syntax?.Identifier.GetLocation() ?? Location.None;
                Add(problems, ProblemCodes.ContainerWithoutImage, at, method.TemplateName);
            }
        }
    }
}
