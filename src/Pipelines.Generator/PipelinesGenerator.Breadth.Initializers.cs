using System;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Pipelines.Generator;

public sealed partial class PipelinesGenerator
{
    /// <summary>
    /// Reads a typed object initializer over the Argo model (<c>Pipelines.Argo.Model</c>) as JSON, from its syntax only:
    /// <c>Prop = constant</c>, nested <c>new() { ... }</c> (an empty <c>new()</c> is <c>{}</c>), collection expressions
    /// and collection initializers (lists), and dictionary initializers (<c>["key"] = value</c> or <c>{ "key", value }</c>)
    /// for the model's maps. A property's JSON name comes from <see cref="JsonName"/>. Anything else (a call, a local,
    /// a non-constant) is left out.
    /// </summary>
    internal sealed class InitializerReader(SemanticModel model, CancellationToken ct)
    {
        private const string ModelNamespace = "Pipelines.Argo.Model";
        private const string YamlNamespace = "Pipelines.Argo.Yaml";

        /// <summary>
        /// The JSON field name of a model property: the property name with its first letter in lower case, except that
        /// the schema generator names a field <c>PropValue</c> when it would clash with its class <c>Prop</c>
        /// (<c>ContainerPort.ContainerPortValue</c> is <c>containerPort</c>). A test checks the rule on every model property.
        /// </summary>
        public static string JsonName(string propertyName, string containingTypeName)
        {
            var name = propertyName;
            if (name.Length > 5 && name.EndsWith("Value", StringComparison.Ordinal) && name.Substring(0, name.Length - 5) == containingTypeName)
            {
                name = containingTypeName;
            }

            return char.ToLowerInvariant(name[0]) + name.Substring(1);
        }

        public JsonNode? Read(ExpressionSyntax expression, int depth = 0)
        {
            ct.ThrowIfCancellationRequested();
            if (depth > 64)
            {
                return null;
            }

            switch (expression)
            {
                case ParenthesizedExpressionSyntax parenthesized:
                    return Read(parenthesized.Expression, depth);
                case BaseObjectCreationExpressionSyntax creation:
                    var type = model.GetTypeInfo(creation, ct).Type;
                    return creation.Initializer is { } initializer ? Initializer(initializer, type, depth) : IsMap(type) ? JsonNode.Object() : IsList(type) ? JsonNode.Array() : JsonNode.Object();
                case CollectionExpressionSyntax collection:
                    var array = JsonNode.Array();
                    foreach (var element in collection.Elements)
                    {
                        if (element is ExpressionElementSyntax { Expression: { } item } && Read(item, depth + 1) is { } value)
                        {
                            array.Items.Add(value);
                        }
                    }

                    return array;
                case ArrayCreationExpressionSyntax { Initializer: { } arrayInitializer }:
                    return Items(arrayInitializer, depth);
                case ImplicitArrayCreationExpressionSyntax implicitArray:
                    return Items(implicitArray.Initializer, depth);
                case InitializerExpressionSyntax nested:
                    return Initializer(nested, model.GetTypeInfo(nested, ct).ConvertedType, depth);
                default:
                    return Constant(expression);
            }
        }

        private JsonNode? Constant(ExpressionSyntax expression)
        {
            var constant = model.GetConstantValue(expression, ct);
            if (!constant.HasValue)
            {
                return null;
            }

            return constant.Value switch
            {
                null => null,
                string s => JsonNode.String(s),
                char c => JsonNode.String(c.ToString()),
                bool b => JsonNode.Literal(b ? "true" : "false"),
                IFormattable => JsonNode.Number(constant.Value),
                _ => null,
            };
        }

        private JsonNode Items(InitializerExpressionSyntax initializer, int depth)
        {
            var array = JsonNode.Array();
            foreach (var item in initializer.Expressions)
            {
                if (Read(item, depth + 1) is { } value)
                {
                    array.Items.Add(value);
                }
            }

            return array;
        }

        private JsonNode? Initializer(InitializerExpressionSyntax initializer, ITypeSymbol? type, int depth)
        {
            if (IsList(type) || initializer.IsKind(SyntaxKind.CollectionInitializerExpression) && !IsMap(type))
            {
                return Items(initializer, depth);
            }

            var node = JsonNode.Object();
            foreach (var expression in initializer.Expressions)
            {
                switch (expression)
                {
                    // Dictionary: ["key"] = value
                    case AssignmentExpressionSyntax { Left: ImplicitElementAccessSyntax { ArgumentList.Arguments.Count: 1 } access } indexed:
                        if (model.GetConstantValue(access.ArgumentList.Arguments[0].Expression, ct) is { HasValue: true, Value: string key } && Read(indexed.Right, depth + 1) is { } entry)
                        {
                            node.Set(key, entry);
                        }

                        break;

                    // Object: Prop = value
                    case AssignmentExpressionSyntax { Left: IdentifierNameSyntax } assignment:
                        if (model.GetSymbolInfo(assignment.Left, ct).Symbol is IPropertySymbol property
                            && property.ContainingType?.ContainingNamespace?.ToDisplayString() == ModelNamespace
                            && Read(assignment.Right, depth + 1) is { } value)
                        {
                            node.Set(JsonName(property.Name, property.ContainingType.Name), value);
                        }

                        break;

                    // Dictionary: { "key", value }
                    case InitializerExpressionSyntax { Expressions.Count: 2 } pair when pair.IsKind(SyntaxKind.ComplexElementInitializerExpression):
                        if (model.GetConstantValue(pair.Expressions[0], ct) is { HasValue: true, Value: string pairKey } && Read(pair.Expressions[1], depth + 1) is { } pairValue)
                        {
                            node.Set(pairKey, pairValue);
                        }

                        break;
                }
            }

            return node;
        }

        // The model's maps, and the free-form YAML values (withItems items, plugin): a YamlMapping is a map, a YamlSequence a list.
        private static bool IsMap(ITypeSymbol? type) =>
            type is INamedTypeSymbol { Name: "OrderedMap" } named && named.ContainingNamespace?.ToDisplayString() == ModelNamespace
            || type is INamedTypeSymbol { Name: "YamlMapping" } yaml && yaml.ContainingNamespace?.ToDisplayString() == YamlNamespace;

        private static bool IsList(ITypeSymbol? type) =>
            type is IArrayTypeSymbol
            || type is INamedTypeSymbol { Name: "YamlSequence" } sequence && sequence.ContainingNamespace?.ToDisplayString() == YamlNamespace
            || type is INamedTypeSymbol { Name: "List", TypeArguments.Length: 1 } named && named.ContainingNamespace?.ToDisplayString() == "System.Collections.Generic";
    }
}
