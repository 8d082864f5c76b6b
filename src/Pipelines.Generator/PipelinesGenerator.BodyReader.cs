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
        private readonly List<Condition> _conditions = new();
        private readonly List<ProblemSpec> _problems;
        private ExpressionSyntax? _loopSource;
        private string? _loopItem;

        /// <summary>Typed workflow arguments (<c>[Argument]</c> properties of the class): property name to Argo name.</summary>
        private readonly Dictionary<string, WorkflowParameter> _workflowParameters;

        public BodyReader(MethodHeader method, Dictionary<string, MethodHeader> templates, bool isDag, CancellationToken ct, List<ProblemSpec>? problems = null, Dictionary<string, WorkflowParameter>? workflowParameters = null)
        {
            _problems = problems ?? new List<ProblemSpec>();
            _workflowParameters = workflowParameters ?? new Dictionary<string, WorkflowParameter>(StringComparer.Ordinal);
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
            ReadDagStatements(Statements(), tasks);
            return tasks.ToImmutableEquatableArray();
        }

        private void ReadDagStatements(IEnumerable<SyntaxNode> statements, List<NodeSpec> tasks)
        {
            foreach (var statement in statements)
            {
                _ct.ThrowIfCancellationRequested();
                if (statement is ForEachStatementSyntax loop)
                {
                    InLoop(loop, body => ReadDagStatements(body, tasks));
                }
                else if (statement is IfStatementSyntax branch)
                {
                    InBranches(branch, body => ReadDagStatements(body, tasks));
                }
                else if (ReadStatementNode(statement) is { } node)
                {
                    tasks.Add(node);
                }
                else
                {
                    Skipped(statement);
                }
            }
        }

        /// <summary>Reads the body of a <c>foreach</c> (not nested in another loop) with its source as the loop of every node.</summary>
        private void InLoop(ForEachStatementSyntax loop, Action<IEnumerable<SyntaxNode>> read)
        {
            if (_loopSource is not null)
            {
                Problems.Add(_problems, ProblemCodes.NestedLoop, loop.ForEachKeyword.GetLocation());
                return;
            }

            (_loopSource, _loopItem) = (loop.Expression, loop.Identifier.ValueText);
            try
            {
                read(loop.Statement is BlockSyntax block ? block.Statements : [loop.Statement]);
            }
            finally
            {
                (_loopSource, _loopItem) = (null, null);
            }
        }

        /// <summary>
        /// Reads an <c>if</c>: every node of the then-branch gets the condition as its <c>when</c>, every node of the
        /// else-branch its negation (<c>else if</c> chains nest). In a DAG the nodes the condition reads become
        /// dependencies, as for <c>.When(...)</c>.
        /// </summary>
        private void InBranches(IfStatementSyntax branch, Action<IEnumerable<SyntaxNode>> read)
        {
            var referenced = new List<string>();
            if (ConditionText(branch.Condition, referenced) is not { } text)
            {
                // Left out whole: its nodes must never run unconditionally.
                Untranslatable(branch.Condition, "an if condition");
                return;
            }

            var condition = new Condition(text, IsOr(branch.Condition), referenced);
            _conditions.Add(condition);
            try
            {
                read(Body(branch.Statement));
            }
            finally
            {
                _conditions.RemoveAt(_conditions.Count - 1);
            }

            if (branch.Else is { } otherwise)
            {
                _conditions.Add(new Condition(Negate(branch.Condition, text), false, referenced));
                try
                {
                    read(Body(otherwise.Statement));
                }
                finally
                {
                    _conditions.RemoveAt(_conditions.Count - 1);
                }
            }
        }

        private static IEnumerable<SyntaxNode> Body(StatementSyntax statement) =>
            statement is BlockSyntax block ? block.Statements : [statement];

        private static bool IsOr(ExpressionSyntax condition) =>
            condition is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalOrExpression };

        /// <summary>The negation of a condition: a single comparison flips its operator, anything else is <c>!(…)</c>.</summary>
        private static string Negate(ExpressionSyntax condition, string text)
        {
            if (condition is BinaryExpressionSyntax comparison)
            {
                var flipped = comparison.Kind() switch
                {
                    SyntaxKind.EqualsExpression => ("==", "!="),
                    SyntaxKind.NotEqualsExpression => ("!=", "=="),
                    SyntaxKind.LessThanExpression => ("<", ">="),
                    SyntaxKind.LessThanOrEqualExpression => ("<=", ">"),
                    SyntaxKind.GreaterThanExpression => (">", "<="),
                    SyntaxKind.GreaterThanOrEqualExpression => (">=", "<"),
                    _ => ((string, string)?)null,
                };
                if (flipped is var (from, to))
                {
                    var at = text.IndexOf(" " + from + " ", StringComparison.Ordinal);
                    if (at >= 0 && text.IndexOf(" " + from + " ", at + 1, StringComparison.Ordinal) < 0)
                    {
                        return text.Substring(0, at) + " " + to + " " + text.Substring(at + from.Length + 2);
                    }
                }
            }

            return "!(" + text + ")";
        }

        public ImmutableEquatableArray<StepGroupSpec> ReadSteps()
        {
            var groups = new List<StepGroupSpec>();
            ReadStepStatements(Statements(), groups);
            return groups.ToImmutableEquatableArray();
        }

        private void ReadStepStatements(IEnumerable<SyntaxNode> statements, List<StepGroupSpec> groups)
        {
            foreach (var statement in statements)
            {
                _ct.ThrowIfCancellationRequested();
                if (statement is ForEachStatementSyntax loop)
                {
                    InLoop(loop, body => ReadStepStatements(body, groups));
                }
                else if (statement is IfStatementSyntax branch)
                {
                    InBranches(branch, body => ReadStepStatements(body, groups));
                }
                else if (ParallelCall(statement) is { } parallel)
                {
                    var steps = new List<NodeSpec>();
                    foreach (var argument in parallel.ArgumentList.Arguments)
                    {
                        if (ReadChain(argument.Expression, variable: null, argument.Expression) is { } node)
                        {
                            steps.Add(node);
                        }
                        else
                        {
                            Skipped(argument.Expression);
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
                else
                {
                    Skipped(statement);
                }
            }
        }

        /// <summary>Records a statement the reader skips (a <c>return</c> is expected and not a problem).</summary>
        private void Skipped(SyntaxNode statement)
        {
            if (statement is not (ReturnStatementSyntax or EmptyStatementSyntax))
            {
                var text = statement.ToString();
                var newline = text.IndexOf('\n');
                Problems.Add(_problems, ProblemCodes.UntranslatableStatement, statement.GetLocation(), newline < 0 ? text : text.Substring(0, newline).TrimEnd() + " ...");
            }
        }

        /// <summary>Records an expression whose value the reader cannot translate to Argo text.</summary>
        private void Untranslatable(ExpressionSyntax expression, string what) =>
            Problems.Add(_problems, ProblemCodes.UntranslatableValue, expression.GetLocation(), expression.ToString(), what);

        /// <summary>The statements of the body; for an expression body, its expression (read like an expression statement).</summary>
        private static InvocationExpressionSyntax? ParallelCall(SyntaxNode statement) =>
            (statement is ExpressionStatementSyntax e ? e.Expression : statement) is InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "Parallel" } } call
                ? call
                : null;

        private IEnumerable<SyntaxNode> Statements()
        {
            if (_method.Syntax?.Body is { } body)
            {
                return body.Statements;
            }

            return _method.Syntax?.ExpressionBody is { } arrow ? [arrow.Expression] : [];
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
        private NodeSpec? ReadChain(ExpressionSyntax expression, string? variable, SyntaxNode at, List<(string Name, ArgumentListSyntax Arguments)>? outer = null)
        {
            var modifiers = outer ?? new List<(string Name, ArgumentListSyntax Arguments)>();
            var current = expression;
            while (true)
            {
                if (current is not InvocationExpressionSyntax invocation)
                {
                    return null;
                }

                if (invocation.Expression is MemberAccessExpressionSyntax { Name: IdentifierNameSyntax member } access
                    && member.Identifier.ValueText is "Named" or "After" or "Depends" or "When" or "OnExit" or "WithArtifact" or "WithArtifactFromExpression" or "Hook" or "ContinueOn")
                {
                    modifiers.Add((member.Identifier.ValueText, invocation.ArgumentList));
                    current = access.Expression;
                    continue;
                }

                if (_loopSource is null
                    && invocation.Expression is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "Loop" }, Name: IdentifierNameSyntax { Identifier.ValueText: "ForEach" } }
                    && invocation.ArgumentList.Arguments.Count == 2
                    && LambdaOf(invocation.ArgumentList.Arguments[1].Expression) is ({ } item, { } body))
                {
                    (_loopSource, _loopItem) = (invocation.ArgumentList.Arguments[0].Expression, item);
                    try
                    {
                        return ReadChain(body, variable, at, modifiers);
                    }
                    finally
                    {
                        (_loopSource, _loopItem) = (null, null);
                    }
                }

                if (Parser.IsNodeRun(invocation))
                {
                    // Node.Run(() => Step(args)): the lambda's one call is the step; its header must be a [Step] method.
                    return invocation.ArgumentList.Arguments.Count == 1
                        && invocation.ArgumentList.Arguments[0].Expression is ParenthesizedLambdaExpressionSyntax { ParameterList.Parameters.Count: 0, ExpressionBody: InvocationExpressionSyntax step }
                        && Callee(step) is { IsStep: true } stepTemplate
                        ? BuildNode(step, stepTemplate, modifiers, variable, at)
                        : null;
                }

                // Any other call is a template call; [Step] methods run only through Node.Run.
                return Callee(invocation) is { IsStep: false } template ? BuildNode(invocation, template, modifiers, variable, at) : null;
            }
        }

        /// <summary>The template a call names: a method of this class by its name, or another class's by <c>Owner.Method</c>.</summary>
        private MethodHeader? Callee(InvocationExpressionSyntax invocation) => invocation.Expression switch
        {
            IdentifierNameSyntax callee when _templates.TryGetValue(callee.Identifier.ValueText, out var template) => template,
            MemberAccessExpressionSyntax foreign when _templates.TryGetValue(Parser.CalleeKey(foreign), out var referenced) => referenced,
            _ => null,
        };

        private static (string? Item, ExpressionSyntax? Body) LambdaOf(ExpressionSyntax expression) => expression switch
        {
            SimpleLambdaExpressionSyntax { ExpressionBody: { } body } simple => (simple.Parameter.Identifier.ValueText, body),
            ParenthesizedLambdaExpressionSyntax { ParameterList.Parameters.Count: 1, ExpressionBody: { } body } parenthesized => (parenthesized.ParameterList.Parameters[0].Identifier.ValueText, body),
            _ => (null, null),
        };

        /// <summary>The loop of a node: literal items, a <c>Loop.Count</c>/<c>Loop.Range</c> sequence or <c>Loop.Over</c>.</summary>
        private LoopSpec? ReadLoop(ExpressionSyntax source, List<string> referenced)
        {
            IEnumerable<ExpressionSyntax>? elements = source switch
            {
                ImplicitArrayCreationExpressionSyntax implicitArray => implicitArray.Initializer.Expressions,
                ArrayCreationExpressionSyntax { Initializer: { } initializer } => initializer.Expressions,
                CollectionExpressionSyntax collection => collection.Elements.Select(e => e is ExpressionElementSyntax element ? element.Expression : null!),
                _ => null,
            };
            if (elements is not null)
            {
                var items = new List<string>();
                foreach (var element in elements)
                {
                    if (element is null || ItemJson(element) is not { } json)
                    {
                        return null;
                    }

                    items.Add(json);
                }

                return new LoopSpec(items.ToImmutableEquatableArray(), null, null);
            }

            if (source is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "Loop" }, Name: SimpleNameSyntax method } } call)
            {
                return null;
            }

            string? Argument(int position, string name)
            {
                var arguments = call.ArgumentList.Arguments;
                for (var i = 0; i < arguments.Count; i++)
                {
                    if (arguments[i].NameColon is { } nameColon ? nameColon.Name.Identifier.ValueText == name : i == position)
                    {
                        return arguments[i].Expression is LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NullLiteralExpression } ? null : ValueText(arguments[i].Expression, referenced);
                    }
                }

                return null;
            }

            switch (method.Identifier.ValueText)
            {
                case "Count" when Argument(0, "count") is { } count:
                    return new LoopSpec(null, null, new SequenceSpec(count, Argument(1, "start"), null, Argument(2, "format")));
                case "Range" when Argument(0, "start") is { } start && Argument(1, "end") is { } end:
                    return new LoopSpec(null, null, new SequenceSpec(null, start, end, Argument(2, "format")));
                case "Over" when (Argument(0, "json") ?? Argument(0, "outputs")) is { } json:
                    return new LoopSpec(null, json, null);
                default:
                    return null;
            }
        }

        /// <summary>One literal item as JSON: a string, number or boolean literal, or an anonymous object of these.</summary>
        private static string? ItemJson(ExpressionSyntax expression)
        {
            switch (expression)
            {
                case LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression } text:
                    return new JsonWriter().String(text.Token.ValueText).ToString();
                case LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NumericLiteralExpression } number:
                    return NumberText(number.Token);
                case PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.UnaryMinusExpression, Operand: LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NumericLiteralExpression } negative }:
                    return NumberText(negative.Token) is { } digits ? "-" + digits : null;
                case LiteralExpressionSyntax { RawKind: (int)SyntaxKind.TrueLiteralExpression }:
                    return "true";
                case LiteralExpressionSyntax { RawKind: (int)SyntaxKind.FalseLiteralExpression }:
                    return "false";
                case AnonymousObjectCreationExpressionSyntax anonymous:
                    var json = new JsonWriter().BeginObject();
                    foreach (var member in anonymous.Initializers)
                    {
                        if (member.NameEquals is not { } nameEquals || ItemJson(member.Expression) is not { } value)
                        {
                            return null;
                        }

                        json.Name(nameEquals.Name.Identifier.ValueText).Raw(value);
                    }

                    return json.EndObject().ToString();
                default:
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
            var artifacts = new List<ArtifactArgumentSpec>();
            var extras = new List<(string Name, ArgumentListSyntax Arguments)>();
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
                        else if (first is not null)
                        {
                            Untranslatable(first, "a node name");
                        }

                        break;
                    case "After":
                        foreach (var argument in list.Arguments)
                        {
                            if (argument.Expression is IdentifierNameSyntax id && _locals.TryGetValue(id.Identifier.ValueText, out var node))
                            {
                                AddTerm(dependsTerms, node);
                            }
                            else
                            {
                                Problems.Add(_problems, ProblemCodes.UnknownDependency, argument.Expression.GetLocation(), argument.Expression.ToString());
                            }
                        }

                        break;
                    case "Depends":
                        if (first is not null && DependsText(first) is { } depends)
                        {
                            AddTerm(dependsTerms, dependsTerms.Count == 0 ? depends : Parenthesize(first, depends));
                        }
                        else if (first is not null)
                        {
                            Problems.Add(_problems, ProblemCodes.InvalidDepends, first.GetLocation(), first.ToString());
                        }

                        break;
                    case "WithArtifact":
                        if (list.Arguments.Count == 2
                            && list.Arguments[0].Expression is LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression } artifactName
                            && ValueText(list.Arguments[1].Expression, referenced) is { } from)
                        {
                            artifacts.Add(new ArtifactArgumentSpec(artifactName.Token.ValueText, from));
                        }
                        else if (list.Arguments.Count == 2)
                        {
                            Untranslatable(list.Arguments[list.Arguments[0].Expression is LiteralExpressionSyntax ? 1 : 0].Expression, "an artifact argument");
                        }

                        break;
                    case "OnExit":
                        if (first is not null && MethodNameOf(first) is { } handlerMethod && _templates.TryGetValue(handlerMethod, out var handler))
                        {
                            onExit = handler.TemplateName;
                        }
                        else if (first is not null)
                        {
                            Problems.Add(_problems, ProblemCodes.ExitHandlerNotFound, first.GetLocation(), first.ToString());
                        }

                        break;
                    case "When":
                        if (first is not null)
                        {
                            when = ConditionText(first, referenced);
                            if (when is null)
                            {
                                Untranslatable(first, "a when condition");
                            }
                        }

                        break;
                    case "WithArtifactFromExpression":
                        if (list.Arguments.Count == 2
                            && list.Arguments[0].Expression is LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression } expressionArtifact
                            && list.Arguments[1].Expression is LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression } fromExpression)
                        {
                            artifacts.Add(new ArtifactArgumentSpec(expressionArtifact.Token.ValueText, null, fromExpression.Token.ValueText));
                        }

                        break;
                    case "Hook" or "ContinueOn":
                        extras.Add((name, list));
                        break;
                }
            }

            if (_conditions.Count > 0)
            {
                var parts = new List<string>();
                foreach (var condition in _conditions)
                {
                    parts.Add(_conditions.Count > 1 || when is not null ? (condition.IsOr ? "(" + condition.Text + ")" : condition.Text) : condition.Text);
                    foreach (var node in condition.Referenced)
                    {
                        if (!referenced.Contains(node))
                        {
                            referenced.Add(node);
                        }
                    }
                }

                if (when is not null)
                {
                    parts.Add(when.Contains("||") ? "(" + when + ")" : when);
                }

                when = string.Join(" && ", parts);
            }

            var loop = _loopSource is { } source ? ReadLoop(source, referenced) : null;
            if (_loopSource is not null && loop is null)
            {
                Untranslatable(_loopSource, "a loop source");
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

                if (parameter is { Value: null, Enum: { } members }
                    && argument.Expression is MemberAccessExpressionSyntax { Name: IdentifierNameSyntax member }
                    && members.Contains(member.Identifier.ValueText))
                {
                    // An enum member (Mode.Fast) is passed by its name, the Argo enum's value.
                    arguments.Add(new ArgumentSpec(parameter.Name, member.Identifier.ValueText));
                }
                else if (parameter is { Value: null } && ValueText(argument.Expression, referenced) is { } value)
                {
                    arguments.Add(new ArgumentSpec(parameter.Name, value));
                }
                else if (parameter is { Value: null })
                {
                    Untranslatable(argument.Expression, "the argument of input '" + parameter.Name + "'");
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
                artifacts.ToImmutableEquatableArray(),
                _isDag && dependsTerms.Count > 0 ? string.Join(" && ", dependsTerms) : null,
                when,
                onExit,
                loop,
                Parser.Position(at.GetLocation()),
                template.TemplateRef,
                Breadth.NodeExtras(extras, _templates));
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

        /// <summary>
        /// An enum member compared with an enum-typed parameter or <c>[Argument]</c> property (<c>RunMode == Mode.Fast</c>):
        /// the member's name, which is the Argo value. Null for anything else.
        /// </summary>
        private string? EnumMember(ExpressionSyntax side, ExpressionSyntax other)
        {
            if (side is not MemberAccessExpressionSyntax { Name: IdentifierNameSyntax member } || other is not IdentifierNameSyntax id)
            {
                return null;
            }

            var name = id.Identifier.ValueText;
            var members = _method.Parameters.FirstOrDefault(p => p.Symbol.Name == name)?.Enum
                ?? (!_locals.ContainsKey(name) && _workflowParameters.TryGetValue(name, out var argument) ? argument.Enum : null);
            return members is not null && members.Contains(member.Identifier.ValueText) ? member.Identifier.ValueText : null;
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
                    var left = logical ? ConditionText(binary.Left, referenced) : EnumMember(binary.Left, binary.Right) ?? ValueText(binary.Left, referenced);
                    var right = logical ? ConditionText(binary.Right, referenced) : EnumMember(binary.Right, binary.Left) ?? ValueText(binary.Right, referenced);
                    return left is null || right is null ? null : left + " " + op + " " + right;
                default:
                    return ValueText(expression, referenced);
            }
        }

        /// <summary>
        /// The Argo text of a value: literals as written, a parameter of the composition method as
        /// <c>{{inputs.parameters.p}}</c>, an <c>[Argument]</c> property of the class as <c>{{workflow.parameters.p}}</c>, a node's <c>Result</c>/<c>ExitCode</c>/<c>Status</c> as a reference (and the node
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
                case IdentifierNameSyntax id when _loopItem is not null && id.Identifier.ValueText == _loopItem:
                    return "{{item}}";
                case MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax owner, Name: IdentifierNameSyntax field }
                    when _loopItem is not null && owner.Identifier.ValueText == _loopItem:
                    return "{{item." + ItemMemberName(field.Identifier.ValueText) + "}}";
                case IdentifierNameSyntax id when _parameters.TryGetValue(id.Identifier.ValueText, out var parameter):
                    return "{{inputs.parameters." + parameter + "}}";
                case IdentifierNameSyntax id when !_locals.ContainsKey(id.Identifier.ValueText) && _workflowParameters.TryGetValue(id.Identifier.ValueText, out var global):
                    return "{{workflow.parameters." + global.Name + "}}";
                case MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax owner, Name: IdentifierNameSyntax property }
                    when owner.Identifier.ValueText == _method.Symbol.ContainingType.Name
                        && _workflowParameters.TryGetValue(property.Identifier.ValueText, out var qualified):
                    return "{{workflow.parameters." + qualified.Name + "}}";
                case MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax owner, Name: IdentifierNameSyntax { Identifier.ValueText: "Outputs" } }
                    when _locals.TryGetValue(owner.Identifier.ValueText, out var stepNode)
                        && _localTemplates.TryGetValue(owner.Identifier.ValueText, out var stepTemplate)
                        && stepTemplate.ScalarResult:
                    if (!referenced.Contains(stepNode))
                    {
                        referenced.Add(stepNode);
                    }

                    return "{{" + Scope + "." + stepNode + ".outputs.parameters.result}}";
                case MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax owner, Name: IdentifierNameSyntax { Identifier.ValueText: "Outputs" } }
                    when _locals.TryGetValue(owner.Identifier.ValueText, out var all)
                        && _localTemplates.TryGetValue(owner.Identifier.ValueText, out var allTemplate)
                        && allTemplate.Outputs.Count > 0:
                    if (!referenced.Contains(all))
                    {
                        referenced.Add(all);
                    }

                    return "{{" + Scope + "." + all + ".outputs.parameters}}";
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
                case MemberAccessExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax artifactOwner, Name: IdentifierNameSyntax { Identifier.ValueText: "Outputs" } }, Name: IdentifierNameSyntax artifactProperty }
                    when _locals.TryGetValue(artifactOwner.Identifier.ValueText, out var artifactProducer)
                        && _localTemplates.TryGetValue(artifactOwner.Identifier.ValueText, out var artifactTemplate)
                        && Breadth.OutputArtifactName(artifactTemplate, artifactProperty.Identifier.ValueText) is { } artifactName:
                    if (!referenced.Contains(artifactProducer))
                    {
                        referenced.Add(artifactProducer);
                    }

                    return "{{" + Scope + "." + artifactProducer + ".outputs.artifacts." + artifactName + "}}";
                case InterpolatedStringExpressionSyntax interpolated:
                    var text = new StringBuilder();
                    foreach (var content in interpolated.Contents)
                    {
                        if (content is InterpolatedStringTextSyntax piece)
                        {
                            // Roslyn keeps the doubled braces of a regular interpolated string in the text; C# means one.
                            var raw = interpolated.StringStartToken.IsKind(SyntaxKind.InterpolatedMultiLineRawStringStartToken)
                                || interpolated.StringStartToken.IsKind(SyntaxKind.InterpolatedSingleLineRawStringStartToken);
                            text.Append(raw ? piece.TextToken.ValueText : piece.TextToken.ValueText.Replace("{{", "{").Replace("}}", "}"));
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

        /// <summary>
        /// The name of a loop item's member: the output parameter's name when the loop runs over a node's outputs
        /// (<c>Loop.Over(x.Outputs)</c>), otherwise the member name verbatim.
        /// </summary>
        private string ItemMemberName(string member)
        {
            if (_loopSource is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "Loop" }, Name.Identifier.ValueText: "Over" } } call
                && call.ArgumentList.Arguments.Count == 1
                && call.ArgumentList.Arguments[0].Expression is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax owner, Name: IdentifierNameSyntax { Identifier.ValueText: "Outputs" } }
                && _localTemplates.TryGetValue(owner.Identifier.ValueText, out var producer)
                && producer.Outputs.FirstOrDefault(o => o.Property == member) is { } output)
            {
                return output.Spec.Name;
            }

            return member;
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

    /// <summary>An enclosing <c>if</c> of the nodes being read: its <c>when</c> text, whether it is an <c>||</c>, and the nodes it reads.</summary>
    private sealed class Condition(string text, bool isOr, List<string> referenced)
    {
        public string Text { get; } = text;

        public bool IsOr { get; } = isOr;

        public List<string> Referenced { get; } = referenced;
    }
}
