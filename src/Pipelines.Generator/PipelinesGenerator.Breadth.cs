using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Pipelines.Generator.Model;

namespace Pipelines.Generator;

public sealed partial class PipelinesGenerator
{
    /// <summary>
    /// Everything beyond the core constructs, as JSON fragments merged into the manifest: first-class template kinds
    /// (<c>[Suspend]</c>, <c>[Resource]</c>, <c>[Http]</c>, <c>[ContainerSet]</c>), typed <c>[Spec]</c> initializers over the
    /// Argo model, and the <c>[Patch]</c> escape hatch. The parser calls <see cref="ReadFragments"/>; the emitter calls
    /// <see cref="Apply"/>.
    /// </summary>
    internal static class Breadth
    {
        public const string SpecAttribute = "Pipelines.SpecAttribute";
        public const string PatchAttribute = "Pipelines.PatchAttribute";
        public const string SuspendAttribute = "Pipelines.SuspendAttribute";
        public const string ResourceAttribute = "Pipelines.ResourceAttribute";
        public const string HttpAttribute = "Pipelines.HttpAttribute";
        public const string ContainerSetAttribute = "Pipelines.ContainerSetAttribute";
        private const string ParallelismAttribute = "Pipelines.ParallelismAttribute";
        private const string ActiveDeadlineSecondsAttribute = "Pipelines.ActiveDeadlineSecondsAttribute";
        private const string TimeoutAttribute = "Pipelines.TimeoutAttribute";
        private const string MutexAttribute = "Pipelines.MutexAttribute";
        private const string SemaphoreAttribute = "Pipelines.SemaphoreAttribute";
        private const string MemoizeAttribute = "Pipelines.MemoizeAttribute";
        private const string DaemonAttribute = "Pipelines.DaemonAttribute";
        private const string HookAttribute = "Pipelines.HookAttribute";

        /// <summary>Whether an attribute makes a method a template whose body is written by fragments.</summary>
        public static bool IsFragmentKind(string? attribute) =>
            attribute is SuspendAttribute or ResourceAttribute or HttpAttribute or ContainerSetAttribute;

        /// <summary>
        /// What <c>a.AttributeClass?.ToDisplayString()</c> returns, formatted only when the class is not a plain
        /// (non-generic, top-level, not keyword-named) class of the <c>Pipelines</c> namespace: the names compared here
        /// are all such classes, and for them the display string is the namespace, a dot and the name.
        /// </summary>
        internal static string? ClassName(AttributeData a) =>
            a.AttributeClass is { ContainingType: null, IsGenericType: false, ContainingNamespace: { Name: "Pipelines", ContainingNamespace.IsGlobalNamespace: true } } type
            && SyntaxFacts.GetKeywordKind(type.Name) == SyntaxKind.None
            && SyntaxFacts.GetContextualKeywordKind(type.Name) == SyntaxKind.None
                ? Parser.AttributeName(a)
                : a.AttributeClass?.ToDisplayString();

        /// <summary>
        /// The fragments of a workflow class, in merge order: template kinds, [Spec] members, method patches, class patches.
        /// <paramref name="foreignSteps"/> are the [Step] methods of other classes whose templates join this workflow: a
        /// <c>[Spec(nameof(Other.Step))] Template</c> member targets them by method name (the class's own methods win).
        /// </summary>
        public static ImmutableEquatableArray<FragmentSpec> ReadFragments(
            INamedTypeSymbol type, ClassDeclarationSyntax declaration, SemanticModel model, List<MethodHeader> methods, IEnumerable<MethodHeader> foreignSteps, WorkflowKind kind, CancellationToken ct)
        {
            var specRoot = kind == WorkflowKind.CronWorkflow ? "spec.workflowSpec" : "spec";
            var templatePaths = new Dictionary<string, string>(StringComparer.Ordinal);
            var templateNames = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var m in methods)
            {
                if (m.Kind is not null && !templatePaths.ContainsKey(m.Symbol.Name))
                {
                    templatePaths.Add(m.Symbol.Name, specRoot + ".templates[name=" + m.TemplateName + "]");
                    templateNames.Add(m.Symbol.Name, m.TemplateName);
                }
            }

            // Only [Spec] members target a foreign step's template (its own class holds its attributes).
            var specPaths = new Dictionary<string, string>(templatePaths, StringComparer.Ordinal);
            foreach (var step in foreignSteps)
            {
                if (!specPaths.ContainsKey(step.Symbol.Name))
                {
                    specPaths.Add(step.Symbol.Name, specRoot + ".templates[name=" + step.TemplateName + "]");
                }
            }

            var fragments = new List<FragmentSpec>();
            var patches = new List<FragmentSpec>();
            foreach (var m in methods)
            {
                ct.ThrowIfCancellationRequested();
                if (m.Kind is null || m.Syntax is null || !templatePaths.TryGetValue(m.Symbol.Name, out var path))
                {
                    continue;
                }

                var position = Parser.Position(m.Syntax.Identifier.GetLocation());
                if (SettingsJson(m.Symbol, onClass: false, templateNames) is { } settings)
                {
                    fragments.Add(new FragmentSpec(path, settings, position));
                }

                foreach (var a in m.Symbol.GetAttributes())
                {
                    var name = ClassName(a);
                    if (KindJson(name, a) is { } body)
                    {
                        fragments.Add(new FragmentSpec(path, body, position));
                    }
                    else if (name == PatchAttribute
                        && PatchOf(a, path, a.ApplicationSyntaxReference is { } at ? Parser.Position(at.GetSyntax(ct).GetLocation()) : position) is { } patch)
                    {
                        patches.Add(patch);
                    }
                }
            }

            if (SettingsJson(type, onClass: true, templateNames) is { } workflowSettings)
            {
                fragments.Add(new FragmentSpec(specRoot, workflowSettings, Parser.Position(declaration.Identifier.GetLocation())));
            }

            foreach (var member in declaration.Members)
            {
                ct.ThrowIfCancellationRequested();
                if (member is not (PropertyDeclarationSyntax or MethodDeclarationSyntax) || model.GetDeclaredSymbol(member, ct) is not { IsStatic: true } symbol)
                {
                    continue;
                }

                var spec = symbol.GetAttributes().FirstOrDefault(a => ClassName(a) == SpecAttribute);
                if (spec is null || MemberValue(member) is not { } value)
                {
                    continue;
                }

                // The member's type says where it goes: WorkflowSpec to the (workflow) spec, CronWorkflowSpec to a
                // CronWorkflow's spec, ObjectMeta to metadata, Template (with a method name) to that template.
                var memberType = symbol is IPropertySymbol propertySymbol ? propertySymbol.Type : symbol is IMethodSymbol methodSymbol ? methodSymbol.ReturnType : null;
                string? target = memberType?.Name switch
                {
                    "WorkflowSpec" => specRoot,
                    "CronWorkflowSpec" when kind == WorkflowKind.CronWorkflow => "spec",
                    "ObjectMeta" => "metadata",
                    _ => null,
                };
                if (memberType?.ContainingNamespace?.ToDisplayString() != "Pipelines.Argo.Model")
                {
                    target = null;
                }
                else if (spec.ConstructorArguments.Length == 1)
                {
                    target = memberType.Name == "Template" && Scalar(spec, 0) is string methodName && specPaths.TryGetValue(methodName, out var templatePath)
                        ? templatePath
                        : null;
                }

                if (target is not null && new InitializerReader(model, ct).Read(value) is { Kind: JsonKind.Object } json)
                {
                    var location = member is PropertyDeclarationSyntax p ? p.Identifier.GetLocation() : ((MethodDeclarationSyntax)member).Identifier.GetLocation();
                    fragments.Add(new FragmentSpec(target, json.ToString(), Parser.Position(location)));
                }
            }

            fragments.AddRange(patches);
            foreach (var a in type.GetAttributes())
            {
                if (ClassName(a) == PatchAttribute
                    && a.ApplicationSyntaxReference is { } reference
                    && reference.SyntaxTree == declaration.SyntaxTree
                    && PatchOf(a, null, Parser.Position(reference.GetSyntax(ct).GetLocation())) is { } patch)
                {
                    fragments.Add(patch);
                }
            }

            return fragments.ToImmutableEquatableArray();
        }

        /// <summary>
        /// The Argo name of the output artifact that property <paramref name="property"/> of a template's outputs record
        /// declares (<c>[OutputArtifact]</c>), or null: <c>producer.Outputs.Model</c> then wires <c>from</c>.
        /// </summary>
        public static string? OutputArtifactName(MethodHeader template, string property)
        {
            if (template.Symbol.ReturnType is not INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } returned
                || returned.TypeArguments[0] is not INamedTypeSymbol record)
            {
                return null;
            }

            foreach (var member in record.GetMembers(property))
            {
                foreach (var a in member.GetAttributes())
                {
                    if (ClassName(a) == "Pipelines.OutputArtifactAttribute")
                    {
                        var name = Named<string>(a, "Name") is { Length: > 0 } explicitName ? explicitName : Naming.ToKebabCase(property);
                        return template.OutputArtifacts.Any(o => o.Name == name) ? name : null;
                    }
                }
            }

            return null;
        }

        /// <summary>
        /// The <c>.Hook(name, nameof(Method), expression)</c> and <c>.ContinueOn(failed, error)</c> calls on a task or step,
        /// as a JSON object of the fields they set (<c>hooks</c>, <c>continueOn</c>); null when there are none.
        /// </summary>
        public static string? NodeExtras(List<(string Name, ArgumentListSyntax Arguments)> calls, Dictionary<string, MethodHeader> templates)
        {
            if (calls.Count == 0)
            {
                return null;
            }

            var root = JsonNode.Object();
            foreach (var (name, list) in calls)
            {
                var arguments = list.Arguments;
                if (name == "Hook" && arguments.Count >= 2
                    && StringLiteral(arguments[0].Expression) is { } hookName
                    && MethodName(arguments[1].Expression) is { } method
                    && templates.TryGetValue(method, out var template))
                {
                    var hook = JsonNode.Object();
                    hook.Set("template", JsonNode.String(template.TemplateName));
                    if (arguments.Count > 2 && StringLiteral(arguments[2].Expression) is { } expression)
                    {
                        hook.Set("expression", JsonNode.String(expression));
                    }

                    var hooks = root.Get("hooks") ?? JsonNode.Object();
                    hooks.Set(hookName, hook);
                    root.Set("hooks", hooks);
                }
                else if (name == "ContinueOn")
                {
                    var continueOn = JsonNode.Object();
                    for (var i = 0; i < arguments.Count; i++)
                    {
                        var field = arguments[i].NameColon?.Name.Identifier.ValueText ?? (i == 0 ? "failed" : "error");
                        if (arguments[i].Expression.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.TrueLiteralExpression) && field is "failed" or "error")
                        {
                            continueOn.Set(field, JsonNode.Literal("true"));
                        }
                    }

                    if (continueOn.Fields.Count > 0)
                    {
                        root.Set("continueOn", continueOn);
                    }
                }
            }

            return root.Fields.Count > 0 ? root.ToString() : null;
        }

        /// <summary>Writes the fields of a node's extras object (from <see cref="NodeExtras"/>) into the node being written.</summary>
        public static void WriteNodeExtras(JsonWriter json, string? extras)
        {
            if (extras is null || JsonNode.Parse(extras, out _) is not { Kind: JsonKind.Object } node)
            {
                return;
            }

            foreach (var field in node.Fields)
            {
                json.Name(field.Key);
                field.Value.WriteTo(json);
            }
        }

        private static string? StringLiteral(ExpressionSyntax expression) =>
            expression is LiteralExpressionSyntax literal && literal.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.StringLiteralExpression) ? literal.Token.ValueText : null;

        private static string? MethodName(ExpressionSyntax expression) => expression switch
        {
            InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "nameof" }, ArgumentList.Arguments.Count: 1 } call
                when call.ArgumentList.Arguments[0].Expression is IdentifierNameSyntax method => method.Identifier.ValueText,
            _ => StringLiteral(expression),
        };

        /// <summary>The expression a [Spec] member returns: an expression body, a property initializer or a single return.</summary>
        private static ExpressionSyntax? MemberValue(MemberDeclarationSyntax member)
        {
            switch (member)
            {
                case PropertyDeclarationSyntax property:
                    if (property.ExpressionBody is { } arrow)
                    {
                        return arrow.Expression;
                    }

                    if (property.Initializer is { } initializer)
                    {
                        return initializer.Value;
                    }

                    var getter = property.AccessorList?.Accessors.FirstOrDefault(a => a.Keyword.ValueText == "get");
                    return getter?.ExpressionBody?.Expression ?? SingleReturn(getter?.Body);
                case MethodDeclarationSyntax method when method.ParameterList.Parameters.Count == 0:
                    return method.ExpressionBody?.Expression ?? SingleReturn(method.Body);
                default:
                    return null;
            }
        }

        /// <summary>
        /// The value of a scalar constructor argument, or null when there is none at that position or it is an array:
        /// <see cref="TypedConstant.Value"/> throws for arrays, and any attribute (a user's, or one whose first
        /// parameter is <c>params string[]</c>) reaches the switches here.
        /// </summary>
        internal static object? Scalar(AttributeData a, int index) =>
            a.ConstructorArguments.Length > index && a.ConstructorArguments[index].Kind != TypedConstantKind.Array ? a.ConstructorArguments[index].Value : null;

        private static ExpressionSyntax? SingleReturn(BlockSyntax? body) =>
            body is { Statements.Count: 1 } && body.Statements[0] is ReturnStatementSyntax { Expression: { } e } ? e : null;

        private static FragmentSpec? PatchOf(AttributeData a, string? templatePath, SourcePosition position)
        {
            if (a.ConstructorArguments.Length != 2
                || Scalar(a, 0) is not string path
                || Scalar(a, 1) is not string json)
            {
                return null;
            }

            var full = templatePath is null ? path : path.Length == 0 ? templatePath : path[0] == '[' ? templatePath + path : templatePath + "." + path;
            return new FragmentSpec(full, json, position);
        }

        /// <summary>
        /// The fields the limit, synchronization, memoization, daemon and hook attributes of a class (workflow spec) or
        /// template method write, as one JSON object; null when there are none.
        /// </summary>
        private static string? SettingsJson(ISymbol symbol, bool onClass, Dictionary<string, string> templateNames)
        {
            var json = new JsonWriter().BeginObject();
            var any = false;
            var mutexes = new List<AttributeData>();
            var semaphores = new List<AttributeData>();
            var hooks = new List<AttributeData>();
            foreach (var a in symbol.GetAttributes())
            {
                var first = Scalar(a, 0);
                switch (ClassName(a))
                {
                    case ParallelismAttribute when first is int limit:
                        json.Property("parallelism", limit);
                        any = true;
                        break;
                    case ActiveDeadlineSecondsAttribute when first is int seconds:
                        json.Property("activeDeadlineSeconds", seconds);
                        any = true;
                        break;
                    case TimeoutAttribute when !onClass && first is string timeout:
                        json.Property("timeout", timeout);
                        any = true;
                        break;
                    case MemoizeAttribute when !onClass && first is string key && Scalar(a, 1) is string configMap:
                        json.Name("memoize").BeginObject().Property("key", key).Name("cache").BeginObject()
                            .Name("configMap").BeginObject().Property("name", configMap).EndObject().EndObject()
                            .Property("maxAge", Named<string>(a, "MaxAge")).EndObject();
                        any = true;
                        break;
                    case DaemonAttribute when !onClass:
                        json.Property("daemon", true);
                        any = true;
                        break;
                    case MutexAttribute when first is string:
                        mutexes.Add(a);
                        break;
                    case SemaphoreAttribute when first is string:
                        semaphores.Add(a);
                        break;
                    case HookAttribute when onClass && first is string && Scalar(a, 1) is string method && templateNames.ContainsKey(method):
                        hooks.Add(a);
                        break;
                }
            }

            if (mutexes.Count > 0 || semaphores.Count > 0)
            {
                json.Name("synchronization").BeginObject();
                if (mutexes.Count > 0)
                {
                    json.Name("mutexes").BeginArray();
                    foreach (var m in mutexes)
                    {
                        json.BeginObject().Property("name", (string)m.ConstructorArguments[0].Value!).Property("namespace", Named<string>(m, "Namespace"));
                        if (m.NamedArguments.Any(n => n.Key == "Database" && n.Value.Value is true))
                        {
                            json.Property("database", true);
                        }

                        json.EndObject();
                    }

                    json.EndArray();
                }

                if (semaphores.Count > 0)
                {
                    json.Name("semaphores").BeginArray();
                    foreach (var m in semaphores)
                    {
                        var key = (string)m.ConstructorArguments[0].Value!;
                        json.BeginObject();
                        if (m.NamedArguments.Any(n => n.Key == "Database" && n.Value.Value is true))
                        {
                            json.Name("database").BeginObject().Property("key", key).EndObject();
                        }
                        else
                        {
                            json.Name("configMapKeyRef").BeginObject().Property("name", Named<string>(m, "ConfigMap")).Property("key", key).EndObject();
                        }

                        json.Property("namespace", Named<string>(m, "Namespace")).EndObject();
                    }

                    json.EndArray();
                }

                json.EndObject();
                any = true;
            }

            if (hooks.Count > 0)
            {
                json.Name("hooks").BeginObject();
                foreach (var h in hooks)
                {
                    json.Name((string)h.ConstructorArguments[0].Value!).BeginObject()
                        .Property("template", templateNames[(string)h.ConstructorArguments[1].Value!])
                        .Property("expression", Named<string>(h, "Expression"))
                        .EndObject();
                }

                json.EndObject();
                any = true;
            }

            return any ? json.EndObject().ToString() : null;
        }

        /// <summary>The template body a first-class kind attribute writes, as JSON; null for other attributes.</summary>
        private static string? KindJson(string? attribute, AttributeData a)
        {
            var json = new JsonWriter().BeginObject();
            switch (attribute)
            {
                case SuspendAttribute:
                    json.Name("suspend").BeginObject().Property("duration", Named<string>(a, "Duration")).EndObject();
                    break;
                case ResourceAttribute when a.ConstructorArguments.Length == 1 && a.ConstructorArguments[0].Value is string action:
                    json.Name("resource").BeginObject()
                        .Property("action", action)
                        .Property("mergeStrategy", Named<string>(a, "MergeStrategy"))
                        .Property("manifest", Named<string>(a, "Manifest"));
                    if (Named<string>(a, "ManifestFromArtifact") is { } artifact)
                    {
                        json.Name("manifestFrom").BeginObject().Name("artifact").BeginObject().Property("name", artifact).EndObject().EndObject();
                    }

                    if (a.NamedArguments.Any(n => n.Key == "SetOwnerReference" && n.Value.Value is true))
                    {
                        json.Property("setOwnerReference", true);
                    }

                    json.Property("successCondition", Named<string>(a, "SuccessCondition"))
                        .Property("failureCondition", Named<string>(a, "FailureCondition"))
                        .StringArray("flags", NamedStrings(a, "Flags"))
                        .EndObject();
                    break;
                case HttpAttribute when a.ConstructorArguments.Length == 1 && a.ConstructorArguments[0].Value is string url:
                    json.Name("http").BeginObject()
                        .Property("method", Named<string>(a, "Method"))
                        .Property("url", url);
                    if (a.NamedArguments.FirstOrDefault(n => n.Key == "TimeoutSeconds").Value.Value is int timeout && timeout > 0)
                    {
                        json.Property("timeoutSeconds", timeout);
                    }

                    json.Property("successCondition", Named<string>(a, "SuccessCondition"))
                        .Property("body", Named<string>(a, "Body"))
                        .EndObject();
                    break;
                case ContainerSetAttribute:
                    json.Name("containerSet").BeginObject().EndObject();
                    break;
                default:
                    return null;
            }

            return json.EndObject().ToString();
        }

        private static T? Named<T>(AttributeData a, string name)
            where T : class
        {
            foreach (var pair in a.NamedArguments)
            {
                if (pair.Key == name && pair.Value.Kind != TypedConstantKind.Array && pair.Value.Value is T value)
                {
                    return value;
                }
            }

            return null;
        }

        private static List<string>? NamedStrings(AttributeData a, string name)
        {
            foreach (var pair in a.NamedArguments)
            {
                if (pair.Key == name && pair.Value.Kind == TypedConstantKind.Array && !pair.Value.IsNull)
                {
                    return pair.Value.Values.Select(v => v.Value as string ?? string.Empty).ToList();
                }
            }

            return null;
        }

        /// <summary>
        /// Merges the fragments into the manifest JSON. Returns the manifest unchanged when there are none. Each
        /// fragment's path as resolved (list selectors replaced by indexes) is added to <paramref name="resolved"/>, with
        /// null for a fragment whose path could not be followed (it is left out).
        /// </summary>
        public static string Apply(string manifestJson, ImmutableEquatableArray<FragmentSpec>? fragments, List<string?>? resolved = null)
        {
            if (fragments is not { Count: > 0 } || JsonNode.Parse(manifestJson, out _) is not { } root)
            {
                return manifestJson;
            }

            foreach (var fragment in fragments)
            {
                var patch = JsonNode.Parse(fragment.Json, out var error);
                if (patch is null)
                {
                    // Not JSON: an object with a field no Argo type has, so the strict reader fails the build here.
                    patch = JsonNode.Object();
                    patch.Set("patchIsNotValidJson", JsonNode.String(error ?? "invalid JSON"));
                }

                var segments = PathSegments(fragment.Path);
                var at = new List<string>();
                var merged = segments is null ? null : Walk(root, segments, 0, patch, at);
                if (merged is not null)
                {
                    root = merged;
                }

                resolved?.Add(merged is null ? null : string.Concat(at));
            }

            return root.ToString();
        }

        /// <summary>Source map entries for the fragments: each at its resolved path, pointing at its attribute or member.</summary>
        public static IEnumerable<(string Path, SourcePosition Position)> SourceMapEntries(WorkflowSpec spec, string manifestJson)
        {
            if (spec.Fragments is not { Count: > 0 } fragments)
            {
                yield break;
            }

            var resolved = new List<string?>();
            Apply(manifestJson, fragments, resolved);
            // One entry per field a fragment sets, so it is more specific than the template or class entry it lands in.
            for (var i = 0; i < fragments.Count && i < resolved.Count; i++)
            {
                if (resolved[i] is not { } path)
                {
                    continue;
                }

                if (JsonNode.Parse(fragments[i].Json, out _) is { Kind: JsonKind.Object, Fields.Count: > 0 } fields)
                {
                    foreach (var field in fields.Fields)
                    {
                        yield return (path.Length == 0 ? field.Key : path + "." + field.Key, fragments[i].Position);
                    }
                }
                else
                {
                    yield return (path, fragments[i].Position);
                }
            }
        }

        /// <summary>A path's segments: a string field, an int index, or a <c>(string)</c> name selector boxed as <see cref="NameSelector"/>.</summary>
        internal static List<object>? PathSegments(string path)
        {
            var segments = new List<object>();
            var i = 0;
            while (i < path.Length)
            {
                if (path[i] == '.')
                {
                    i++;
                    continue;
                }

                if (path[i] == '[')
                {
                    var end = path.IndexOf(']', i);
                    if (end < 0)
                    {
                        return null;
                    }

                    var inner = path.Substring(i + 1, end - i - 1);
                    if (inner.StartsWith("name=", StringComparison.Ordinal) && inner.Length > 5)
                    {
                        segments.Add(new NameSelector(inner.Substring(5)));
                    }
                    else if (int.TryParse(inner, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                    {
                        segments.Add(index);
                    }
                    else
                    {
                        return null;
                    }

                    i = end + 1;
                    continue;
                }

                var stop = i;
                while (stop < path.Length && path[stop] != '.' && path[stop] != '[')
                {
                    stop++;
                }

                segments.Add(path.Substring(i, stop - i));
                i = stop;
            }

            return segments;
        }

        private static JsonNode? Walk(JsonNode? current, List<object> segments, int i, JsonNode patch, List<string> at)
        {
            if (i == segments.Count)
            {
                return JsonNode.Merge(current, patch);
            }

            switch (segments[i])
            {
                case string field:
                    current ??= JsonNode.Object();
                    if (current.Kind != JsonKind.Object)
                    {
                        return null;
                    }

                    at.Add(at.Count == 0 ? field : "." + field);
                    var child = Walk(current.Get(field), segments, i + 1, patch, at);
                    if (child is null)
                    {
                        return null;
                    }

                    current.Set(field, child);
                    return current;
                case int index:
                    if (current is not { Kind: JsonKind.Array } || index >= current.Items.Count)
                    {
                        return null;
                    }

                    at.Add("[" + index.ToString(CultureInfo.InvariantCulture) + "]");
                    var item = Walk(current.Items[index], segments, i + 1, patch, at);
                    if (item is null)
                    {
                        return null;
                    }

                    current.Items[index] = item;
                    return current;
                case NameSelector selector:
                    current ??= JsonNode.Array();
                    if (current.Kind != JsonKind.Array)
                    {
                        return null;
                    }

                    var found = current.Items.FindIndex(x => x.NameField == selector.Name);
                    var isNew = found < 0;
                    if (isNew)
                    {
                        var created = JsonNode.Object();
                        created.Set("name", JsonNode.String(selector.Name));
                        current.Items.Add(created);
                        found = current.Items.Count - 1;
                    }

                    at.Add("[" + found.ToString(CultureInfo.InvariantCulture) + "]");
                    var named = Walk(current.Items[found], segments, i + 1, patch, at);
                    if (named is null)
                    {
                        if (isNew)
                        {
                            current.Items.RemoveAt(found);
                        }

                        return null;
                    }

                    current.Items[found] = named;
                    return current;
                default:
                    return null;
            }
        }

        /// <summary>A <c>[name=x]</c> path segment.</summary>
        internal sealed class NameSelector(string name)
        {
            public string Name { get; } = name;
        }
    }
}
