using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Pipelines.Generator;
using Pipelines.Generator.Model;

namespace Pipelines.Analyzers;

/// <summary>
/// Reads each pipeline class with the generator's parser (once) and runs every family of checks over the result: the
/// problems the parser recorded, then the graph, reference, argument, name, template, control, security and Argo
/// version checks. Diagnostics sit on the offending attribute argument, expression or statement.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PipelinesAnalyzer : DiagnosticAnalyzer
{
    /// <summary>The MSBuild property (a CompilerVisibleProperty) that selects the Argo version checked against.</summary>
    public const string ArgoVersionProperty = "build_property.PipelinesArgoVersion";

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => DiagnosticDescriptors.All;

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            start.Options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue(ArgoVersionProperty, out var version);

            // Per syntax tree, with the semantic model the compiler already made for it: the class declarations are
            // found by a walk that enters only namespaces and types (never a member), and a class without a
            // workflow-kind attribute costs one scan of its bound attribute array. The driver skips generated trees
            // for this action as it did for the syntax-node action this replaces, and, unlike that action (scoped to a
            // pipeline class's symbol, so the driver walked every member's syntax to find class declarations), it
            // makes the driver walk nothing. A pipeline class is parsed once and every family of checks reads that
            // one parse (see Pipeline).
            start.RegisterSemanticModelAction(static context =>
            {
                var root = context.SemanticModel.SyntaxTree.GetRoot(context.CancellationToken);
                foreach (var node in root.DescendantNodes(static n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax))
                {
                    if (node is ClassDeclarationSyntax { AttributeLists.Count: > 0 } declaration
                        && context.SemanticModel.GetDeclaredSymbol(declaration, context.CancellationToken) is { TypeKind: TypeKind.Class } type
                        && FirstKindAttribute(type) is { ApplicationSyntaxReference: { } reference } kind)
                    {
                        AnalyzeClass(declaration, type, kind, reference, context.SemanticModel, context.ReportDiagnostic, context.CancellationToken);
                    }
                }
            });
            start.RegisterCompilationEndAction(end => VersionChecks.CheckVersion(end, version));
        });
    }

    /// <summary>Every check of one class declaration, reported through <paramref name="report"/>.</summary>
    private static void AnalyzeClass(ClassDeclarationSyntax declaration, INamedTypeSymbol type, AttributeData kind, SyntaxReference reference, SemanticModel model, Action<Diagnostic> report, CancellationToken ct)
    {
        // The declaration that carries the kind attribute (one of a partial class's, not a nested type's).
        if (declaration.AttributeLists.Count == 0
            || reference.SyntaxTree != declaration.SyntaxTree
            || !declaration.Span.Contains(reference.Span))
        {
            return;
        }

        List<string>? shape = null;
        if (!declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            (shape ??= []).Add("partial");
        }

        if (type.ContainingType is not null)
        {
            (shape ??= []).Add("top-level (not nested)");
        }

        if (type.IsGenericType)
        {
            (shape ??= []).Add("non-generic");
        }

        VersionChecks.CheckKindAttribute(report, kind);
        if (shape is not null)
        {
            report(Diagnostic.Create(DiagnosticDescriptors.ClassNotTranslated, declaration.Identifier.GetLocation(), type.Name, string.Join(", ", shape)));
            return;
        }

        var spec = PipelinesGenerator.Parser.Parse(declaration, type, kind, model, ct);
        if (spec is null)
        {
            return;
        }

        var pipeline = new Pipeline(spec, declaration, type, kind, model, report, ct);
        foreach (var problem in spec.Problems)
        {
            pipeline.Report(problem);
        }

        GraphChecks.Run(pipeline);
        ReferenceChecks.Run(pipeline);
        ArgumentChecks.Run(pipeline);
        NameChecks.Run(pipeline);
        TemplateChecks.Run(pipeline);
        ControlChecks.Run(pipeline);
        SecurityChecks.Run(pipeline);
        EntryPointChecks.Run(pipeline);
        ObservabilityChecks.Run(pipeline);
    }

    // The kind attributes' simple names ("WorkflowAttribute", ...), in the parser's order of precedence.
    private static readonly string[] KindNames = PipelinesGenerator.Parser.KindAttributes.Select(n => n.Substring("Pipelines.".Length)).ToArray();

    /// <summary>The workflow-kind attribute the generator reads for <paramref name="type"/>, or null (allocates nothing).</summary>
    internal static AttributeData? FirstKindAttribute(INamedTypeSymbol type)
    {
        var attributes = type.GetAttributes();
        if (attributes.IsEmpty)
        {
            return null;
        }

        foreach (var name in KindNames)
        {
            foreach (var a in attributes)
            {
                if (Symbols.Is(a, name))
                {
                    return a;
                }
            }
        }

        return null;
    }
}

/// <summary>
/// One parsed pipeline class and what the checks need to find syntax and report. The class's syntax is walked once
/// (<see cref="Walk"/>), on first need, and every family of checks reads what that walk collected: the strings that
/// hold <c>{{</c>, the string literals long enough to be too large, the <c>Loop.Over</c> calls and the attribute
/// strings of each method. Where each graph node was read from is found only when a report needs it.
/// </summary>
internal sealed class Pipeline
{
    private readonly Action<Diagnostic> _report;
    private readonly Dictionary<SourcePosition, TemplateSource> _byPosition = new();
    private readonly Dictionary<MethodDeclarationSyntax, TemplateSource> _bySyntax = new();
    private Dictionary<int, SyntaxNode>? _nodeSyntax;
    private List<SyntaxToken>? _longLiterals;
    private List<TemplateSource>? _methods;
    private List<(MemberDeclarationSyntax Syntax, ISymbol Symbol, AttributeData Spec)>? _specMembers;

    public Pipeline(WorkflowSpec spec, ClassDeclarationSyntax declaration, INamedTypeSymbol type, AttributeData kind, SemanticModel model, Action<Diagnostic> report, CancellationToken ct)
    {
        Spec = spec;
        Declaration = declaration;
        Type = type;
        Kind = kind;
        Model = model;
        CancellationToken = ct;
        _report = report;
        foreach (var member in declaration.Members)
        {
            if (member is MethodDeclarationSyntax method && model.GetDeclaredSymbol(method, ct) is { } symbol)
            {
                var position = PipelinesGenerator.Parser.Position(method.Identifier.GetLocation());
                var source = new TemplateSource(method, symbol);
                _byPosition[position] = source;
                _bySyntax[method] = source;
            }
        }

        foreach (var template in spec.Templates)
        {
            if (_byPosition.TryGetValue(template.Position, out var source))
            {
                source.Spec = template;
            }
        }
    }

    public WorkflowSpec Spec { get; }

    public ClassDeclarationSyntax Declaration { get; }

    public INamedTypeSymbol Type { get; }

    public AttributeData Kind { get; }

    public SemanticModel Model { get; }

    public CancellationToken CancellationToken { get; }

    /// <summary>
    /// The methods of the class, with the template each became (null for methods that are not templates), and what the
    /// class's one walk found in each.
    /// </summary>
    public IReadOnlyList<TemplateSource> Methods
    {
        get
        {
            if (_methods is null)
            {
                Walk();
                var methods = new List<TemplateSource>(_byPosition.Values);
                methods.Sort(static (a, b) => a.Syntax.SpanStart.CompareTo(b.Syntax.SpanStart)); // distinct starts: stable enough
                _methods = methods;
            }

            return _methods;
        }
    }

    /// <summary>String literal tokens anywhere in the class whose text is longer than a third of Argo's parameter limit.</summary>
    public IReadOnlyList<SyntaxToken> LongLiterals
    {
        get
        {
            Walk();
            return _longLiterals!;
        }
    }

    /// <summary>The [Spec] members of the class (typed initializers over the Argo model), with their symbol and attribute.</summary>
    public IReadOnlyList<(MemberDeclarationSyntax Syntax, ISymbol Symbol, AttributeData Spec)> SpecMembers
    {
        get
        {
            if (_specMembers is null)
            {
                _specMembers = [];
                foreach (var member in Declaration.Members)
                {
                    // A member without attributes has none unless another part of it (partial) brings them; a method's
                    // symbol was found already (the constructor).
                    if (member is not (PropertyDeclarationSyntax or MethodDeclarationSyntax)
                        || (member.AttributeLists.Count == 0 && !member.Modifiers.Any(SyntaxKind.PartialKeyword)))
                    {
                        continue;
                    }

                    ISymbol? symbol = member is MethodDeclarationSyntax method && _bySyntax.TryGetValue(method, out var source)
                        ? source.Symbol
                        : Model.GetDeclaredSymbol(member, CancellationToken);
                    if (symbol is not null)
                    {
                        foreach (var a in symbol.GetAttributes())
                        {
                            if (Symbols.Is(a, "SpecAttribute"))
                            {
                                _specMembers.Add((member, symbol, a));
                                break;
                            }
                        }
                    }
                }
            }

            return _specMembers;
        }
    }

    public TemplateSource? SourceOf(TemplateSpec template) => _byPosition.TryGetValue(template.Position, out var s) ? s : null;

    /// <summary>The first template named <paramref name="name"/>, or null (a loop: asked once per node, it allocates nothing).</summary>
    public TemplateSpec? Template(string name)
    {
        var templates = Spec.Templates;
        for (var i = 0; i < templates.Count; i++)
        {
            if (templates[i].Name == name)
            {
                return templates[i];
            }
        }

        return null;
    }

    /// <summary>The syntax a node was read from (its statement, or its expression inside <c>Parallel(...)</c>).</summary>
    public SyntaxNode? NodeSyntax(NodeSpec node)
    {
        if (_nodeSyntax is null)
        {
            // Only reports need this (clean code never asks), so it is not part of the shared walk: one walk over the
            // template bodies, keyed by start offset. Finding each node with FindToken would cost a scan of the
            // enclosing block per node (quadratic in the number of tasks).
            _nodeSyntax = new Dictionary<int, SyntaxNode>();
            foreach (var method in _byPosition.Values)
            {
                if (method.Spec is null || ((SyntaxNode?)method.Syntax.Body ?? method.Syntax.ExpressionBody) is not { } body)
                {
                    continue;
                }

                foreach (var n in body.DescendantNodesAndSelf())
                {
                    if ((n is StatementSyntax or ArrowExpressionClauseSyntax || n.Parent is ArgumentSyntax || n.Parent is ArrowExpressionClauseSyntax)
                        && (!_nodeSyntax.TryGetValue(n.SpanStart, out var existing) || existing is BlockSyntax or ArrowExpressionClauseSyntax))
                    {
                        _nodeSyntax[n.SpanStart] = n;
                    }
                }
            }
        }

        var text = Declaration.SyntaxTree.GetText(CancellationToken);
        if (node.Position.Line - 1 >= text.Lines.Count)
        {
            return null;
        }

        var at = text.Lines[node.Position.Line - 1].Start + node.Position.Column - 1;
        return _nodeSyntax.TryGetValue(at, out var found) ? found : null;
    }

    /// <summary>
    /// What the families read from the class's syntax, collected once. Nothing walks the whole class on a clean path: a
    /// string literal longer than a third of Argo's parameter limit needs a class at least that long; a method's
    /// attribute lists are walked token by token (they are short); a body is walked for strings holding <c>{{</c>, and
    /// a method for <c>Loop.Over</c> calls, only when its source text holds those characters (a token's text is the
    /// source text at its span, so text without them has no such token; a backslash, which could spell a name with a
    /// Unicode escape, counts as a hit).
    /// </summary>
    private void Walk()
    {
        if (_longLiterals is not null)
        {
            return;
        }

        List<SyntaxToken>? longLiterals = null;
        if (Declaration.FullSpan.Length > NameChecks.MaxParameterBytes / 3)
        {
            foreach (var token in Declaration.DescendantTokens())
            {
                // At most 3 UTF-8 bytes per UTF-16 unit, and the value is never longer than the token: short ones are fine.
                if (IsStringLiteral(token.Kind()) && token.Span.Length > NameChecks.MaxParameterBytes / 3)
                {
                    (longLiterals ??= []).Add(token);
                }
            }
        }

        var text = Declaration.SyntaxTree.GetText(CancellationToken);
        foreach (var pair in _bySyntax)
        {
            var syntax = pair.Key;
            var method = pair.Value;
            var scan = Scan(text, syntax.FullSpan, syntax.AttributeLists.Count > 0 ? syntax.AttributeLists.FullSpan : default, ((SyntaxNode?)syntax.Body ?? syntax.ExpressionBody)?.FullSpan ?? default);
            if ((scan & TextHits.AttributeQuote) != 0)
            {
                foreach (var list in syntax.AttributeLists)
                {
                    CollectAttributeStrings(list, method, 0);
                }
            }

            if ((scan & TextHits.BodyBraces) != 0 && ((SyntaxNode?)syntax.Body ?? syntax.ExpressionBody) is { } body)
            {
                CollectBodyReferenceStrings(body, method);
            }

            if ((scan & TextHits.LoopOver) == TextHits.LoopOver || (scan & TextHits.Backslash) != 0)
            {
                foreach (var n in syntax.DescendantNodes())
                {
                    if (n is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "Loop" }, Name.Identifier.ValueText: "Over" } } over)
                    {
                        (method.LoopOverCalls ??= []).Add(over);
                    }
                }
            }
        }

        _longLiterals = longLiterals ?? [];
    }

    private static bool IsStringLiteral(SyntaxKind kind) =>
        kind is SyntaxKind.StringLiteralToken or SyntaxKind.SingleLineRawStringLiteralToken or SyntaxKind.MultiLineRawStringLiteralToken;

    // Every string token of an attribute list, and those holding "{{", in source order. Recursion over the struct
    // ChildNodesAndTokens allocates nothing; past a depth of 64 (an expression can nest thousands deep: "a" + "b" + ...)
    // the rest of that subtree is read with DescendantTokens instead.
    private static void CollectAttributeStrings(SyntaxNode node, TemplateSource method, int depth)
    {
        if (depth > 64)
        {
            foreach (var token in node.DescendantTokens())
            {
                AddAttributeString(token, method);
            }

            return;
        }

        foreach (var child in node.ChildNodesAndTokens())
        {
            if (child.IsNode)
            {
                CollectAttributeStrings(child.AsNode()!, method, depth + 1);
            }
            else
            {
                AddAttributeString(child.AsToken(), method);
            }
        }
    }

    private static void AddAttributeString(SyntaxToken token, TemplateSource method)
    {
        var kind = token.Kind();
        var isLiteral = IsStringLiteral(kind);
        if (!isLiteral && kind != SyntaxKind.InterpolatedStringTextToken)
        {
            return;
        }

        if (isLiteral)
        {
            (method.AttributeStrings ??= []).Add(token);
        }

        if (token.Text.IndexOf("{{", StringComparison.Ordinal) >= 0)
        {
            (method.AttributeReferenceStrings ??= []).Add(token);
        }
    }

    private static void CollectBodyReferenceStrings(SyntaxNode body, TemplateSource method)
    {
        foreach (var token in body.DescendantTokens())
        {
            var kind = token.Kind();
            if ((IsStringLiteral(kind) || kind == SyntaxKind.InterpolatedStringTextToken) && token.Text.IndexOf("{{", StringComparison.Ordinal) >= 0)
            {
                (method.BodyReferenceStrings ??= []).Add(token);
            }
        }
    }

    [Flags]
    private enum TextHits
    {
        None = 0,
        BodyBraces = 1,
        Loop = 2,
        Over = 4,
        LoopOver = Loop | Over,
        Backslash = 8,
        AttributeQuote = 16,
    }

    [ThreadStatic]
    private static char[]? s_textBuffer;

    // A method's source text, copied out once (into a per-thread buffer) and searched with the vectorised span
    // searches: "{{" inside the body, a quote inside the attribute lists (every string token has one), "Loop" and
    // "Over" anywhere, a backslash anywhere.
    private static TextHits Scan(SourceText text, TextSpan method, TextSpan attributes, TextSpan body)
    {
        var end = Math.Min(method.End, text.Length);
        var length = end - method.Start;
        if (length <= 0)
        {
            return TextHits.None;
        }

        var buffer = s_textBuffer;
        if (buffer is null || buffer.Length < length)
        {
            s_textBuffer = buffer = new char[Math.Max(length, 4096)];
        }

        text.CopyTo(method.Start, buffer, 0, length);
        var all = new ReadOnlySpan<char>(buffer, 0, length);
        var hits = TextHits.None;
        if (Slice(all, method.Start, body).IndexOf("{{".AsSpan()) >= 0)
        {
            hits |= TextHits.BodyBraces;
        }

        if (Slice(all, method.Start, attributes).IndexOf('"') >= 0)
        {
            hits |= TextHits.AttributeQuote;
        }

        if (all.IndexOf('\\') >= 0)
        {
            hits |= TextHits.Backslash;
        }

        if (all.IndexOf("Loop".AsSpan()) >= 0 && all.IndexOf("Over".AsSpan()) >= 0)
        {
            hits |= TextHits.LoopOver;
        }

        return hits;
    }

    private static ReadOnlySpan<char> Slice(ReadOnlySpan<char> all, int offset, TextSpan span)
    {
        var start = Math.Max(span.Start - offset, 0);
        var end = Math.Min(span.End - offset, all.Length);
        return end > start ? all.Slice(start, end - start) : default;
    }

    /// <summary>The template call of a node: the invocation inside its syntax whose callee names a template method.</summary>
    public InvocationExpressionSyntax? NodeCall(NodeSpec node, TemplateSpec? callee)
    {
        if (NodeSyntax(node) is not { } syntax)
        {
            return null;
        }

        foreach (var call in syntax.DescendantNodesAndSelf().OfType<InvocationExpressionSyntax>())
        {
            var method = call.Expression switch
            {
                IdentifierNameSyntax id => id.Identifier.ValueText,
                MemberAccessExpressionSyntax access when access.Name.Identifier.ValueText is not ("Named" or "After" or "Depends" or "When" or "OnExit" or "WithArtifact" or "ForEach") => access.Name.Identifier.ValueText,
                _ => null,
            };
            if (method is null)
            {
                continue;
            }

            if (callee is null || Methods.Any(m => ReferenceEquals(m.Spec, callee) && m.Symbol.Name == method) || node.TemplateRef is not null)
            {
                return call;
            }
        }

        return null;
    }

    public Location LocationOf(NodeSpec node) => NodeSyntax(node)?.GetLocation() ?? Declaration.Identifier.GetLocation();

    public void Report(DiagnosticDescriptor descriptor, Location location, params object?[] arguments) =>
        _report(Diagnostic.Create(descriptor, location, Escaped(arguments)));

    public void Report(DiagnosticDescriptor descriptor, Location location, ImmutableDictionary<string, string?> properties, params object?[] arguments) =>
        _report(Diagnostic.Create(descriptor, location, properties, Escaped(arguments)));

    // A name or value from the user's code can hold control characters ("a\nb", an ANSI escape): one diagnostic, one line.
    private static object?[] Escaped(object?[] arguments) =>
        arguments.Select(a => a is string s ? Pipelines.Argo.DiagnosticText.Escape(s) : a).ToArray();

    public void Report(ProblemSpec problem)
    {
        var descriptor = DiagnosticDescriptors.All.FirstOrDefault(d => d.Id == problem.Code);
        if (descriptor is null)
        {
            return;
        }

        var tree = Declaration.SyntaxTree.FilePath == problem.Location.FilePath
            ? Declaration.SyntaxTree
            : Model.Compilation.SyntaxTrees.FirstOrDefault(t => t.FilePath == problem.Location.FilePath);
        var span = new TextSpan(problem.Location.Start, problem.Location.Length);
        var location = tree is not null && span.End <= tree.Length
            ? Location.Create(tree, span)
            : Location.Create(problem.Location.FilePath, span, new LinePositionSpan(new LinePosition(problem.Location.StartLine, problem.Location.StartColumn), new LinePosition(problem.Location.EndLine, problem.Location.EndColumn)));
        Report(descriptor, location, problem.Arguments.Cast<object?>().ToArray());
    }

    /// <summary>The syntax of an attribute application, or the fallback.</summary>
    public static Location Where(AttributeData attribute, Location fallback) =>
        attribute.ApplicationSyntaxReference?.GetSyntax().GetLocation() ?? fallback;

    /// <summary>The expression of a named (<c>Name = ...</c>) or positional argument of an attribute application.</summary>
    public static ExpressionSyntax? ArgumentOf(AttributeData attribute, string? named, int position = -1)
    {
        if (attribute.ApplicationSyntaxReference?.GetSyntax() is not AttributeSyntax { ArgumentList: { } list })
        {
            return null;
        }

        var index = 0;
        foreach (var argument in list.Arguments)
        {
            if (argument.NameEquals is { } equals)
            {
                if (equals.Name.Identifier.ValueText == named)
                {
                    return argument.Expression;
                }

                continue;
            }

            if (argument.NameColon is null && index++ == position)
            {
                return argument.Expression;
            }
        }

        return null;
    }
}

/// <summary>A method of the pipeline class and the template it became, if any.</summary>
internal sealed class TemplateSource(MethodDeclarationSyntax syntax, IMethodSymbol symbol)
{
    private static readonly IReadOnlyList<SyntaxToken> NoTokens = [];
    private static readonly IReadOnlyList<InvocationExpressionSyntax> NoCalls = [];

    public MethodDeclarationSyntax Syntax { get; } = syntax;

    public IMethodSymbol Symbol { get; } = symbol;

    public TemplateSpec? Spec { get; set; }

    // Filled by Pipeline's one walk (null while empty, so a method without any allocates nothing).
    internal List<SyntaxToken>? AttributeStrings { get; set; }

    internal List<SyntaxToken>? AttributeReferenceStrings { get; set; }

    internal List<SyntaxToken>? BodyReferenceStrings { get; set; }

    internal List<InvocationExpressionSyntax>? LoopOverCalls { get; set; }

    /// <summary>The string literal tokens of the method's attribute lists, in source order.</summary>
    public IReadOnlyList<SyntaxToken> AttributeLiterals => AttributeStrings ?? NoTokens;

    /// <summary>The string tokens holding <c>{{</c> in the attribute lists (leaf templates) or the body (others).</summary>
    public IReadOnlyList<SyntaxToken> ReferenceStrings(bool attributes) => (attributes ? AttributeReferenceStrings : BodyReferenceStrings) ?? NoTokens;

    /// <summary>The <c>Loop.Over(...)</c> calls inside the method.</summary>
    public IReadOnlyList<InvocationExpressionSyntax> LoopOver => LoopOverCalls ?? NoCalls;
}
