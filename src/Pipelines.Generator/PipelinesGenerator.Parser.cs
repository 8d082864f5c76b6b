using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Pipelines.Generator.Model;

namespace Pipelines.Generator;

public sealed partial class PipelinesGenerator
{
    /// <summary>Turns a workflow class into a <see cref="WorkflowSpec"/>; never throws for incomplete code (it skips).</summary>
    internal static class Parser
    {
        public const string WorkflowAttribute = "Pipelines.WorkflowAttribute";
        public const string WorkflowTemplateAttribute = "Pipelines.WorkflowTemplateAttribute";
        public const string ClusterWorkflowTemplateAttribute = "Pipelines.ClusterWorkflowTemplateAttribute";
        public const string CronWorkflowAttribute = "Pipelines.CronWorkflowAttribute";
        private const string LabelAttribute = "Pipelines.LabelAttribute";
        private const string AnnotationAttribute = "Pipelines.AnnotationAttribute";
        private const string ArgumentAttribute = "Pipelines.ArgumentAttribute";
        private const string ContainerAttribute = "Pipelines.ContainerAttribute";
        private const string ScriptAttribute = "Pipelines.ScriptAttribute";
        private const string DagAttribute = "Pipelines.DagAttribute";
        private const string StepsAttribute = "Pipelines.StepsAttribute";
        private const string EntrypointAttribute = "Pipelines.EntrypointAttribute";
        private const string NameAttribute = "Pipelines.NameAttribute";
        private const string RetryAttribute = "Pipelines.RetryAttribute";
        private const string OnExitAttribute = "Pipelines.OnExitAttribute";
        private const string OutputParameterAttribute = "Pipelines.OutputParameterAttribute";
        private const string OutputArtifactAttribute = "Pipelines.OutputArtifactAttribute";
        private const string InputArtifactAttribute = "Pipelines.InputArtifactAttribute";
        private const string ValueAttribute = "Pipelines.ValueAttribute";
        private const string GenericNode = "Pipelines.Node<TOutputs>";
        private const string StepAttribute = "Pipelines.StepAttribute";
        private const string DescriptionAnnotation = "workflows.argoproj.io/description";
        private const string CancellationTokenType = "System.Threading.CancellationToken";

        /// <summary>Where the runtime writes a C# step's output parameters and artifacts, and reads its input artifacts (docs/design/csharp-steps.md).</summary>
        private const string StepOutputPath = "/tmp/pipelines/outputs/parameters/";
        private const string StepOutputArtifactPath = "/tmp/pipelines/outputs/artifacts/";
        private const string StepInputArtifactPath = "/tmp/pipelines/inputs/artifacts/";

        /// <summary>Our attributes by simple name: <see cref="AttributeName"/> returns these strings without formatting the symbol.</summary>
        private static readonly Dictionary<string, string> OwnAttributes = new[]
        {
            WorkflowAttribute, WorkflowTemplateAttribute, ClusterWorkflowTemplateAttribute, CronWorkflowAttribute, LabelAttribute,
            AnnotationAttribute, ArgumentAttribute, ContainerAttribute, ScriptAttribute, DagAttribute, StepsAttribute,
            EntrypointAttribute, NameAttribute, RetryAttribute, OnExitAttribute, OutputParameterAttribute, OutputArtifactAttribute,
            InputArtifactAttribute, ValueAttribute, StepAttribute,
        }.ToDictionary(n => n.Substring("Pipelines.".Length), n => n, StringComparer.Ordinal);

        /// <summary>
        /// The full name of an attribute of the <c>Pipelines</c> namespace (<c>Pipelines.XAttribute</c>; for the common ones
        /// the constant string itself), or null for any other attribute. Cheap: symbol display formatting allocates, and
        /// the parser asks this for every attribute it sees.
        /// </summary>
        internal static string? AttributeName(AttributeData? attribute) =>
            attribute?.AttributeClass is { ContainingType: null, ContainingNamespace: { Name: "Pipelines", ContainingNamespace.IsGlobalNamespace: true } } type
                ? (OwnAttributes.TryGetValue(type.Name, out var name) ? name : "Pipelines." + type.Name)
                : null;

        /// <summary>The kind attributes, in priority order: a class carrying several is handled once, by the first.</summary>
        public static readonly string[] KindAttributes = [WorkflowAttribute, WorkflowTemplateAttribute, ClusterWorkflowTemplateAttribute, CronWorkflowAttribute];

        private static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
            .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

        /// <summary>
        /// The build settings: the project folder, and what C# steps run (<c>PipelinesImage</c>, default the
        /// lower-cased assembly name with <c>:latest</c>; <c>PipelinesStepCommand</c>, default <c>/app/&lt;AssemblyName&gt;</c>).
        /// </summary>
        public static GeneratorOptions ParseOptions(AnalyzerConfigOptions global, string? assemblyName)
        {
            string? Property(string name) =>
                global.TryGetValue("build_property." + name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

            var assembly = string.IsNullOrWhiteSpace(assemblyName) ? "app" : assemblyName!;
            return new GeneratorOptions(
                Property("ProjectDir"),
                Property("PipelinesImage") ?? assembly.ToLowerInvariant() + ":latest",
                Property("PipelinesStepCommand") ?? "/app/" + assembly);
        }

        public static WorkflowSpec? Parse(GeneratorAttributeSyntaxContext context, CancellationToken ct) =>
            context.TargetNode is ClassDeclarationSyntax declaration && context.TargetSymbol is INamedTypeSymbol type && !context.Attributes.IsEmpty
                ? Parse(declaration, type, context.Attributes[0], context.SemanticModel, ct)
                : null;

        /// <summary>
        /// The parse of one class declaration whose kind attribute <paramref name="matched"/> is (the analyzers call this
        /// with the first kind attribute of the class, so they read exactly what the generator reads).
        /// </summary>
        public static WorkflowSpec? Parse(ClassDeclarationSyntax declaration, INamedTypeSymbol type, AttributeData matched, SemanticModel model, CancellationToken ct)
        {

            // One pipeline per class: only nested-free, non-generic partial classes, handled by their first kind attribute.
            if (type.ContainingType is not null || type.IsGenericType || !declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                return null;
            }

            // Each kind has its own pipeline; a class carrying two kinds is handled only by the pipeline of the first.
            var kindAttribute = FirstKindAttribute(type);
            if (AttributeName(kindAttribute) != AttributeName(matched)
                || kindAttribute?.ApplicationSyntaxReference is not { } reference
                || reference.SyntaxTree != declaration.SyntaxTree
                || !declaration.Span.Contains(reference.Span))
            {
                return null;
            }

            var kindName = AttributeName(kindAttribute);
            var kind = kindName switch
            {
                WorkflowAttribute => WorkflowKind.Workflow,
                WorkflowTemplateAttribute => WorkflowKind.WorkflowTemplate,
                ClusterWorkflowTemplateAttribute => WorkflowKind.ClusterWorkflowTemplate,
                _ => WorkflowKind.CronWorkflow,
            };

            string? name = null;
            string? generateName = null;
            CronSpec? cron = null;
            if (kind == WorkflowKind.Workflow)
            {
                name = NamedString(kindAttribute, "Name");
                generateName = NamedString(kindAttribute, "GenerateName");
            }
            else
            {
                name = ConstructorString(kindAttribute, 0);
                if (kind == WorkflowKind.CronWorkflow)
                {
                    cron = ParseCron(kindAttribute);
                }
            }

            var labels = KeyValues(type, LabelAttribute);
            var annotations = KeyValues(type, AnnotationAttribute);

            var methods = ParseMethodHeaders(declaration, model, ct);
            var lookup = new Dictionary<string, MethodHeader>(StringComparer.Ordinal);
            foreach (var m in methods)
            {
                if (m.Kind is not null && !lookup.ContainsKey(m.Symbol.Name))
                {
                    lookup.Add(m.Symbol.Name, m);
                }
            }

            AddForeignTemplates(declaration, type, model, lookup, ct);

            var problems = new List<ProblemSpec>();
            var propertyArguments = PropertyArguments(declaration, model, problems, ct);
            var workflowParameters = new Dictionary<string, WorkflowParameter>(StringComparer.Ordinal);
            foreach (var argument in propertyArguments)
            {
                workflowParameters[argument.Property] = new WorkflowParameter(argument.Spec.Name, argument.Enum);
            }

            var templates = new List<TemplateSpec>();
            var partials = new List<PartialMethodSpec>();
            string? entrypoint = null;
            var arguments = ImmutableEquatableArray<ArgumentSpec>.Empty;
            foreach (var m in methods)
            {
                ct.ThrowIfCancellationRequested();
                if (m.Kind is not { } templateKind)
                {
                    continue;
                }

                if (m.IsEntrypoint && entrypoint is null)
                {
                    entrypoint = m.TemplateName;
                    arguments = !m.EntrypointArguments ? ImmutableEquatableArray<ArgumentSpec>.Empty : m.Parameters.Where(p => p.Value is null).Select(p => new ArgumentSpec(p.Name, p.Default)).ToImmutableEquatableArray();
                }

                var inputs = m.Parameters
                    .Select(p => new InputParameterSpec(p.Name, (m.IsEntrypoint && m.EntrypointArguments) || p.Value is not null ? null : p.Default, p.Value, p.Description, p.Enum))
                    .ToImmutableEquatableArray();
                Problems.CheckTemplate(m, problems);
                templates.Add(TemplateOf(m, templateKind, inputs, lookup, Position(m.Syntax!.Identifier.GetLocation()), problems, ct, workflowParameters));

                if (templateKind is TemplateKind.Container or TemplateKind.Script or TemplateKind.Fragment && PartialDeclaration(m) is { } partial)
                {
                    partials.Add(partial);
                }
            }

            Problems.CheckNullItems(type.GetAttributes(), "class '" + type.Name + "'", problems);

            // [Step] methods of other classes that the bodies run join this workflow's templates, after its own.
            var classPosition = Position(declaration.Identifier.GetLocation());
            foreach (var step in lookup.Values.Where(h => h.IsForeignStep).Distinct().OrderBy(h => h.Order))
            {
                if (!templates.Any(t => t.Name == step.TemplateName))
                {
                    var inputs = step.Parameters.Select(p => new InputParameterSpec(p.Name, p.Value is not null ? null : p.Default, p.Value, p.Description, p.Enum)).ToImmutableEquatableArray();
                    templates.Add(TemplateOf(step, TemplateKind.Container, inputs, lookup, classPosition, problems, ct));
                }
            }

            if (Documentation.Summary(Documentation.Of(declaration)) is { } description && !annotations.Any(a => a.Key == DescriptionAnnotation))
            {
                annotations = annotations.Append(new KeyValueSpec(DescriptionAnnotation, description)).OrderBy(a => a.Key, StringComparer.Ordinal).ToImmutableEquatableArray();
            }

            arguments = WithClassArguments(type, arguments);
            if (propertyArguments.Count > 0)
            {
                var all = arguments.ToList();
                all.AddRange(propertyArguments.Select(p => p.Spec).Where(p => !all.Any(a => a.Name == p.Name)));
                arguments = all.ToImmutableEquatableArray();
            }

            var fragments = Breadth.ReadFragments(type, declaration, model, methods, lookup.Values.Where(h => h.IsForeignStep).Distinct().OrderBy(h => h.Order), kind, ct);
            var observability = Observability.Read(type, templates.Select(t => (lookup.Values.FirstOrDefault(h => h.TemplateName == t.Name)?.Symbol, t.Name)).Where(p => p.Symbol is not null).Select(p => (p.Symbol!, p.Name)), ct);
            if (observability is not null)
            {
                fragments = Observability.Fragments(observability, kind).Concat(fragments).ToImmutableEquatableArray();
            }

            var events = Events.Read(type, kind, name, methods, problems, ct, generateName);
            if (events is not null && events.Identities[2].Managed)
            {
                // The workflow pods run as the identity the build writes RBAC for; a [Spec] or [Patch] applied later wins.
                fragments = new[] { Events.ServiceAccountFragment(events, Position(declaration.Identifier.GetLocation())) }.Concat(fragments ?? ImmutableEquatableArray<FragmentSpec>.Empty).ToImmutableEquatableArray();
            }

            var ns = type.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString() : null;
            var id = ns is null ? type.MetadataName : ns + "." + type.MetadataName;
            return new WorkflowSpec(
                id,
                ns,
                type.Name,
                kind,
                name,
                generateName,
                cron,
                labels,
                annotations,
                entrypoint,
                OnExitTemplate(type, lookup),
                arguments,
                templates.ToImmutableEquatableArray(),
                partials.ToImmutableEquatableArray(),
                declaration.SyntaxTree.FilePath ?? string.Empty,
                Position(declaration.Identifier.GetLocation()),
                fragments)
            {
                Problems = problems.ToImmutableEquatableArray(),
                Observability = observability,
                Events = events,
            };
        }

        private static TemplateSpec TemplateOf(MethodHeader m, TemplateKind kind, ImmutableEquatableArray<InputParameterSpec> inputs, Dictionary<string, MethodHeader> lookup, SourcePosition position, List<ProblemSpec> problems, CancellationToken ct, Dictionary<string, WorkflowParameter>? workflowParameters = null)
        {
            var annotations = KeyValues(m.Symbol, AnnotationAttribute);
            var noTasks = ImmutableEquatableArray<NodeSpec>.Empty;
            var noGroups = ImmutableEquatableArray<StepGroupSpec>.Empty;
            switch (kind)
            {
                case TemplateKind.Container:
                    var container = m.IsStep ? StepContainer(m) : ParseContainer(m.KindAttribute!);
                    return new TemplateSpec(m.TemplateName, kind, annotations, inputs, m.InputArtifacts, container, null, m.OutputSpecs, m.OutputArtifacts, m.Retry, noTasks, noGroups, position);
                case TemplateKind.Script:
                    return new TemplateSpec(m.TemplateName, kind, annotations, inputs, m.InputArtifacts, null, ParseScript(m.KindAttribute!), m.OutputSpecs, m.OutputArtifacts, m.Retry, noTasks, noGroups, position);
                case TemplateKind.Dag:
                    var tasks = new BodyReader(m, lookup, isDag: true, ct, problems, workflowParameters).ReadDag();
                    return new TemplateSpec(m.TemplateName, kind, annotations, inputs, m.InputArtifacts, null, null, m.OutputSpecs, m.OutputArtifacts, m.Retry, tasks, noGroups, position);
                case TemplateKind.Fragment:
                    return new TemplateSpec(m.TemplateName, kind, annotations, inputs, m.InputArtifacts, null, null, m.OutputSpecs, m.OutputArtifacts, m.Retry, noTasks, noGroups, position);
                default:
                    var groups = new BodyReader(m, lookup, isDag: false, ct, problems, workflowParameters).ReadSteps();
                    return new TemplateSpec(m.TemplateName, kind, annotations, inputs, m.InputArtifacts, null, null, m.OutputSpecs, m.OutputArtifacts, m.Retry, noTasks, groups, position);
            }
        }

        private static string? OnExitTemplate(INamedTypeSymbol type, Dictionary<string, MethodHeader> lookup)
        {
            foreach (var a in type.GetAttributes())
            {
                if (AttributeName(a) == OnExitAttribute && ConstructorString(a, 0) is { } method)
                {
                    return lookup.TryGetValue(method, out var handler) ? handler.TemplateName : null;
                }
            }

            return null;
        }

        private static RetrySpec? ParseRetry(AttributeData a) =>
            a.ConstructorArguments.Length > 0 && a.ConstructorArguments[0] is { Kind: TypedConstantKind.Primitive, Value: int limit }
                ? new RetrySpec(
                    limit,
                    NamedString(a, "RetryPolicy"),
                    NamedString(a, "Expression"),
                    NamedString(a, "BackoffDuration"),
                    NamedString(a, "BackoffFactor"),
                    NamedString(a, "BackoffMaxDuration"),
                    NamedString(a, "BackoffCap"))
                : null;

        /// <summary>
        /// The outputs record of a method: <c>T</c> of a <c>Node&lt;T&gt;</c> return type; for a C# step, its return type
        /// (unwrapped from <c>Task&lt;T&gt;</c>/<c>ValueTask&lt;T&gt;</c>) when that type has output properties.
        /// </summary>
        private static INamedTypeSymbol? OutputsRecord(IMethodSymbol symbol, bool isStep)
        {
            if (isStep)
            {
                return StepResultType(symbol) is INamedTypeSymbol result && HasOutputProperties(result) ? result : null;
            }

            return symbol.ReturnType is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } returned
                && returned.OriginalDefinition.ToDisplayString() == GenericNode
                && returned.TypeArguments[0] is INamedTypeSymbol record
                ? record
                : null;
        }

        /// <summary>What a C# step returns, unwrapped from <c>Task&lt;T&gt;</c>/<c>ValueTask&lt;T&gt;</c>; null when it returns nothing.</summary>
        private static ITypeSymbol? StepResultType(IMethodSymbol symbol)
        {
            if (symbol.ReturnsVoid)
            {
                return null;
            }

            var type = symbol.ReturnType;
            var name = type.OriginalDefinition.ToDisplayString();
            if (name is "System.Threading.Tasks.Task" or "System.Threading.Tasks.ValueTask")
            {
                return null;
            }

            if (name is "System.Threading.Tasks.Task<TResult>" or "System.Threading.Tasks.ValueTask<TResult>" && type is INamedTypeSymbol { TypeArguments.Length: 1 } task)
            {
                return task.TypeArguments[0];
            }

            return type;
        }

        private static bool HasOutputProperties(INamedTypeSymbol type) =>
            type.GetMembers().OfType<IPropertySymbol>().Any(p => p.GetAttributes().Any(a => AttributeName(a) is OutputParameterAttribute or OutputArtifactAttribute));

        /// <summary>
        /// The output parameters of a template: the <c>[OutputParameter]</c> properties of its outputs record, in order;
        /// for a C# step they are read from the step contract's paths, and a scalar return value is the output <c>result</c>.
        /// </summary>
        private static List<OutputHeader> ParseOutputs(IMethodSymbol symbol, bool isStep, CancellationToken ct)
        {
            var outputs = new List<OutputHeader>();
            if (OutputsRecord(symbol, isStep) is not { } record)
            {
                if (isStep && StepResultType(symbol) is not null)
                {
                    outputs.Add(new OutputHeader(string.Empty, new OutputParameterSpec("result", StepOutputPath + "result", null, null, null, null)));
                }

                return outputs;
            }

            foreach (var member in record.GetMembers())
            {
                if (member is not IPropertySymbol property)
                {
                    continue;
                }

                foreach (var a in property.GetAttributes())
                {
                    if (AttributeName(a) != OutputParameterAttribute)
                    {
                        continue;
                    }

                    var name = NamedString(a, "Name") is { Length: > 0 } explicitName ? explicitName : Naming.ToKebabCase(property.Name);
                    if (outputs.Any(o => o.Spec.Name == name))
                    {
                        break;
                    }

                    outputs.Add(new OutputHeader(
                        property.Name,
                        isStep
                            ? new OutputParameterSpec(name, StepOutputPath + name, null, null, null, NamedString(a, "GlobalName"), Documentation.OfProperty(property, ct))
                            : new OutputParameterSpec(name, NamedString(a, "Path"), NamedString(a, "Default"), NamedString(a, "Parameter"), NamedString(a, "Expression"), NamedString(a, "GlobalName"), Documentation.OfProperty(property, ct))));
                    break;
                }
            }

            return outputs;
        }

        private static ImmutableEquatableArray<OutputArtifactSpec> ParseOutputArtifacts(IMethodSymbol symbol, bool isStep)
        {
            var artifacts = new List<OutputArtifactSpec>();
            if (OutputsRecord(symbol, isStep) is not { } record)
            {
                return ImmutableEquatableArray<OutputArtifactSpec>.Empty;
            }

            foreach (var property in record.GetMembers().OfType<IPropertySymbol>())
            {
                var a = property.GetAttributes().FirstOrDefault(x => AttributeName(x) == OutputArtifactAttribute);
                if (a is null)
                {
                    continue;
                }

                var name = NamedString(a, "Name") is { Length: > 0 } explicitName ? explicitName : Naming.ToKebabCase(property.Name);
                if (!artifacts.Any(o => o.Name == name))
                {
                    artifacts.Add(new OutputArtifactSpec(name, isStep ? StepOutputArtifactPath + name : NamedString(a, "Path"), NamedString(a, "GlobalName")));
                }
            }

            return artifacts.ToImmutableEquatableArray();
        }

        private static ImmutableEquatableArray<InputArtifactSpec> ParseInputArtifacts(IMethodSymbol symbol, bool isStep)
        {
            var artifacts = new List<InputArtifactSpec>();
            foreach (var a in symbol.GetAttributes())
            {
                if (AttributeName(a) == InputArtifactAttribute
                    && ConstructorString(a, 0) is { } name
                    && !artifacts.Any(x => x.Name == name))
                {
                    artifacts.Add(new InputArtifactSpec(name, isStep ? StepInputArtifactPath + name : NamedString(a, "Path")));
                }
            }

            return artifacts.ToImmutableEquatableArray();
        }

        private static AttributeData? FirstKindAttribute(INamedTypeSymbol type)
        {
            foreach (var kind in KindAttributes)
            {
                foreach (var a in type.GetAttributes())
                {
                    if (AttributeName(a) == kind)
                    {
                        return a;
                    }
                }
            }

            return null;
        }

        /// <summary>
        /// The typed workflow arguments: static properties of the class marked <c>[Argument]</c>, in declaration order.
        /// The name is the attribute's, else the property name in kebab-case; the value is the initializer's constant
        /// (an enum as its member name); no initializer, <c>null</c>, <c>null!</c> or <c>default</c> leaves it to be given
        /// at submit time. A non-constant initializer is PIPE4602.
        /// </summary>
        private static List<(string Property, ArgumentSpec Spec, ImmutableEquatableArray<string>? Enum)> PropertyArguments(ClassDeclarationSyntax declaration, SemanticModel model, List<ProblemSpec> problems, CancellationToken ct)
        {
            var found = new List<(string, ArgumentSpec, ImmutableEquatableArray<string>?)>();
            foreach (var property in declaration.Members.OfType<PropertyDeclarationSyntax>())
            {
                ct.ThrowIfCancellationRequested();
                if (property.AttributeLists.Count == 0
                    || !property.Modifiers.Any(SyntaxKind.StaticKeyword)
                    || model.GetDeclaredSymbol(property, ct) is not { } symbol
                    || symbol.GetAttributes().FirstOrDefault(a => AttributeName(a) == ArgumentAttribute) is not { } attribute)
                {
                    continue;
                }

                var name = ConstructorString(attribute, 0) ?? Naming.ToKebabCase(symbol.Name);
                var value = ConstructorString(attribute, 1);
                if (property.Initializer?.Value is { } initializer && !IsNoValue(initializer))
                {
                    var constant = model.GetConstantValue(initializer, ct);
                    if (!constant.HasValue || constant.Value is null)
                    {
                        Problems.Add(problems, ProblemCodes.UntranslatableValue, initializer.GetLocation(), initializer.ToString(), "a workflow argument's value (use a constant)");
                    }
                    else if (symbol.Type is INamedTypeSymbol { TypeKind: TypeKind.Enum } e
                        && e.GetMembers().OfType<IFieldSymbol>().FirstOrDefault(f => f.HasConstantValue && Equals(f.ConstantValue, constant.Value)) is { } member)
                    {
                        value = member.Name;
                    }
                    else
                    {
                        value = FormatConstant(constant.Value);
                    }
                }

                found.Add((symbol.Name, new ArgumentSpec(name, value), InputTypes.EnumMembers(symbol.Type)));
            }

            return found;

            static bool IsNoValue(ExpressionSyntax e) =>
                (e is PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression } bang ? bang.Operand : e)
                    is LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NullLiteralExpression or (int)SyntaxKind.DefaultLiteralExpression };
        }

        private static ImmutableEquatableArray<ArgumentSpec> WithClassArguments(INamedTypeSymbol type, ImmutableEquatableArray<ArgumentSpec> fromEntrypoint)
        {
            var all = fromEntrypoint.ToList();
            foreach (var a in type.GetAttributes())
            {
                if (AttributeName(a) == ArgumentAttribute
                    && ConstructorString(a, 0) is { } name
                    && !all.Any(p => p.Name == name))
                {
                    all.Add(new ArgumentSpec(name, ConstructorString(a, 1)));
                }
            }

            return all.Count == fromEntrypoint.Count ? fromEntrypoint : all.ToImmutableEquatableArray();
        }

        private static CronSpec ParseCron(AttributeData a)
        {
            var schedules = a.ConstructorArguments.Length > 1 && a.ConstructorArguments[1] is { Kind: TypedConstantKind.Array } array
                ? array.Values.Select(v => v.Value as string).Where(s => s is not null).Select(s => s!).ToImmutableEquatableArray()
                : ImmutableEquatableArray<string>.Empty;
            return new CronSpec(
                schedules,
                NamedString(a, "Timezone"),
                NamedString(a, "ConcurrencyPolicy"),
                NamedValue<int>(a, "StartingDeadlineSeconds"),
                NamedValue<int>(a, "SuccessfulJobsHistoryLimit"),
                NamedValue<int>(a, "FailedJobsHistoryLimit"),
                NamedValue<bool>(a, "Suspend"));
        }

        private static ImmutableEquatableArray<KeyValueSpec> KeyValues(ISymbol type, string attribute)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var items = new List<KeyValueSpec>();
            foreach (var a in type.GetAttributes())
            {
                if (AttributeName(a) == attribute
                    && ConstructorString(a, 0) is { } key
                    && ConstructorString(a, 1) is { } value
                    && seen.Add(key))
                {
                    items.Add(new KeyValueSpec(key, value));
                }
            }

            return items.OrderBy(i => i.Key, StringComparer.Ordinal).ToImmutableEquatableArray();
        }

        private static ContainerSpec? ParseContainer(AttributeData a) =>
            ConstructorString(a, 0) is { } image
                ? new ContainerSpec(image, NamedStrings(a, "Command"), NamedStrings(a, "Args"), NamedString(a, "WorkingDir"), NamedString(a, "ImagePullPolicy"))
                : null;

        private static ScriptSpec? ParseScript(AttributeData a) =>
            ConstructorString(a, 0) is { } image
                ? new ScriptSpec(image, NamedStrings(a, "Command"), NamedString(a, "Source"))
                : null;

        private static List<MethodHeader> ParseMethodHeaders(ClassDeclarationSyntax declaration, SemanticModel model, CancellationToken ct)
        {
            var headers = new List<MethodHeader>();
            foreach (var member in declaration.Members)
            {
                ct.ThrowIfCancellationRequested();
                if (member is not MethodDeclarationSyntax syntax || model.GetDeclaredSymbol(syntax, ct) is not IMethodSymbol symbol)
                {
                    continue;
                }

                headers.Add(HeaderOf(syntax, symbol, ct));
            }

            return headers;
        }

        private static MethodHeader HeaderOf(MethodDeclarationSyntax? syntax, IMethodSymbol symbol, CancellationToken ct)
        {
            TemplateKind? kind = null;
            AttributeData? kindAttribute = null;
            var isStep = false;
            var isEntrypoint = false;
            var entrypointArguments = true;
            string? explicitName = null;
            RetrySpec? retry = null;
            foreach (var a in symbol.GetAttributes())
            {
                switch (AttributeName(a))
                {
                    case ContainerAttribute when kind is null:
                        (kind, kindAttribute) = (TemplateKind.Container, a);
                        break;
                    case ScriptAttribute when kind is null:
                        (kind, kindAttribute) = (TemplateKind.Script, a);
                        break;
                    case DagAttribute when kind is null:
                        (kind, kindAttribute) = (TemplateKind.Dag, a);
                        break;
                    case StepsAttribute when kind is null:
                        (kind, kindAttribute) = (TemplateKind.Steps, a);
                        break;
                    case StepAttribute when kind is null:
                        (kind, kindAttribute, isStep) = (TemplateKind.Container, a, true);
                        break;
                    case var other when kind is null && Breadth.IsFragmentKind(other):
                        (kind, kindAttribute) = (TemplateKind.Fragment, a);
                        break;
                    case EntrypointAttribute:
                        isEntrypoint = true;
                        entrypointArguments = !a.NamedArguments.Any(n => n.Key == "Arguments" && n.Value.Value is false);
                        break;
                    case NameAttribute:
                        explicitName = ConstructorString(a, 0);
                        break;
                    case RetryAttribute:
                        retry = ParseRetry(a);
                        break;
                }
            }

            var docs = kind is null || syntax is null ? null : Documentation.Of(syntax);
            var parameters = new List<ParameterHeader>();
            foreach (var p in symbol.Parameters)
            {
                if (isStep && p.Type.ToDisplayString() == CancellationTokenType)
                {
                    continue;
                }

                var parameterName = p.GetAttributes()
                    .Where(a => AttributeName(a) == NameAttribute)
                    .Select(a => ConstructorString(a, 0))
                    .FirstOrDefault(s => s is not null) ?? p.Name;
                var fixedValue = p.GetAttributes()
                    .Where(a => AttributeName(a) == ValueAttribute)
                    .Select(a => ConstructorString(a, 0))
                    .FirstOrDefault(s => s is not null);
                parameters.Add(new ParameterHeader(p, parameterName, InputTypes.Default(p), fixedValue, Documentation.Param(docs, p.Name), InputTypes.EnumMembers(p.Type)));
            }

            var templateName = string.IsNullOrEmpty(explicitName) ? Naming.ToKebabCase(symbol.Name) : explicitName!;
            var outputs = ParseOutputs(symbol, isStep, ct);
            return new MethodHeader(syntax, symbol, kind, kindAttribute, isEntrypoint, templateName, parameters, retry, outputs, ParseOutputArtifacts(symbol, isStep), ParseInputArtifacts(symbol, isStep))
            {
                EntrypointArguments = entrypointArguments,
                IsStep = isStep,
                ScalarResult = isStep && outputs.Count == 1 && outputs[0].Property.Length == 0,
            };
        }

        /// <summary>The container of a C# step: the image and command come from the build at emit time; args call the step by name.</summary>
        private static ContainerSpec StepContainer(MethodHeader m)
        {
            var args = new List<string> { "step", m.TemplateName };
            foreach (var p in m.Parameters)
            {
                args.Add("--" + p.Name);
                args.Add("{{inputs.parameters." + p.Name + "}}");
            }

            return new ContainerSpec(string.Empty, null, args.ToImmutableEquatableArray(), null, null, IsStep: true);
        }

        /// <summary>
        /// Templates of other <c>[WorkflowTemplate]</c>/<c>[ClusterWorkflowTemplate]</c> classes that the composition
        /// methods of <paramref name="declaration"/> call as <c>OtherClass.Method(...)</c>, keyed by the callee's text
        /// without whitespace; each carries the <c>templateRef</c> it becomes.
        /// </summary>
        private static void AddForeignTemplates(ClassDeclarationSyntax declaration, INamedTypeSymbol type, SemanticModel model, Dictionary<string, MethodHeader> lookup, CancellationToken ct)
        {
            var order = 0;
            foreach (var invocation in declaration.DescendantNodes().OfType<InvocationExpressionSyntax>())
            {
                ct.ThrowIfCancellationRequested();
                string key;
                if (invocation.Expression is MemberAccessExpressionSyntax callee && IsTypeName(callee.Expression))
                {
                    key = CalleeKey(callee);
                }
                else if (invocation.Expression is IdentifierNameSyntax name && IsRunLambdaBody(invocation))
                {
                    // using static Helpers; ... Node.Run(() => Count(x)): a step of another class called by its simple name.
                    key = name.Identifier.ValueText;
                }
                else
                {
                    continue;
                }

                if (lookup.ContainsKey(key)
                    || model.GetSymbolInfo(invocation, ct).Symbol is not IMethodSymbol { IsStatic: true } target
                    || SymbolEqualityComparer.Default.Equals(target.ContainingType, type)
                    || target.ContainingType is not { } owner)
                {
                    continue;
                }

                // A method compiled in a referenced assembly (a template library) has no syntax: its header is read
                // from the symbol alone, which is all a templateRef needs.
                var targetSyntax = target.DeclaringSyntaxReferences.Select(r => r.GetSyntax(ct)).OfType<MethodDeclarationSyntax>().FirstOrDefault();
                var ownerKind = owner.GetAttributes().FirstOrDefault(a => AttributeName(a) is WorkflowTemplateAttribute or ClusterWorkflowTemplateAttribute);
                var header = HeaderOf(targetSyntax, target, ct);
                if (header.Kind is null)
                {
                    continue;
                }

                if (ownerKind is not null && ConstructorString(ownerKind, 0) is { Length: > 0 } ownerName)
                {
                    header.TemplateRef = new TemplateRefSpec(ownerName, header.TemplateName, AttributeName(ownerKind) == ClusterWorkflowTemplateAttribute);
                }
                else if (header.IsStep && targetSyntax is not null)
                {
                    header.IsForeignStep = true;
                    header.Order = order++;
                }
                else
                {
                    continue;
                }

                lookup.Add(key, header);
            }
        }

        /// <summary>A name that can denote a type: <c>Other</c>, <c>Lib.Other</c>, <c>global::Lib.Other</c>.</summary>
        private static bool IsTypeName(ExpressionSyntax expression) => expression switch
        {
            IdentifierNameSyntax or QualifiedNameSyntax or AliasQualifiedNameSyntax => true,
            MemberAccessExpressionSyntax { Name: IdentifierNameSyntax } access => IsTypeName(access.Expression),
            _ => false,
        };

        /// <summary>True for the call in <c>Node.Run(() =&gt; Call(...))</c>.</summary>
        internal static bool IsRunLambdaBody(InvocationExpressionSyntax invocation) =>
            invocation.Parent is ParenthesizedLambdaExpressionSyntax { ParameterList.Parameters.Count: 0 } lambda
            && lambda.Parent is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax run } }
            && IsNodeRun(run);

        /// <summary>True for <c>Node.Run(...)</c> (also <c>Pipelines.Node.Run</c>).</summary>
        internal static bool IsNodeRun(InvocationExpressionSyntax run) =>
            run.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Run", Expression: var owner }
            && owner is IdentifierNameSyntax { Identifier.ValueText: "Node" } or QualifiedNameSyntax { Right.Identifier.ValueText: "Node" } or AliasQualifiedNameSyntax { Name.Identifier.ValueText: "Node" };

        /// <summary>The text of a callee such as <c>Other.Method</c>, without trivia, as the key of the template lookup.</summary>
        public static string CalleeKey(MemberAccessExpressionSyntax callee)
        {
            var text = new StringBuilder();
            foreach (var token in callee.DescendantTokens())
            {
                text.Append(token.ValueText);
            }

            return text.ToString();
        }

        private static PartialMethodSpec? PartialDeclaration(MethodHeader m)
        {
            if (m.Syntax is not { } s)
            {
                return null;
            }

            if (!s.Modifiers.Any(SyntaxKind.PartialKeyword) || s.Body is not null || s.ExpressionBody is not null
                || m.Symbol.PartialImplementationPart is not null || m.Symbol.IsGenericMethod || s.TypeParameterList is not null)
            {
                return null;
            }

            var text = new StringBuilder();
            foreach (var modifier in s.Modifiers)
            {
                text.Append(modifier.Text).Append(' ');
            }

            text.Append(m.Symbol.ReturnsVoid ? "void" : m.Symbol.ReturnType.ToDisplayString(TypeFormat));
            text.Append(' ').Append(s.Identifier.Text).Append('(');
            for (var i = 0; i < m.Symbol.Parameters.Length; i++)
            {
                var p = m.Symbol.Parameters[i];
                if (i > 0)
                {
                    text.Append(", ");
                }

                if (p.IsParams)
                {
                    text.Append("params ");
                }

                text.Append(p.RefKind switch
                {
                    RefKind.Ref => "ref ",
                    RefKind.Out => "out ",
                    RefKind.In => "in ",
                    RefKind.RefReadOnlyParameter => "ref readonly ",
                    _ => string.Empty,
                });
                text.Append(p.Type.ToDisplayString(TypeFormat)).Append(' ').Append(EscapeIdentifier(p.Name));
            }

            text.Append(')');
            return new PartialMethodSpec(text.ToString());
        }

        private static string EscapeIdentifier(string name) =>
            SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

        internal static SourcePosition Position(Location location)
        {
            var start = location.GetLineSpan().StartLinePosition;
            return new SourcePosition(start.Line + 1, start.Character + 1);
        }

        internal static string? FormatConstant(object? value) => value switch
        {
            null => null,
            string s => s,
            bool b => b ? "true" : "false",
            char c => c.ToString(),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => null,
        };

        private static string? ConstructorString(AttributeData a, int index) =>
            a.ConstructorArguments.Length > index && a.ConstructorArguments[index] is { Kind: TypedConstantKind.Primitive, Value: string s } ? s : null;

        private static string? NamedString(AttributeData a, string name)
        {
            foreach (var pair in a.NamedArguments)
            {
                if (pair.Key == name && pair.Value is { Kind: TypedConstantKind.Primitive, Value: string s })
                {
                    return s;
                }
            }

            return null;
        }

        private static T? NamedValue<T>(AttributeData a, string name)
            where T : struct
        {
            foreach (var pair in a.NamedArguments)
            {
                if (pair.Key == name && pair.Value is { Kind: TypedConstantKind.Primitive, Value: T value })
                {
                    return value;
                }
            }

            return null;
        }

        private static ImmutableEquatableArray<string>? NamedStrings(AttributeData a, string name)
        {
            foreach (var pair in a.NamedArguments)
            {
                if (pair.Key == name && pair.Value.Kind == TypedConstantKind.Array && !pair.Value.IsNull)
                {
                    return pair.Value.Values.Select(v => v.Value as string ?? string.Empty).ToImmutableEquatableArray();
                }
            }

            return null;
        }
    }

    /// <summary>A typed workflow argument as bodies read it: its Argo name, and its enum's member names for enum types.</summary>
    internal sealed class WorkflowParameter(string name, ImmutableEquatableArray<string>? @enum)
    {
        public string Name { get; } = name;

        public ImmutableEquatableArray<string>? Enum { get; } = @enum;
    }

    /// <summary>A method of the workflow class as the body reader needs it (parser-internal, never in the model).</summary>
    internal sealed class MethodHeader(MethodDeclarationSyntax? syntax, IMethodSymbol symbol, TemplateKind? kind, AttributeData? kindAttribute, bool isEntrypoint, string templateName, List<ParameterHeader> parameters, RetrySpec? retry, List<OutputHeader> outputs, ImmutableEquatableArray<OutputArtifactSpec> outputArtifacts, ImmutableEquatableArray<InputArtifactSpec> inputArtifacts)
    {
        public ImmutableEquatableArray<OutputArtifactSpec> OutputArtifacts { get; } = outputArtifacts;

        public ImmutableEquatableArray<InputArtifactSpec> InputArtifacts { get; } = inputArtifacts;

        public RetrySpec? Retry { get; } = retry;

        public List<OutputHeader> Outputs { get; } = outputs;

        public ImmutableEquatableArray<OutputParameterSpec> OutputSpecs { get; } = outputs.Select(o => o.Spec).ToImmutableEquatableArray();

        /// <summary>The declaration; null for a method of a referenced assembly (only called through templateRef).</summary>
        public MethodDeclarationSyntax? Syntax { get; } = syntax;

        public IMethodSymbol Symbol { get; } = symbol;

        public TemplateKind? Kind { get; } = kind;

        public AttributeData? KindAttribute { get; } = kindAttribute;

        public bool IsEntrypoint { get; } = isEntrypoint;

        /// <summary>True for a <c>[Step]</c> method: a container template running this project's image, called through <c>Node.Run</c>.</summary>
        public bool IsStep { get; set; }

        /// <summary>True for a step whose return value is the one output <c>result</c> (so <c>x.Outputs</c> is that parameter).</summary>
        public bool ScalarResult { get; set; }

        /// <summary>True for a <c>[Step]</c> method of another (static) class: its template joins the calling workflow's templates.</summary>
        public bool IsForeignStep { get; set; }

        /// <summary>The order in which foreign steps were first called, for a deterministic template order.</summary>
        public int Order { get; set; }

        /// <summary>False when <c>[Entrypoint(Arguments = false)]</c>: the parameters are not workflow arguments.</summary>
        public bool EntrypointArguments { get; set; } = true;

        /// <summary>Set when the method belongs to another template class: calls to it are <c>templateRef</c>s.</summary>
        public TemplateRefSpec? TemplateRef { get; set; }

        public string TemplateName { get; } = templateName;

        public List<ParameterHeader> Parameters { get; } = parameters;
    }

    /// <summary>An output parameter of a template: the C# property it comes from and its spec.</summary>
    internal sealed class OutputHeader(string property, OutputParameterSpec spec)
    {
        public string Property { get; } = property;

        public OutputParameterSpec Spec { get; } = spec;
    }

    /// <summary>A parameter of a template method: its symbol, Argo name and default value text.</summary>
    internal sealed class ParameterHeader(IParameterSymbol symbol, string name, string? @default, string? value, string? description, ImmutableEquatableArray<string>? @enum)
    {
        public string? Description { get; } = description;

        public ImmutableEquatableArray<string>? Enum { get; } = @enum;

        public string? Value { get; } = value;

        public IParameterSymbol Symbol { get; } = symbol;

        public string Name { get; } = name;

        public string? Default { get; } = @default;
    }
}
