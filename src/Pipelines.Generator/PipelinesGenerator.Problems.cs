using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
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
        public const string NullListItem = "PIPE4650";

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

            CheckNullItems(method.Symbol.GetAttributes(), "template '" + method.TemplateName + "'", problems);
        }

        /// <summary>
        /// A <c>null</c> item in a <c>string[]</c> argument of a Pipelines attribute (<c>Command = [null, null]</c>): the
        /// manifest has no way to say it (Argo's lists hold strings), so it must not become <c>""</c> silently.
        /// </summary>
        public static void CheckNullItems(IEnumerable<AttributeData> attributes, string owner, List<ProblemSpec> problems)
        {
            foreach (var attribute in attributes)
            {
                if (attribute.AttributeClass is not { ContainingNamespace: { Name: "Pipelines", ContainingNamespace.IsGlobalNamespace: true } } type)
                {
                    continue;
                }

                var shortName = type.Name.EndsWith("Attribute", System.StringComparison.Ordinal) ? type.Name.Substring(0, type.Name.Length - "Attribute".Length) : type.Name;
                var parameters = attribute.AttributeConstructor?.Parameters ?? ImmutableArrayOfNone;
                for (var i = 0; i < attribute.ConstructorArguments.Length; i++)
                {
                    var name = i < parameters.Length ? parameters[i].Name : "argument " + (i + 1).ToString(CultureInfo.InvariantCulture);
                    Check(attribute, shortName, name, null, i, attribute.ConstructorArguments[i], owner, problems);
                }

                foreach (var pair in attribute.NamedArguments)
                {
                    Check(attribute, shortName, pair.Key, pair.Key, -1, pair.Value, owner, problems);
                }
            }
        }

        private static readonly System.Collections.Immutable.ImmutableArray<IParameterSymbol> ImmutableArrayOfNone = System.Collections.Immutable.ImmutableArray<IParameterSymbol>.Empty;

        private static void Check(AttributeData attribute, string attributeName, string argumentName, string? named, int position, TypedConstant value, string owner, List<ProblemSpec> problems)
        {
            if (value.Kind != TypedConstantKind.Array || value.IsNull || value.Type is not IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_String })
            {
                return;
            }

            for (var i = 0; i < value.Values.Length; i++)
            {
                if (value.Values[i].Value is null)
                {
                    Add(problems, ProblemCodes.NullListItem, ItemLocation(attribute, named, position, i, value.Values.Length), owner, "[" + attributeName + "] " + argumentName, i.ToString(CultureInfo.InvariantCulture));
                }
            }
        }

        // The null item itself when the argument is written as a list ([a, null], new[] { ... }), else the argument, else
        // the attribute.
        private static Location ItemLocation(AttributeData attribute, string? named, int position, int item, int count)
        {
            if (attribute.ApplicationSyntaxReference?.GetSyntax() is not AttributeSyntax syntax)
            {
                return Location.None;
            }

            ExpressionSyntax? expression = null;
            var index = 0;
            foreach (var argument in syntax.ArgumentList?.Arguments ?? default)
            {
                if (named is not null ? argument.NameEquals?.Name.Identifier.ValueText == named : argument.NameEquals is null && argument.NameColon is null && index++ == position)
                {
                    expression = argument.Expression;
                    break;
                }
            }

            var items = expression switch
            {
                CollectionExpressionSyntax c when c.Elements.All(e => e is ExpressionElementSyntax) => c.Elements.Select(e => (SyntaxNode)e).ToList(),
                ArrayCreationExpressionSyntax { Initializer: { } init } => init.Expressions.Select(e => (SyntaxNode)e).ToList(),
                ImplicitArrayCreationExpressionSyntax { Initializer: { } init } => init.Expressions.Select(e => (SyntaxNode)e).ToList(),
                _ => null,
            };
            return items is not null && items.Count == count ? items[item].GetLocation()
                : expression?.GetLocation() ?? syntax.GetLocation();
        }
    }
}
