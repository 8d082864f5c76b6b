using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Pipelines.Generator.Model;

namespace Pipelines.Generator;

public sealed partial class PipelinesGenerator
{
    /// <summary>
    /// Reads the body of a DAG or steps method, syntax only: template calls become tasks or steps. What it cannot
    /// translate is skipped (the analyzers report it), so incomplete code never throws.
    /// </summary>
    internal sealed class BodyReader
    {
        private readonly MethodHeader _method;
        private readonly Dictionary<string, MethodHeader> _templates;
        private readonly bool _isDag;
        private readonly CancellationToken _ct;
        private readonly Dictionary<string, string> _locals = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _parameters = new(StringComparer.Ordinal);
        private readonly Dictionary<string, MethodHeader> _localTemplates = new(StringComparer.Ordinal);

        public BodyReader(MethodHeader method, Dictionary<string, MethodHeader> templates, bool isDag, CancellationToken ct)
        {
            _method = method;
            _templates = templates;
            _isDag = isDag;
            _ct = ct;
            foreach (var p in method.Parameters)
            {
                _parameters[p.Symbol.Name] = p.Name;
            }
        }

        private string Scope => _isDag ? "tasks" : "steps";

        public ImmutableEquatableArray<NodeSpec> ReadDag()
        {
            var tasks = new List<NodeSpec>();
            foreach (var statement in Statements())
            {
                _ct.ThrowIfCancellationRequested();
                if (ReadStatementNode(statement) is { } node)
                {
                    tasks.Add(node);
                }
            }

            return tasks.ToImmutableEquatableArray();
        }

        public ImmutableEquatableArray<StepGroupSpec> ReadSteps()
        {
            var groups = new List<StepGroupSpec>();
            foreach (var statement in Statements())
            {
                _ct.ThrowIfCancellationRequested();
                if (ParallelCall(statement) is { } parallel)
                {
                    var steps = new List<NodeSpec>();
                    foreach (var argument in parallel.ArgumentList.Arguments)
                    {
                        if (ReadChain(argument.Expression, variable: null, argument.Expression) is { } node)
                        {
                            steps.Add(node);
                        }
                    }

                    if (steps.Count > 0)
                    {
                        groups.Add(new StepGroupSpec(steps.ToImmutableEquatableArray()));
                    }
                }
                else if (ReadStatementNode(statement) is { } node)
                {
                    groups.Add(new StepGroupSpec(new ImmutableEquatableArray<NodeSpec>([node])));
                }
            }

            return groups.ToImmutableEquatableArray();
        }

        /// <summary>The statements of the body; for an expression body, its expression (read like an expression statement).</summary>
        private static InvocationExpressionSyntax? ParallelCall(SyntaxNode statement) =>
            (statement is ExpressionStatementSyntax e ? e.Expression : statement) is InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "Parallel" } } call
                ? call
                : null;

        private IEnumerable<SyntaxNode> Statements()
        {
            if (_method.Syntax.Body is { } body)
            {
                return body.Statements;
            }

            return _method.Syntax.ExpressionBody is { } arrow ? [arrow.Expression] : [];
        }

        private NodeSpec? ReadStatementNode(SyntaxNode statement)
        {
            switch (statement)
            {
                case LocalDeclarationStatementSyntax { Declaration.Variables: { Count: 1 } variables }
                    when variables[0].Initializer is { } initializer:
                    return ReadChain(initializer.Value, variables[0].Identifier.ValueText, statement);
                case ExpressionStatementSyntax expression:
                    return ReadChain(expression.Expression, variable: null, statement);
                case ExpressionSyntax expression:
                    return ReadChain(expression, variable: null, statement);
                default:
                    return null;
            }
        }

        /// <summary>Reads <c>Template(args).Named("n").After(a, b).Depends(...).When(...)</c> in any order of the modifiers.</summary>
        private NodeSpec? ReadChain(ExpressionSyntax expression, string? variable, SyntaxNode at)
        {
            var modifiers = new List<(string Name, ArgumentListSyntax Arguments)>();
            var current = expression;
            while (true)
            {
                if (current is not InvocationExpressionSyntax invocation)
                {
                    return null;
                }

                if (invocation.Expression is MemberAccessExpressionSyntax { Name: IdentifierNameSyntax member } access
                    && member.Identifier.ValueText is "Named" or "After" or "Depends" or "When" or "OnExit")
                {
                    modifiers.Add((member.Identifier.ValueText, invocation.ArgumentList));
                    current = access.Expression;
                    continue;
                }

                if (invocation.Expression is IdentifierNameSyntax callee && _templates.TryGetValue(callee.Identifier.ValueText, out var template))
                {
                    return BuildNode(invocation, template, modifiers, variable, at);
                }

                return null;
            }
        }

        private NodeSpec BuildNode(InvocationExpressionSyntax call, MethodHeader template, List<(string Name, ArgumentListSyntax Arguments)> modifiers, string? variable, SyntaxNode at)
        {
            // Modifiers were collected outermost first; apply them in source order.
            modifiers.Reverse();
            string? explicitName = null;
            var dependsTerms = new List<string>();
            var referenced = new List<string>();
            string? when = null;
            string? onExit = null;
            foreach (var (name, list) in modifiers)
            {
                var first = list.Arguments.Count > 0 ? list.Arguments[0].Expression : null;
                switch (name)
                {
                    case "Named":
                        if (first is LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression } literal)
                        {
                            explicitName = literal.Token.ValueText;
                        }

                        break;
                    case "After":
                        foreach (var argument in list.Arguments)
                        {
                            if (argument.Expression is IdentifierNameSyntax id && _locals.TryGetValue(id.Identifier.ValueText, out var node))
                            {
                                AddTerm(dependsTerms, node);
                            }
                        }

                        break;
                    case "Depends":
                        if (first is not null && DependsText(first) is { } depends)
                        {
                            AddTerm(dependsTerms, dependsTerms.Count == 0 ? depends : Parenthesize(first, depends));
                        }

                        break;
                    case "OnExit":
                        if (first is not null && MethodNameOf(first) is { } handlerMethod && _templates.TryGetValue(handlerMethod, out var handler))
                        {
                            onExit = handler.TemplateName;
                        }

                        break;
                    case "When":
                        if (first is not null)
                        {
                            when = ConditionText(first, referenced);
                        }

                        break;
                }
            }

            var arguments = new List<ArgumentSpec>();
            for (var i = 0; i < call.ArgumentList.Arguments.Count; i++)
            {
                var argument = call.ArgumentList.Arguments[i];
                ParameterHeader? parameter = null;
                if (argument.NameColon is { } nameColon)
                {
                    parameter = template.Parameters.FirstOrDefault(p => p.Symbol.Name == nameColon.Name.Identifier.ValueText);
                }
                else if (i < template.Parameters.Count)
                {
                    parameter = template.Parameters[i];
                }

                if (parameter is not null && ValueText(argument.Expression, referenced) is { } value)
                {
                    arguments.Add(new ArgumentSpec(parameter.Name, value));
                }
            }

            if (_isDag)
            {
                foreach (var node in referenced)
                {
                    if (!dependsTerms.Any(t => MentionsNode(t, node)))
                    {
                        AddTerm(dependsTerms, node);
                    }
                }
            }

            var nodeName = explicitName ?? variable ?? template.TemplateName;
            if (variable is not null)
            {
                _locals[variable] = nodeName;
                _localTemplates[variable] = template;
            }

            return new NodeSpec(
                nodeName,
                template.TemplateName,
                arguments.ToImmutableEquatableArray(),
                _isDag && dependsTerms.Count > 0 ? string.Join(" && ", dependsTerms) : null,
                when,
                onExit,
                null,
                Parser.Position(at.GetLocation()));
        }

        /// <summary>The method a <c>nameof(X)</c> or a string literal names.</summary>
        private static string? MethodNameOf(ExpressionSyntax expression) => expression switch
        {
            InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "nameof" }, ArgumentList.Arguments: { Count: 1 } arguments }
                when arguments[0].Expression is IdentifierNameSyntax name => name.Identifier.ValueText,
            LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression } literal => literal.Token.ValueText,
            _ => null,
        };

        private static void AddTerm(List<string> terms, string term)
        {
            if (!terms.Contains(term))
            {
                terms.Add(term);
            }
        }

        private static string Parenthesize(ExpressionSyntax expression, string text) =>
            expression is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalOrExpression } ? "(" + text + ")" : text;

        private static bool MentionsNode(string term, string node)
        {
            var index = 0;
            while ((index = term.IndexOf(node, index, StringComparison.Ordinal)) >= 0)
            {
                var before = index == 0 ? ' ' : term[index - 1];
                var afterIndex = index + node.Length;
                var after = afterIndex < term.Length ? term[afterIndex] : ' ';
                if (!IsNameChar(before) && (!IsNameChar(after) || after == '.'))
                {
                    return true;
                }

                index = afterIndex;
            }

            return false;
        }

        private static bool IsNameChar(char c) => char.IsLetterOrDigit(c) || c == '-' || c == '_';

        /// <summary>A <c>depends</c> expression: node states joined with <c>&amp;&amp;</c>, <c>||</c>, <c>!</c>.</summary>
        private string? DependsText(ExpressionSyntax expression)
        {
            switch (expression)
            {
                case ParenthesizedExpressionSyntax parenthesized:
                    return DependsText(parenthesized.Expression) is { } inner ? "(" + inner + ")" : null;
                case PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalNotExpression } not:
                    return DependsText(not.Operand) is { } operand ? "!" + operand : null;
                case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.LogicalAndExpression) || binary.IsKind(SyntaxKind.LogicalOrExpression):
                    var left = DependsText(binary.Left);
                    var right = DependsText(binary.Right);
                    return left is null || right is null ? null : left + (binary.IsKind(SyntaxKind.LogicalAndExpression) ? " && " : " || ") + right;
                case MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax target, Name: IdentifierNameSyntax state }
                    when _locals.TryGetValue(target.Identifier.ValueText, out var node)
                        && state.Identifier.ValueText is "Succeeded" or "Failed" or "Errored" or "Skipped" or "Omitted" or "Daemoned" or "AnySucceeded" or "AllFailed":
                    return node + "." + state.Identifier.ValueText;
                case IdentifierNameSyntax id when _locals.TryGetValue(id.Identifier.ValueText, out var plain):
                    return plain;
                default:
                    return null;
            }
        }

        /// <summary>A <c>when</c> expression: comparisons of values, joined with <c>&amp;&amp;</c>, <c>||</c>, <c>!</c>.</summary>
        private string? ConditionText(ExpressionSyntax expression, List<string> referenced)
        {
            switch (expression)
            {
                case ParenthesizedExpressionSyntax parenthesized:
                    return ConditionText(parenthesized.Expression, referenced) is { } inner ? "(" + inner + ")" : null;
                case PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalNotExpression } not:
                    return ConditionText(not.Operand, referenced) is { } operand ? "!" + operand : null;
                case BinaryExpressionSyntax binary:
                    var op = binary.Kind() switch
                    {
                        SyntaxKind.LogicalAndExpression => "&&",
                        SyntaxKind.LogicalOrExpression => "||",
                        SyntaxKind.EqualsExpression => "==",
                        SyntaxKind.NotEqualsExpression => "!=",
                        SyntaxKind.LessThanExpression => "<",
                        SyntaxKind.LessThanOrEqualExpression => "<=",
                        SyntaxKind.GreaterThanExpression => ">",
                        SyntaxKind.GreaterThanOrEqualExpression => ">=",
                        _ => null,
                    };
                    if (op is null)
                    {
                        return null;
                    }

                    var logical = op is "&&" or "||";
                    var left = logical ? ConditionText(binary.Left, referenced) : ValueText(binary.Left, referenced);
                    var right = logical ? ConditionText(binary.Right, referenced) : ValueText(binary.Right, referenced);
                    return left is null || right is null ? null : left + " " + op + " " + right;
                default:
                    return ValueText(expression, referenced);
            }
        }

        /// <summary>
        /// The Argo text of a value: literals as written, a parameter of the composition method as
        /// <c>{{inputs.parameters.p}}</c>, a node's <c>Result</c>/<c>ExitCode</c>/<c>Status</c> as a reference (and the node
        /// joins <paramref name="referenced"/>), interpolated strings piece by piece. Null when not translatable.
        /// </summary>
        private string? ValueText(ExpressionSyntax expression, List<string> referenced)
        {
            switch (expression)
            {
                case ParenthesizedExpressionSyntax parenthesized:
                    return ValueText(parenthesized.Expression, referenced);
                case LiteralExpressionSyntax literal:
                    return literal.Kind() switch
                    {
                        SyntaxKind.StringLiteralExpression => literal.Token.ValueText,
                        SyntaxKind.CharacterLiteralExpression => literal.Token.ValueText,
                        SyntaxKind.NumericLiteralExpression => NumberText(literal.Token),
                        SyntaxKind.TrueLiteralExpression => "true",
                        SyntaxKind.FalseLiteralExpression => "false",
                        _ => null,
                    };
                case PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.UnaryMinusExpression, Operand: LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NumericLiteralExpression } number }:
                    return NumberText(number.Token) is { } digits ? "-" + digits : null;
                case IdentifierNameSyntax id when _parameters.TryGetValue(id.Identifier.ValueText, out var parameter):
                    return "{{inputs.parameters." + parameter + "}}";
                case MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax target, Name: IdentifierNameSyntax member }
                    when _locals.TryGetValue(target.Identifier.ValueText, out var node):
                    var suffix = member.Identifier.ValueText switch
                    {
                        "Result" => "outputs.result",
                        "ExitCode" => "exitCode",
                        "Status" => "status",
                        _ => null,
                    };
                    if (suffix is null)
                    {
                        return null;
                    }

                    if (!referenced.Contains(node))
                    {
                        referenced.Add(node);
                    }

                    return "{{" + Scope + "." + node + "." + suffix + "}}";
                case MemberAccessExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax owner, Name: IdentifierNameSyntax { Identifier.ValueText: "Outputs" } }, Name: IdentifierNameSyntax property }
                    when _locals.TryGetValue(owner.Identifier.ValueText, out var producer)
                        && _localTemplates.TryGetValue(owner.Identifier.ValueText, out var producerTemplate)
                        && producerTemplate.Outputs.FirstOrDefault(o => o.Property == property.Identifier.ValueText) is { } output:
                    if (!referenced.Contains(producer))
                    {
                        referenced.Add(producer);
                    }

                    return "{{" + Scope + "." + producer + ".outputs.parameters." + output.Spec.Name + "}}";
                case InterpolatedStringExpressionSyntax interpolated:
                    var text = new StringBuilder();
                    foreach (var content in interpolated.Contents)
                    {
                        if (content is InterpolatedStringTextSyntax piece)
                        {
                            text.Append(piece.TextToken.ValueText);
                        }
                        else if (content is InterpolationSyntax { AlignmentClause: null, FormatClause: null } hole
                            && ValueText(hole.Expression, referenced) is { } value)
                        {
                            text.Append(value);
                        }
                        else
                        {
                            return null;
                        }
                    }

                    return text.ToString();
                default:
                    return null;
            }
        }

        /// <summary>A numeric literal as written, without digit separators or type suffix; hex and binary as decimal.</summary>
        private static string? NumberText(SyntaxToken token)
        {
            var text = token.Text.Replace("_", string.Empty);
            if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) || text.StartsWith("0b", StringComparison.OrdinalIgnoreCase))
            {
                return Parser.FormatConstant(token.Value);
            }

            var end = text.Length;
            while (end > 0 && "fFdDmMuUlL".IndexOf(text[end - 1]) >= 0)
            {
                end--;
            }

            return end == 0 ? null : text.Substring(0, end);
        }
    }
}
