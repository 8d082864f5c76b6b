using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Pipelines.Generator.Model;

namespace Pipelines.Generator;

// The editor loop (issue 16): the parser (Parser.Parse) binds a class on the current compilation, and Roslyn would re-run
// it for every workflow class whenever the compilation changes. Here a class is parsed again only when something its
// binding can depend on has changed: its own file, or a file that declares a type, or an extension method, whose simple
// name appears in its file (transitively: the names in that file count too), a "global" file (global usings, assembly
// attributes, System namespaces: see SourceFile.IsGlobal), the namespaces
// of a name it mentions, the references or the compilation options. Everything else (an unrelated file, a method body
// in another workflow class) leaves its key equal, so the parse is Cached. The parse itself is the same semantic parser
// as before, so what is emitted is the same.
public sealed partial class PipelinesGenerator
{
    /// <summary>
    /// What one syntax tree contributes (computed only when the tree changes): the class declarations that carry an
    /// attribute (candidates; the semantic parse decides which are workflows), the identifier names the tree mentions,
    /// and the names it declares (types at any depth, extension members, namespaces). Compared by reference: a new tree
    /// gives a new object. Parser-internal, never part of an emitted model.
    /// </summary>
    internal sealed class SourceFile
    {
        private SourceFile(SyntaxTree tree, ImmutableArray<ClassDeclarationSyntax> candidates, string[] mentioned, string[] declared, string[] namespaces, bool isGlobal)
        {
            Tree = tree;
            Candidates = candidates;
            Mentioned = mentioned;
            Declared = declared;
            Namespaces = namespaces;
            IsGlobal = isGlobal;
        }

        public SyntaxTree Tree { get; }

        /// <summary>Class declarations with at least one attribute list, in document order (what ForAttributeWithMetadataName would visit).</summary>
        public ImmutableArray<ClassDeclarationSyntax> Candidates { get; }

        /// <summary>Every identifier name of the tree (a superset: see <see cref="ReadNames(SyntaxTree, SyntaxNode, CancellationToken)"/>).</summary>
        public string[] Mentioned { get; }

        /// <summary>Simple names of the types (any depth, any kind) and extension members this tree declares.</summary>
        public string[] Declared { get; }

        /// <summary>The namespaces this tree declares, fully qualified (each prefix of a dotted name too).</summary>
        public string[] Namespaces { get; }

        /// <summary>
        /// True when the tree can change how any other tree binds without being named there: it has a <c>global using</c>,
        /// an assembly or module attribute, or declares something in a <c>System</c> namespace (well-known types such as
        /// <c>IsExternalInit</c> are found without being written). Such a tree is a dependency of every class.
        /// </summary>
        public bool IsGlobal { get; }

        public static SourceFile Read(SyntaxTree tree, CancellationToken ct)
        {
            var root = tree.GetRoot(ct);
            var candidates = ImmutableArray.CreateBuilder<ClassDeclarationSyntax>();
            var declared = new HashSet<string>(StringComparer.Ordinal);
            var namespaces = new HashSet<string>(StringComparer.Ordinal);
            var isGlobal = root is CompilationUnitSyntax { AttributeLists.Count: > 0 };

            // Declarations live at the member level: no need to descend into members (method bodies, initializers).
            foreach (var node in root.DescendantNodes(static n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax))
            {
                ct.ThrowIfCancellationRequested();
                switch (node)
                {
                    case UsingDirectiveSyntax directive when directive.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword):
                        isGlobal = true;
                        break;
                    case BaseNamespaceDeclarationSyntax ns:
                        isGlobal |= AddNamespace(ns, namespaces);
                        break;
                    case BaseTypeDeclarationSyntax type:
                        declared.Add(type.Identifier.ValueText);
                        if (type is ClassDeclarationSyntax { AttributeLists.Count: > 0 } candidate)
                        {
                            candidates.Add(candidate);
                        }

                        if (type is TypeDeclarationSyntax block && block.Identifier.ValueText.Length == 0
                            && block.Parent is TypeDeclarationSyntax container && container.Modifiers.Any(SyntaxKind.StaticKeyword))
                        {
                            // An extension block (C# 14, `extension(T t) { ... }`) inside a static class: its members are
                            // found by their own names, like extension methods.
                            foreach (var member in block.Members)
                            {
                                AddMemberName(member, declared);
                            }
                        }

                        break;
                    case DelegateDeclarationSyntax d:
                        declared.Add(d.Identifier.ValueText);
                        break;
                    case MethodDeclarationSyntax { ParameterList.Parameters.Count: > 0 } method
                        when method.ParameterList.Parameters[0].Modifiers.Any(SyntaxKind.ThisKeyword)
                            && method.Parent is TypeDeclarationSyntax owner && owner.Modifiers.Any(SyntaxKind.StaticKeyword):
                        declared.Add(method.Identifier.ValueText);
                        break;
                }
            }

            return new SourceFile(tree, candidates.ToImmutable(), ReadNames(tree, root, ct), declared.ToArray(), namespaces.ToArray(), isGlobal);
        }

        /// <summary>
        /// The identifier names of the tree. Read from the text (a superset: words in comments, strings and disabled code
        /// count too, which only adds dependencies); when the text has a character the scan cannot judge (non-ASCII, or a
        /// backslash-u escape, either of which an identifier may contain), from the tokens instead.
        /// </summary>
        internal static string[] ReadNames(SyntaxTree tree, SyntaxNode root, CancellationToken ct)
        {
            var text = tree.GetText(ct);
            var chars = new char[text.Length];
            text.CopyTo(0, chars, 0, chars.Length);
            var names = new HashSet<string>(StringComparer.Ordinal);
            var i = 0;
            while (i < chars.Length)
            {
                var c = chars[i];
                if (c > 127 || (c == '\\' && i + 1 < chars.Length && chars[i + 1] is 'u' or 'U'))
                {
                    return FromTokens(root);
                }

                if (c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '_' or (>= '0' and <= '9'))
                {
                    // A word: an identifier (or keyword) when it starts with a letter or '_', a number when with a digit.
                    var start = i;
                    while (i < chars.Length && chars[i] is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '_' or (>= '0' and <= '9'))
                    {
                        i++;
                    }

                    if (c is not (>= '0' and <= '9'))
                    {
                        names.Add(new string(chars, start, i - start));
                    }

                    continue;
                }

                i++;
            }

            return names.ToArray();
        }

        private static string[] FromTokens(SyntaxNode root)
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var token in root.DescendantTokens(descendIntoTrivia: true))
            {
                if (token.IsKind(SyntaxKind.IdentifierToken))
                {
                    names.Add(token.ValueText);
                }
            }

            return names.ToArray();
        }

        private static void AddMemberName(MemberDeclarationSyntax member, HashSet<string> declared)
        {
            switch (member)
            {
                case MethodDeclarationSyntax m:
                    declared.Add(m.Identifier.ValueText);
                    break;
                case PropertyDeclarationSyntax p:
                    declared.Add(p.Identifier.ValueText);
                    break;
                case EventDeclarationSyntax e:
                    declared.Add(e.Identifier.ValueText);
                    break;
                case BaseFieldDeclarationSyntax f:
                    foreach (var v in f.Declaration.Variables)
                    {
                        declared.Add(v.Identifier.ValueText);
                    }

                    break;
            }
        }

        private static string RightmostName(NameSyntax name) => name switch
        {
            QualifiedNameSyntax q => q.Right.Identifier.ValueText,
            AliasQualifiedNameSyntax a => a.Name.Identifier.ValueText,
            SimpleNameSyntax s => s.Identifier.ValueText,
            _ => name.ToString(),
        };

        /// <summary>Adds the namespace and its prefixes; true for <c>System</c> and the namespaces inside it.</summary>
        private static bool AddNamespace(BaseNamespaceDeclarationSyntax ns, HashSet<string> namespaces)
        {
            var prefix = string.Empty;
            for (var outer = ns.Parent; outer is not null; outer = outer.Parent)
            {
                if (outer is BaseNamespaceDeclarationSyntax o)
                {
                    prefix = Dotted(o.Name) + "." + prefix;
                }
            }

            var full = prefix + Dotted(ns.Name);
            for (var dot = full.IndexOf('.'); dot >= 0; dot = full.IndexOf('.', dot + 1))
            {
                namespaces.Add(full.Substring(0, dot));
            }

            namespaces.Add(full);
            return full == "System" || full.StartsWith("System.", StringComparison.Ordinal) || full.StartsWith("global::System", StringComparison.Ordinal);
        }

        private static string Dotted(NameSyntax name) => name switch
        {
            QualifiedNameSyntax q => Dotted(q.Left) + "." + q.Right.Identifier.ValueText,
            AliasQualifiedNameSyntax a => a.Alias.Identifier.ValueText + "::" + a.Name.Identifier.ValueText,
            SimpleNameSyntax s => s.Identifier.ValueText,
            _ => name.ToString(),
        };
    }

    /// <summary>One candidate class: its file and its position among the file's candidates.</summary>
    internal sealed class ClassCandidate(SourceFile file, int index)
    {
        public SourceFile File { get; } = file;

        public int Index { get; } = index;

        public ClassDeclarationSyntax Declaration => File.Candidates[Index];
    }

    /// <summary>
    /// The whole project's declared names (rebuilt on every compilation change from the per-tree facts, which are
    /// themselves cached): for each simple name, the files that declare a type or extension member of that name, and
    /// the fully qualified namespaces of that simple name.
    /// </summary>
    internal sealed class DependencyIndex
    {
        private DependencyIndex(Dictionary<string, Entry> entries, SourceFile[] globalUsings)
        {
            Entries = entries;
            GlobalFiles = globalUsings;
        }

        public Dictionary<string, Entry> Entries { get; }

        public SourceFile[] GlobalFiles { get; }

        public static DependencyIndex Build(ImmutableArray<SourceFile> files, CancellationToken ct)
        {
            var entries = new Dictionary<string, Entry>(StringComparer.Ordinal);
            var namespaces = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
            var globalUsings = new List<SourceFile>();
            foreach (var file in files)
            {
                ct.ThrowIfCancellationRequested();
                if (file.IsGlobal)
                {
                    globalUsings.Add(file);
                }

                foreach (var name in file.Declared)
                {
                    Add(name, file);

                    // [Foo] binds to FooAttribute as well as to Foo.
                    if (name.Length > "Attribute".Length && name.EndsWith("Attribute", StringComparison.Ordinal))
                    {
                        Add(name.Substring(0, name.Length - "Attribute".Length), file);
                    }
                }

                foreach (var ns in file.Namespaces)
                {
                    var dot = ns.LastIndexOf('.');
                    var simple = dot < 0 ? ns : ns.Substring(dot + 1);
                    if (!namespaces.TryGetValue(simple, out var set))
                    {
                        namespaces.Add(simple, set = new SortedSet<string>(StringComparer.Ordinal));
                    }

                    set.Add(ns);
                }
            }

            void Add(string name, SourceFile file)
            {
                if (!entries.TryGetValue(name, out var entry))
                {
                    entries.Add(name, entry = new Entry());
                }

                if (!entry.Files.Contains(file))
                {
                    entry.Files.Add(file);
                }
            }

            foreach (var pair in namespaces)
            {
                if (!entries.TryGetValue(pair.Key, out var entry))
                {
                    entries.Add(pair.Key, entry = new Entry());
                }

                entry.Namespaces = pair.Key + ":" + string.Join(",", pair.Value);
            }

            return new DependencyIndex(entries, globalUsings.ToArray());
        }

        internal sealed class Entry
        {
            public List<SourceFile> Files { get; } = [];

            public string? Namespaces { get; set; }
        }
    }

    /// <summary>The project-wide facts every class's binding depends on: references, compilation options.</summary>
    internal sealed class ProjectFacts(ImmutableArray<MetadataReference> references, CompilationOptions options, string? assemblyName)
    {
        public static readonly IEqualityComparer<ProjectFacts> Comparer = new FactsComparer();

        public ImmutableArray<MetadataReference> References { get; } = references;

        public CompilationOptions Options { get; } = options;

        public string? AssemblyName { get; } = assemblyName;

        public static ProjectFacts Of(Compilation compilation) => new(compilation.References.ToImmutableArray(), compilation.Options, compilation.AssemblyName);

        private sealed class FactsComparer : IEqualityComparer<ProjectFacts>
        {
            public bool Equals(ProjectFacts? x, ProjectFacts? y) =>
                ReferenceEquals(x, y)
                || (x is not null && y is not null
                    && x.AssemblyName == y.AssemblyName
                    && x.Options.Equals(y.Options)
                    && x.References.SequenceEqual(y.References));

            public int GetHashCode(ProjectFacts obj) => obj.References.Length;
        }
    }

    /// <summary>
    /// The input of the parse of one candidate class: the class, and its dependency key (its file, the files it
    /// depends on, the namespaces of the names it mentions, the project facts). Equality is the key's only
    /// (<see cref="KeyComparer"/>); the compilation rides along, held weakly so that cached entries do not keep old
    /// compilations alive, and is read only when the key changed (then it is the current one).
    /// </summary>
    internal sealed class ClassInput
    {
        /// <summary>Names that bind without being written (foreach, await, collection initializers, deconstruction, queries, interpolation): an extension method of one of these names is a dependency of every class.</summary>
        private static readonly string[] ImplicitNames =
        [
            "GetEnumerator", "GetAsyncEnumerator", "MoveNext", "MoveNextAsync", "Current", "Dispose", "DisposeAsync", "GetAwaiter",
            "GetResult", "IsCompleted", "OnCompleted", "Add", "Deconstruct", "Select", "SelectMany", "Where", "OrderBy", "OrderByDescending",
            "ThenBy", "ThenByDescending", "GroupBy", "Join", "GroupJoin", "Cast", "Slice", "Length", "Count", "GetPinnableReference",
            "AppendLiteral", "AppendFormatted", "Invoke",
        ];

        public static readonly IEqualityComparer<ClassInput> KeyComparer = new Comparer();

        private readonly WeakReference<Compilation> _compilation;

        private ClassInput(ClassCandidate candidate, ProjectFacts project, List<SourceFile> dependencies, List<string> namespaces, Compilation compilation)
        {
            Candidate = candidate;
            Project = project;
            Dependencies = dependencies;
            Namespaces = namespaces;
            _compilation = new WeakReference<Compilation>(compilation);
        }

        public ClassCandidate Candidate { get; }

        public ProjectFacts Project { get; }

        /// <summary>The files whose declarations this class's binding can see by name, its own first (compared by reference).</summary>
        public List<SourceFile> Dependencies { get; }

        /// <summary>For each mentioned name that is also a namespace name: that name and its fully qualified namespaces.</summary>
        public List<string> Namespaces { get; }

        public static ClassInput Create(ClassCandidate candidate, DependencyIndex index, ProjectFacts project, Compilation compilation, CancellationToken ct)
        {
            var dependencies = new List<SourceFile>();
            var namespaces = new List<string>();
            var pending = new Stack<SourceFile>();

            void Visit(SourceFile file)
            {
                if (!dependencies.Contains(file))
                {
                    dependencies.Add(file);
                    pending.Push(file);
                }
            }

            void Lookup(string name)
            {
                if (index.Entries.TryGetValue(name, out var entry))
                {
                    foreach (var file in entry.Files)
                    {
                        Visit(file);
                    }

                    if (entry.Namespaces is { } ns && !namespaces.Contains(ns))
                    {
                        namespaces.Add(ns);
                    }
                }
            }

            Visit(candidate.File);
            foreach (var file in index.GlobalFiles)
            {
                Visit(file);
            }

            foreach (var name in ImplicitNames)
            {
                Lookup(name);
            }

            while (pending.Count > 0)
            {
                ct.ThrowIfCancellationRequested();
                foreach (var name in pending.Pop().Mentioned)
                {
                    Lookup(name);
                }
            }

            return new ClassInput(candidate, project, dependencies, namespaces, compilation);
        }

        /// <summary>
        /// The semantic parse, as the four ForAttributeWithMetadataName pipelines did it: the first kind attribute (in
        /// <see cref="Parser.KindAttributes"/> order) applied in this file decides the pipeline, and
        /// <see cref="Parser.Parse(ClassDeclarationSyntax, INamedTypeSymbol, AttributeData, SemanticModel, CancellationToken)"/>
        /// returns null unless it is the class's first kind attribute and sits on this declaration.
        /// </summary>
        public WorkflowSpec? Parse(CancellationToken ct)
        {
            if (!_compilation.TryGetTarget(out var compilation))
            {
                // Roslyn runs a transform only for a new or modified input, whose compilation is the one being run.
                throw new InvalidOperationException("The compilation of a workflow class's parse input was collected before its parse ran.");
            }

            var declaration = Candidate.Declaration;
            var model = compilation.GetSemanticModel(declaration.SyntaxTree);
            if (model.GetDeclaredSymbol(declaration, ct) is not INamedTypeSymbol type)
            {
                return null;
            }

            var attributes = type.GetAttributes();
            foreach (var kind in Parser.KindAttributes)
            {
                foreach (var attribute in attributes)
                {
                    if (attribute.ApplicationSyntaxReference?.SyntaxTree == declaration.SyntaxTree && IsKind(attribute, kind))
                    {
                        if (Parser.Parse(declaration, type, attribute, model, ct) is { } spec)
                        {
                            return spec;
                        }

                        break;
                    }
                }
            }

            return null;
        }

        /// <summary>The attribute class is <paramref name="kind"/> by metadata name (no arity, not nested), as ForAttributeWithMetadataName matches it.</summary>
        private static bool IsKind(AttributeData attribute, string kind) =>
            attribute.AttributeClass is { ContainingType: null, ContainingNamespace: { Name: "Pipelines", ContainingNamespace.IsGlobalNamespace: true } } type
            && kind.Length == "Pipelines.".Length + type.MetadataName.Length
            && string.CompareOrdinal(kind, "Pipelines.".Length, type.MetadataName, 0, type.MetadataName.Length) == 0;

        private sealed class Comparer : IEqualityComparer<ClassInput>
        {
            public bool Equals(ClassInput? x, ClassInput? y)
            {
                if (ReferenceEquals(x, y))
                {
                    return true;
                }

                if (x is null || y is null
                    || !ReferenceEquals(x.Candidate.File, y.Candidate.File)
                    || x.Candidate.Index != y.Candidate.Index
                    || !ReferenceEquals(x.Project, y.Project)
                    || x.Dependencies.Count != y.Dependencies.Count
                    || x.Namespaces.Count != y.Namespaces.Count)
                {
                    return false;
                }

                for (var i = 0; i < x.Dependencies.Count; i++)
                {
                    if (!ReferenceEquals(x.Dependencies[i], y.Dependencies[i]))
                    {
                        return false;
                    }
                }

                for (var i = 0; i < x.Namespaces.Count; i++)
                {
                    if (!string.Equals(x.Namespaces[i], y.Namespaces[i], StringComparison.Ordinal))
                    {
                        return false;
                    }
                }

                return true;
            }

            public int GetHashCode(ClassInput obj) => obj.Candidate.Index;
        }
    }
}
