using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Pipelines.Generator.Model;

namespace Pipelines.Generator;

public sealed partial class PipelinesStepsGenerator
{
    /// <summary>Reads <c>[Step]</c> methods and <c>JsonSerializerContext</c> classes into equatable specs.</summary>
    internal static class StepParser
    {
        public const string StepAttribute = "Pipelines.StepAttribute";
        public const string JsonSerializableAttribute = "System.Text.Json.Serialization.JsonSerializableAttribute";
        public const string HostType = "Pipelines.Runtime.PipelineHost";
        private const string NameAttribute = "Pipelines.NameAttribute";
        private const string OutputParameterAttribute = "Pipelines.OutputParameterAttribute";
        private const string OutputArtifactAttribute = "Pipelines.OutputArtifactAttribute";
        private const string InputArtifactAttribute = "Pipelines.InputArtifactAttribute";

        private static readonly SymbolDisplayFormat Annotated = SymbolDisplayFormat.FullyQualifiedFormat
            .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

        private static readonly SymbolDisplayFormat Plain = SymbolDisplayFormat.FullyQualifiedFormat;

        /// <summary>A static <c>Main</c> that can be an entry point, or top-level statements.</summary>
        public static bool IsEntryPointCandidate(SyntaxNode node) =>
            node is GlobalStatementSyntax
            || (node is MethodDeclarationSyntax { Identifier.ValueText: "Main" } method
                && method.Modifiers.Any(SyntaxKind.StaticKeyword)
                && (method.ParameterList.Parameters.Count == 0
                    || (method.ParameterList.Parameters.Count == 1 && method.ParameterList.Parameters[0].Type is ArrayTypeSyntax)));

        public static JsonContextSpec? ParseContext(GeneratorAttributeSyntaxContext context, CancellationToken ct)
        {
            if (context.TargetSymbol is not INamedTypeSymbol type || type.IsGenericType || !DerivesFromContext(type))
            {
                return null;
            }

            var types = new List<string>();
            foreach (var attribute in context.Attributes)
            {
                ct.ThrowIfCancellationRequested();
                if (attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is ITypeSymbol listed)
                {
                    types.Add(listed.ToDisplayString(Plain));
                }
            }

            return new JsonContextSpec(type.ToDisplayString(Plain), types.ToImmutableEquatableArray());
        }

        public static StepSpec? Parse(GeneratorAttributeSyntaxContext context, CancellationToken ct)
        {
            if (context.TargetSymbol is not IMethodSymbol method || context.TargetNode is not MethodDeclarationSyntax syntax)
            {
                return null;
            }

            var location = LocationOf(syntax.Identifier.GetLocation());
            var problems = new List<StepProblem>();
            void Problem(string message) => problems.Add(new StepProblem(StepDiagnostics.UnsupportedId, "C# step '" + method.Name + "': " + message, location));

            var templateName = method.GetAttributes().Where(a => a.AttributeClass?.ToDisplayString() == NameAttribute)
                .Select(a => a.ConstructorArguments.Length == 1 ? a.ConstructorArguments[0].Value as string : null)
                .FirstOrDefault(n => !string.IsNullOrEmpty(n)) ?? Naming.ToKebabCase(method.Name);

            if (!method.IsStatic)
            {
                Problem("a step method must be static");
            }

            if (method.IsGenericMethod || method.ContainingType.IsGenericType)
            {
                Problem("a step method cannot be generic or in a generic class");
                return new StepSpec(templateName, method.Name, ImmutableEquatableArray<StepParameterSpec>.Empty, false, false, ImmutableEquatableArray<StepOutputSpec>.Empty, problems.ToImmutableEquatableArray());
            }

            if (!IsReachable(method))
            {
                Problem("make the method and its containing classes internal or public, so the generated entrypoint can call it");
            }

            var artifacts = method.GetAttributes().Where(a => a.AttributeClass?.ToDisplayString() == InputArtifactAttribute && a.ConstructorArguments.Length == 1)
                .Select(a => (Name: a.ConstructorArguments[0].Value as string, Path: a.NamedArguments.FirstOrDefault(n => n.Key == "Path").Value.Value as string))
                .Where(a => a.Name is not null)
                .ToList();

            var parameters = new List<StepParameterSpec>();
            foreach (var parameter in method.Parameters)
            {
                ct.ThrowIfCancellationRequested();
                if (parameter.Type.ToDisplayString(Plain) == "global::System.Threading.CancellationToken")
                {
                    parameters.Add(new StepParameterSpec(null, null, null, false, null));
                    continue;
                }

                if (parameter.RefKind != RefKind.None || parameter.IsParams)
                {
                    Problem("parameter '" + parameter.Name + "' cannot be ref, out, in or params");
                    continue;
                }

                var inputName = parameter.GetAttributes().Where(a => a.AttributeClass?.ToDisplayString() == NameAttribute)
                    .Select(a => a.ConstructorArguments.Length == 1 ? a.ConstructorArguments[0].Value as string : null)
                    .FirstOrDefault(n => !string.IsNullOrEmpty(n)) ?? parameter.Name;
                var artifact = artifacts.FirstOrDefault(a => a.Name == inputName);
                var isArtifact = artifact.Name is not null;
                var value = ValueOf(parameter.Type, parameter.NullableAnnotation, allowBytes: isArtifact);
                if (value is null)
                {
                    Problem("parameter '" + parameter.Name + "' has type " + parameter.Type.ToDisplayString() + ", which a step cannot take; use string, bool, int, long, double, decimal, an enum, or a type with JSON metadata");
                    continue;
                }

                var defaultLiteral = parameter.HasExplicitDefaultValue ? DefaultLiteral(parameter.ExplicitDefaultValue, value) : null;
                parameters.Add(new StepParameterSpec(inputName, value, defaultLiteral, isArtifact, artifact.Path));
            }

            // The return type, through Task<T>/ValueTask<T>.
            var returnType = method.ReturnType;
            var awaits = false;
            var returnAnnotation = method.ReturnNullableAnnotation;
            if (returnType is INamedTypeSymbol named && named.ContainingNamespace?.ToDisplayString() == "System.Threading.Tasks"
                && named.Name is "Task" or "ValueTask")
            {
                awaits = true;
                if (named.TypeArguments.Length == 1)
                {
                    returnType = named.TypeArguments[0];
                    returnAnnotation = named.TypeArgumentNullableAnnotations[0];
                }
                else
                {
                    returnType = null!;
                }
            }

            var returnsValue = returnType is not null && returnType.SpecialType != SpecialType.System_Void;
            var outputs = new List<StepOutputSpec>();
            if (returnsValue)
            {
                var members = OutputMembers(returnType!).ToList();
                if (members.Count > 0)
                {
                    foreach (var (property, attribute, isArtifact) in members)
                    {
                        var name = attribute.NamedArguments.FirstOrDefault(n => n.Key == "Name").Value.Value as string;
                        var path = attribute.NamedArguments.FirstOrDefault(n => n.Key == "Path").Value.Value as string;
                        var value = ValueOf(property.Type, property.NullableAnnotation, allowBytes: isArtifact);
                        if (value is null)
                        {
                            Problem("output property '" + property.Name + "' has type " + property.Type.ToDisplayString() + ", which a step cannot write");
                            continue;
                        }

                        outputs.Add(new StepOutputSpec(string.IsNullOrEmpty(name) ? Naming.ToKebabCase(property.Name) : name!, property.Name, isArtifact, string.IsNullOrEmpty(path) ? null : path, value));
                    }
                }
                else if (ValueOf(returnType!, returnAnnotation, allowBytes: false) is { } value)
                {
                    outputs.Add(new StepOutputSpec("result", null, false, null, value));
                }
                else
                {
                    Problem("the return type " + returnType!.ToDisplayString() + " cannot be written as the output 'result'");
                }
            }

            return new StepSpec(
                templateName,
                method.ContainingType.ToDisplayString(Plain) + "." + method.Name,
                parameters.ToImmutableEquatableArray(),
                awaits,
                returnsValue,
                outputs.ToImmutableEquatableArray(),
                problems.ToImmutableEquatableArray());
        }

        private static IEnumerable<(IPropertySymbol Property, AttributeData Attribute, bool IsArtifact)> OutputMembers(ITypeSymbol type)
        {
            foreach (var property in type.GetMembers().OfType<IPropertySymbol>())
            {
                foreach (var attribute in property.GetAttributes())
                {
                    var name = attribute.AttributeClass?.ToDisplayString();
                    if (name == OutputArtifactAttribute)
                    {
                        yield return (property, attribute, true);
                    }
                    else if (name == OutputParameterAttribute
                        && !attribute.NamedArguments.Any(n => n.Key is "Parameter" or "Expression" && n.Value.Value is string { Length: > 0 }))
                    {
                        // Outputs taken from another step's value or an expression are computed by Argo, not written.
                        yield return (property, attribute, false);
                    }
                }
            }
        }

        private static StepValueSpec? ValueOf(ITypeSymbol type, NullableAnnotation annotation, bool allowBytes)
        {
            var nullableValue = type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } wrapper ? wrapper.TypeArguments[0] : null;
            var core = nullableValue ?? type;
            var typeText = type.ToDisplayString(Annotated);
            if (annotation == NullableAnnotation.Annotated && !type.IsValueType && !typeText.EndsWith("?", System.StringComparison.Ordinal))
            {
                typeText += "?";
            }

            var underlying = core.ToDisplayString(Annotated);
            var allowsNull = nullableValue is not null || (!type.IsValueType && annotation == NullableAnnotation.Annotated);
            var key = core.ToDisplayString(Plain);
            StepValueSpec Make(StepValueKind kind, string label) => new(kind, typeText, underlying, nullableValue is not null, allowsNull, label, key);

            switch (core.SpecialType)
            {
                case SpecialType.System_String: return Make(StepValueKind.String, "string");
                case SpecialType.System_Boolean: return Make(StepValueKind.Boolean, "bool");
                case SpecialType.System_Int32: return Make(StepValueKind.Int32, "int");
                case SpecialType.System_Int64: return Make(StepValueKind.Int64, "long");
                case SpecialType.System_Double: return Make(StepValueKind.Double, "double");
                case SpecialType.System_Decimal: return Make(StepValueKind.Decimal, "decimal");
            }

            if (core.TypeKind == TypeKind.Enum)
            {
                var names = core.GetMembers().OfType<IFieldSymbol>().Where(f => f.HasConstantValue).Select(f => f.Name);
                return Make(StepValueKind.Enum, core.Name + " (" + string.Join("|", names) + ")");
            }

            if (core is IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_Byte, Rank: 1 })
            {
                return allowBytes ? Make(StepValueKind.Bytes, "bytes") : Make(StepValueKind.Json, "JSON " + core.ToDisplayString());
            }

            if (core.TypeKind is TypeKind.Class or TypeKind.Struct or TypeKind.Array or TypeKind.Interface
                && core.SpecialType == SpecialType.None && core is not IPointerTypeSymbol && core.ToDisplayString(Plain) is not ("global::System.Threading.Tasks.Task" or "object" or "dynamic"))
            {
                return Make(StepValueKind.Json, "JSON " + core.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat));
            }

            return null;
        }

        private static string DefaultLiteral(object? value, StepValueSpec spec)
        {
            if (value is null)
            {
                return "default";
            }

            var literal = value switch
            {
                string s => SymbolDisplay.FormatLiteral(s, quote: true),
                bool b => b ? "true" : "false",
                double d => d.ToString("R", CultureInfo.InvariantCulture),
                float f => f.ToString("R", CultureInfo.InvariantCulture),
                decimal m => m.ToString(CultureInfo.InvariantCulture) + "m",
                System.IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => value.ToString() ?? "default",
            };
            return "(" + spec.UnderlyingType + ")(" + literal + ")";
        }

        private static bool IsReachable(ISymbol symbol)
        {
            for (var current = symbol; current is not null and not INamespaceSymbol; current = current.ContainingSymbol)
            {
                if (current.DeclaredAccessibility is Accessibility.Private or Accessibility.Protected or Accessibility.ProtectedAndInternal)
                {
                    return false;
                }
            }

            return true;
        }

        private static bool DerivesFromContext(INamedTypeSymbol type)
        {
            for (var current = type.BaseType; current is not null; current = current.BaseType)
            {
                if (current.ToDisplayString(Plain) == "global::System.Text.Json.Serialization.JsonSerializerContext")
                {
                    return true;
                }
            }

            return false;
        }

        private static StepLocation? LocationOf(Location location)
        {
            if (location.SourceTree is null)
            {
                return null;
            }

            var span = location.GetLineSpan();
            return new StepLocation(location.SourceTree.FilePath, location.SourceSpan.Start, location.SourceSpan.Length, span.StartLinePosition.Line, span.StartLinePosition.Character, span.EndLinePosition.Line, span.EndLinePosition.Character);
        }
    }
}
