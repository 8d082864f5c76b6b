using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using Pipelines.Analyzers;

namespace Pipelines.CodeFixes;

/// <summary>PIPE4101: replaces a mistyped reference with the suggestion the diagnostic carries ("did you mean").</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(DidYouMeanCodeFix)), Shared]
public sealed class DidYouMeanCodeFix : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticDescriptors.UnknownReference.Id);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            if (diagnostic.Properties.TryGetValue(ReferenceChecks.ReplacementKey, out var replacement) && replacement is not null)
            {
                context.RegisterCodeFix(
                    CodeAction.Create("Change to '" + replacement + "'", ct => Text.Replace(context.Document, diagnostic.Location.SourceSpan, replacement, ct), nameof(DidYouMeanCodeFix)),
                    diagnostic);
            }
        }

        return Task.CompletedTask;
    }
}

/// <summary>PIPE4304 and PIPE4306: replaces an invalid name literal with a valid one (kebab-case; lower case for metadata).</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RenameCodeFix)), Shared]
public sealed class RenameCodeFix : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticDescriptors.InvalidTemplateName.Id, DiagnosticDescriptors.InvalidMetadataName.Id, DiagnosticDescriptors.DuplicateNodeName.Id);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (root is null || !diagnostic.Properties.TryGetValue(NameChecks.FixedNameKey, out var name) || name is null)
            {
                continue;
            }

            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            if (node is LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression } literal)
            {
                context.RegisterCodeFix(
                    CodeAction.Create("Rename to '" + name + "'", _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(literal, Literal(name)))), nameof(RenameCodeFix)),
                    diagnostic);
            }
            else if (diagnostic.Id == DiagnosticDescriptors.DuplicateNodeName.Id && Chain(node) is { } chain)
            {
                // Name the task or step: append .Named("...") to its call.
                var named = SyntaxFactory.InvocationExpression(
                    SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, chain.WithoutTrailingTrivia(), SyntaxFactory.IdentifierName("Named")),
                    SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(Literal(name))))).WithTriviaFrom(chain);
                context.RegisterCodeFix(
                    CodeAction.Create("Name it '" + name + "'", _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(chain, named))), nameof(RenameCodeFix) + ".Named"),
                    diagnostic);
            }
        }
    }

    private static ExpressionSyntax? Chain(SyntaxNode node) => node switch
    {
        ExpressionStatementSyntax statement => statement.Expression,
        LocalDeclarationStatementSyntax { Declaration.Variables: { Count: 1 } variables } when variables[0].Initializer is { } initializer => initializer.Value,
        ExpressionSyntax expression => expression,
        _ => null,
    };

    private static LiteralExpressionSyntax Literal(string text) =>
        SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(text));
}

/// <summary>PIPE4605: adds the <c>partial</c> modifier the generator needs.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakePartialCodeFix)), Shared]
public sealed class MakePartialCodeFix : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticDescriptors.ClassNotTranslated.Id);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (root?.FindToken(diagnostic.Location.SourceSpan.Start).Parent is ClassDeclarationSyntax declaration
                && !declaration.Modifiers.Any(SyntaxKind.PartialKeyword)
                && declaration.TypeParameterList is null
                && declaration.Parent is not TypeDeclarationSyntax)
            {
                var partial = SyntaxFactory.Token(SyntaxKind.PartialKeyword).WithTrailingTrivia(SyntaxFactory.Space);
                var fixedDeclaration = declaration.Modifiers.Count == 0
                    ? declaration.WithModifiers(SyntaxFactory.TokenList(partial.WithLeadingTrivia(declaration.Keyword.LeadingTrivia))).WithKeyword(declaration.Keyword.WithLeadingTrivia())
                    : declaration.WithModifiers(declaration.Modifiers.Add(partial));
                context.RegisterCodeFix(
                    CodeAction.Create("Make the class partial", _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(declaration, fixedDeclaration))), nameof(MakePartialCodeFix)),
                    diagnostic);
            }
        }
    }
}

/// <summary>PIPE4201: supplies the missing argument with a placeholder value of the parameter's type.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddArgumentCodeFix)), Shared]
public sealed class AddArgumentCodeFix : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticDescriptors.MissingArgument.Id);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (root is null || model is null
                || !diagnostic.Properties.TryGetValue(ArgumentChecks.ParameterKey, out var parameterName) || parameterName is null
                || root.FindNode(diagnostic.Location.SourceSpan) is not InvocationExpressionSyntax call
                || model.GetSymbolInfo(call, context.CancellationToken).Symbol is not IMethodSymbol method
                || method.Parameters.FirstOrDefault(p => p.Name == parameterName) is not { } parameter)
            {
                continue;
            }

            var value = Placeholder(parameter.Type);
            var argument = SyntaxFactory.Argument(SyntaxFactory.NameColon(parameterName), default, value);
            var fixedCall = call.WithArgumentList(call.ArgumentList.AddArguments(argument));
            context.RegisterCodeFix(
                CodeAction.Create("Add argument '" + parameterName + "'", _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(call, fixedCall))), nameof(AddArgumentCodeFix)),
                diagnostic);
        }
    }

    private static ExpressionSyntax Placeholder(ITypeSymbol type)
    {
        var underlying = type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } n ? n.TypeArguments[0] : type;
        return underlying.SpecialType switch
        {
            SpecialType.System_Boolean => SyntaxFactory.LiteralExpression(SyntaxKind.FalseLiteralExpression),
            SpecialType.System_String => SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(string.Empty)),
            SpecialType.System_Char => SyntaxFactory.LiteralExpression(SyntaxKind.CharacterLiteralExpression, SyntaxFactory.Literal(' ')),
            _ when underlying.TypeKind == TypeKind.Enum && underlying.GetMembers().OfType<IFieldSymbol>().FirstOrDefault() is { } member =>
                SyntaxFactory.ParseExpression(underlying.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + "." + member.Name),
            _ => SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(0)),
        };
    }
}

/// <summary>PIPE4801: moves Argo 3's CronWorkflow <c>Schedule</c> into the schedules list (Argo 4's <c>schedules</c>).</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CronSchedulesCodeFix)), Shared]
public sealed class CronSchedulesCodeFix : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticDescriptors.RemovedInArgo4.Id);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (root?.FindNode(diagnostic.Location.SourceSpan) is not AttributeArgumentSyntax { NameEquals.Name.Identifier.ValueText: "Schedule" } schedule
                || schedule.Parent is not AttributeArgumentListSyntax list)
            {
                continue;
            }

            // Positional arguments come first: the name, then the schedules; insert after the last positional one.
            var arguments = list.Arguments.Remove(schedule);
            var lastPositional = -1;
            for (var i = 0; i < arguments.Count; i++)
            {
                if (arguments[i].NameEquals is null && arguments[i].NameColon is null)
                {
                    lastPositional = i;
                }
            }

            var moved = SyntaxFactory.AttributeArgument(schedule.Expression.WithoutTrivia());
            var fixedList = list.WithArguments(arguments.Insert(lastPositional + 1, moved));
            context.RegisterCodeFix(
                CodeAction.Create("Move to the schedules list", _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(list, fixedList))), nameof(CronSchedulesCodeFix)),
                diagnostic);
        }
    }
}

/// <summary>Text edits shared by the fixes.</summary>
internal static class Text
{
    public static async Task<Document> Replace(Document document, TextSpan span, string text, CancellationToken ct)
    {
        var source = await document.GetTextAsync(ct).ConfigureAwait(false);
        return document.WithText(source.WithChanges(new TextChange(span, text)));
    }
}

/// <summary>PIPE4509 and PIPE4510: adds <c>Parallelism(10)</c> to the DAG or steps method that fans out.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddParallelismCodeFix)), Shared]
public sealed class AddParallelismCodeFix : CodeFixProvider
{
    /// <summary>The limit the fix writes; a starting point to tune, not a recommendation for every cluster.</summary>
    public const int DefaultLimit = 10;

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticDescriptors.LargeFanOut.Id, DiagnosticDescriptors.RunTimeFanOut.Id);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            // The template method's attributes are on its declaration; add to the last list ([Dag, Entrypoint, Parallelism(10)]).
            if (root?.FindNode(diagnostic.Location.SourceSpan).FirstAncestorOrSelf<MethodDeclarationSyntax>() is { AttributeLists.Count: > 0 } method)
            {
                var list = method.AttributeLists[method.AttributeLists.Count - 1];
                var text = ", Parallelism(" + DefaultLimit.ToString(System.Globalization.CultureInfo.InvariantCulture) + ")";
                context.RegisterCodeFix(
                    CodeAction.Create("Add [Parallelism(" + DefaultLimit.ToString(System.Globalization.CultureInfo.InvariantCulture) + ")] to the template", ct => Text.Replace(context.Document, new TextSpan(list.CloseBracketToken.SpanStart, 0), text, ct), nameof(AddParallelismCodeFix)),
                    diagnostic);
            }
        }
    }
}

/// <summary>
/// PIPE4610: renames a template method called <c>Main</c> (to <c>MainDag</c>, <c>MainSteps</c> or <c>MainTemplate</c>,
/// with every reference) and adds <c>[Name("main")]</c>, so the manifest keeps its template name.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(TemplateNamedMainCodeFix)), Shared]
public sealed class TemplateNamedMainCodeFix : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticDescriptors.TemplateNamedMain.Id);

    /// <inheritdoc/>
    public override FixAllProvider? GetFixAllProvider() => null;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (root?.FindNode(diagnostic.Location.SourceSpan) is not { } node
                || node.FirstAncestorOrSelf<MethodDeclarationSyntax>() is not { } method)
            {
                continue;
            }

            var attributes = method.AttributeLists.SelectMany(l => l.Attributes).Select(a => a.Name.ToString()).ToList();
            var newName = attributes.Any(a => a is "Dag" or "DagAttribute" or "Pipelines.Dag") ? "MainDag"
                : attributes.Any(a => a is "Steps" or "StepsAttribute" or "Pipelines.Steps") ? "MainSteps"
                : "MainTemplate";
            var hasName = attributes.Any(a => a is "Name" or "NameAttribute" or "Pipelines.Name");
            context.RegisterCodeFix(
                CodeAction.Create(
                    "Rename to '" + newName + "'" + (hasName ? string.Empty : " and keep the template name 'main'"),
                    ct => Fix(context.Document, method, newName, !hasName, ct),
                    nameof(TemplateNamedMainCodeFix)),
                diagnostic);
        }
    }

    private static async Task<Solution> Fix(Document document, MethodDeclarationSyntax method, string newName, bool addName, CancellationToken ct)
    {
        var solution = document.Project.Solution;
        if (addName)
        {
            // [Name("main")] first (on its own list, before the kind attributes), so the rename below finds the method by position.
            var root = await document.GetSyntaxRootAsync(ct).ConfigureAwait(false);
            var name = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Attribute(
                SyntaxFactory.IdentifierName("Name"),
                SyntaxFactory.AttributeArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.AttributeArgument(
                    SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal("main"))))))));
            // A template method always has its kind attribute; the new list takes the first one's place and indentation.
            var first = method.AttributeLists[0];
            var indent = first.GetLeadingTrivia().Where(t => t.IsKind(SyntaxKind.WhitespaceTrivia));
            var lists = method.AttributeLists
                .Replace(first, first.WithLeadingTrivia(indent))
                .Insert(0, name.WithLeadingTrivia(first.GetLeadingTrivia()).WithTrailingTrivia(SyntaxFactory.LineFeed));
            var updated = method.WithAttributeLists(lists);
            solution = solution.WithDocumentSyntaxRoot(document.Id, root!.ReplaceNode(method, updated));
        }

        var newDocument = solution.GetDocument(document.Id)!;
        var newRoot = await newDocument.GetSyntaxRootAsync(ct).ConfigureAwait(false);
        var model = await newDocument.GetSemanticModelAsync(ct).ConfigureAwait(false);
        var declaration = newRoot!.DescendantNodes().OfType<MethodDeclarationSyntax>()
            .FirstOrDefault(m => m.Identifier.ValueText == "Main" && m.Identifier.SpanStart >= method.SpanStart);
        if (declaration is null || model?.GetDeclaredSymbol(declaration, ct) is not { } symbol)
        {
            return solution;
        }

        return await Microsoft.CodeAnalysis.Rename.Renamer.RenameSymbolAsync(solution, symbol, new Microsoft.CodeAnalysis.Rename.SymbolRenameOptions(), newName, ct).ConfigureAwait(false);
    }
}

/// <summary>
/// PIPE4903: adds <c>[AtLeastOnce]</c> to the class whose trigger retries, waits or dead-letters, as a list of its own
/// after the class's other attributes. All diagnostics of one class share the fix, so it is added once.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddAtLeastOnceCodeFix)), Shared]
public sealed class AddAtLeastOnceCodeFix : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticDescriptors.NeedsAtLeastOnce.Id);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            var declaration = root?.FindToken(diagnostic.Location.SourceSpan.Start).Parent?.AncestorsAndSelf().OfType<ClassDeclarationSyntax>().FirstOrDefault();
            if (root is null || declaration is null || declaration.AttributeLists.Count == 0)
            {
                continue;
            }

            var last = declaration.AttributeLists[declaration.AttributeLists.Count - 1];
            var list = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Attribute(SyntaxFactory.IdentifierName("AtLeastOnce"))))
                .WithLeadingTrivia(last.GetLeadingTrivia())
                .WithTrailingTrivia(last.GetTrailingTrivia());
            var fixedDeclaration = declaration.WithAttributeLists(declaration.AttributeLists.Add(list));
            context.RegisterCodeFix(
                CodeAction.Create("Add [AtLeastOnce]", _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(declaration, fixedDeclaration))), nameof(AddAtLeastOnceCodeFix)),
                diagnostic);
        }
    }
}
