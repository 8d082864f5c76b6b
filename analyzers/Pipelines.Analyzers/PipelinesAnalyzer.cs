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
            start.RegisterSyntaxNodeAction(c => AnalyzeClass(c), SyntaxKind.ClassDeclaration);
            start.RegisterCompilationEndAction(end => VersionChecks.CheckVersion(end, version));
        });
    }

    private static void AnalyzeClass(SyntaxNodeAnalysisContext context)
    {
        var declaration = (ClassDeclarationSyntax)context.Node;
        if (declaration.AttributeLists.Count == 0 || context.SemanticModel.GetDeclaredSymbol(declaration, context.CancellationToken) is not { } type)
        {
            return;
        }

        var kind = FirstKindAttribute(type);
        if (kind?.ApplicationSyntaxReference is not { } reference
            || reference.SyntaxTree != declaration.SyntaxTree
            || !declaration.Span.Contains(reference.Span))
        {
            return;
        }

        var shape = new List<string>();
        if (!declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            shape.Add("partial");
        }

        if (type.ContainingType is not null)
        {
            shape.Add("top-level (not nested)");
        }

        if (type.IsGenericType)
        {
            shape.Add("non-generic");
        }

        VersionChecks.CheckKindAttribute(context, kind);
        if (shape.Count > 0)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ClassNotTranslated, declaration.Identifier.GetLocation(), type.Name, string.Join(", ", shape)));
            return;
        }

        var spec = PipelinesGenerator.Parser.Parse(declaration, type, kind, context.SemanticModel, context.CancellationToken);
        if (spec is null)
        {
            return;
        }

        var pipeline = new Pipeline(spec, declaration, type, kind, context);
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

    internal static AttributeData? FirstKindAttribute(INamedTypeSymbol type)
    {
        foreach (var name in PipelinesGenerator.Parser.KindAttributes)
        {
            foreach (var a in type.GetAttributes())
            {
                if (Symbols.Is(a, name.Substring("Pipelines.".Length)))
                {
                    return a;
                }
            }
        }

        return null;
    }
}

/// <summary>One parsed pipeline class and what the checks need to find syntax and report.</summary>
internal sealed class Pipeline
{
    private readonly SyntaxNodeAnalysisContext _context;
    private readonly Dictionary<SourcePosition, TemplateSource> _byPosition = new();
    private Dictionary<int, SyntaxNode>? _nodeSyntax;
    private List<TemplateSource>? _methods;

    public Pipeline(WorkflowSpec spec, ClassDeclarationSyntax declaration, INamedTypeSymbol type, AttributeData kind, SyntaxNodeAnalysisContext context)
    {
        Spec = spec;
        Declaration = declaration;
        Type = type;
        Kind = kind;
        _context = context;
        foreach (var method in declaration.Members.OfType<MethodDeclarationSyntax>())
        {
            if (context.SemanticModel.GetDeclaredSymbol(method, context.CancellationToken) is { } symbol)
            {
                var position = PipelinesGenerator.Parser.Position(method.Identifier.GetLocation());
                _byPosition[position] = new TemplateSource(method, symbol);
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

    public SemanticModel Model => _context.SemanticModel;

    public CancellationToken CancellationToken => _context.CancellationToken;

    /// <summary>The methods of the class, with the template each became (null for methods that are not templates).</summary>
    public IReadOnlyList<TemplateSource> Methods => _methods ??= _byPosition.Values.OrderBy(m => m.Syntax.SpanStart).ToList();

    public TemplateSource? SourceOf(TemplateSpec template) => _byPosition.TryGetValue(template.Position, out var s) ? s : null;

    public TemplateSpec? Template(string name) => Spec.Templates.FirstOrDefault(t => t.Name == name);

    /// <summary>The syntax a node was read from (its statement, or its expression inside <c>Parallel(...)</c>).</summary>
    public SyntaxNode? NodeSyntax(NodeSpec node)
    {
        if (_nodeSyntax is null)
        {
            // One walk over the template bodies, keyed by start offset: finding each node with FindToken would cost a
            // scan of the enclosing block per node (quadratic in the number of tasks).
            _nodeSyntax = new Dictionary<int, SyntaxNode>();
            foreach (var method in _byPosition.Values)
            {
                if (method.Spec is null || ((SyntaxNode?)method.Syntax.Body ?? method.Syntax.ExpressionBody) is not { } body)
                {
                    continue;
                }

                foreach (var n in body.DescendantNodesAndSelf())
                {
                    if (n is StatementSyntax or ArrowExpressionClauseSyntax || n.Parent is ArgumentSyntax || n.Parent is ArrowExpressionClauseSyntax)
                    {
                        if (!_nodeSyntax.ContainsKey(n.SpanStart) || _nodeSyntax[n.SpanStart] is BlockSyntax or ArrowExpressionClauseSyntax)
                        {
                            _nodeSyntax[n.SpanStart] = n;
                        }
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
        _context.ReportDiagnostic(Diagnostic.Create(descriptor, location, Escaped(arguments)));

    public void Report(DiagnosticDescriptor descriptor, Location location, ImmutableDictionary<string, string?> properties, params object?[] arguments) =>
        _context.ReportDiagnostic(Diagnostic.Create(descriptor, location, properties, Escaped(arguments)));

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
            : _context.Compilation.SyntaxTrees.FirstOrDefault(t => t.FilePath == problem.Location.FilePath);
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
    public MethodDeclarationSyntax Syntax { get; } = syntax;

    public IMethodSymbol Symbol { get; } = symbol;

    public TemplateSpec? Spec { get; set; }
}
