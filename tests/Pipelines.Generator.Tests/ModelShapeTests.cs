using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Pipelines.Generator.Model;

namespace Pipelines.Generator.Tests;

/// <summary>
/// The model must hold no Roslyn objects and no reference-equality collections (STYLE-ANCHORS 9, rules 2 and 3):
/// checked on the types (every field reachable from the pipeline's values) and on the values the tracked steps produced.
/// </summary>
public sealed class ModelShapeTests
{
    private static readonly Type[] Forbidden =
    [
        typeof(ISymbol), typeof(SyntaxNode), typeof(SyntaxTree), typeof(SyntaxToken), typeof(Location), typeof(Compilation),
        typeof(SemanticModel), typeof(AttributeData), typeof(TypedConstant), typeof(Diagnostic), typeof(Microsoft.CodeAnalysis.Text.SourceText),
    ];

    private static readonly Type[] Roots = [typeof(WorkflowSpec), typeof(GeneratorOptions), typeof(GeneratedFile)];

    [Fact]
    public void Model_types_hold_only_primitives_strings_enums_records_and_equatable_arrays()
    {
        var problems = new List<string>();
        var seen = new HashSet<Type>();
        foreach (var root in Roots)
        {
            Walk(root, root.Name, seen, problems);
        }

        Assert.Empty(problems);
        Assert.Contains(typeof(NodeSpec), seen);
        Assert.Contains(typeof(ImmutableEquatableArray<StepGroupSpec>), seen);
    }

    [Fact]
    public void The_walker_rejects_what_it_must()
    {
        var problems = new List<string>();
        Walk(typeof(Bad), "Bad", [], problems);
        Assert.Equal(
            [
                "Bad.Symbol: Microsoft.CodeAnalysis.ISymbol is a Roslyn type",
                "Bad.Items: System.String[] is an array",
                "Bad.List: System.Collections.Generic.List`1[System.String] compares by reference",
                "Bad.Immutable: System.Collections.Immutable.ImmutableArray`1[System.String] compares by reference",
                "Bad: not a sealed record",
            ],
            problems);
    }

    [Fact]
    public void Tracked_step_values_are_model_types()
    {
        var source = GeneratorHarness.ReadPort("dag-diamond.cs") + "\n" + GeneratorHarness.ReadPort("steps.cs").Replace("using Pipelines;", string.Empty, StringComparison.Ordinal).Replace("namespace ArgoExamples;", string.Empty, StringComparison.Ordinal);
        var run = GeneratorHarness.Run(source).AssertClean();
        string[] ours = [TrackingNames.Options, TrackingNames.Workflows, TrackingNames.Specs, TrackingNames.Files];
        var values = ours.SelectMany(n => run.Single.TrackedSteps[n]).SelectMany(s => s.Outputs).Select(o => o.Value).Where(v => v is not null).ToList();
        Assert.NotEmpty(values);
        foreach (var value in values)
        {
            Assert.True(Roots.Contains(value!.GetType()), value.GetType().ToString());
        }
    }

    private static void Walk(Type type, string path, HashSet<Type> seen, List<string> problems)
    {
        if (type.IsPrimitive || type.IsEnum || type == typeof(string))
        {
            return;
        }

        if (Nullable.GetUnderlyingType(type) is { } inner)
        {
            Walk(inner, path, seen, problems);
            return;
        }

        if (Forbidden.Any(f => f.IsAssignableFrom(type)))
        {
            problems.Add($"{path}: {type} is a Roslyn type");
            return;
        }

        if (type.IsArray)
        {
            problems.Add($"{path}: {type} is an array");
            return;
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ImmutableEquatableArray<>))
        {
            if (seen.Add(type))
            {
                Walk(type.GetGenericArguments()[0], path + "[]", seen, problems);
            }

            return;
        }

        if (type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(List<>) || type.GetGenericTypeDefinition() == typeof(ImmutableArray<>) || type.GetGenericTypeDefinition() == typeof(Dictionary<,>)))
        {
            problems.Add($"{path}: {type} compares by reference");
            return;
        }

        if (!seen.Add(type))
        {
            return;
        }

        foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            var name = field.Name.StartsWith('<') ? field.Name[1..field.Name.IndexOf('>', StringComparison.Ordinal)] : field.Name;
            Walk(field.FieldType, path + "." + name, seen, problems);
        }

        var isRecord = type.GetProperty("EqualityContract", BindingFlags.Instance | BindingFlags.NonPublic) is not null;
        if (!type.IsSealed || !isRecord)
        {
            problems.Add($"{path}: not a sealed record");
        }
    }

#pragma warning disable CS0649 // never assigned: only its shape is walked
    private class Bad
    {
        public ISymbol? Symbol;
        public string[]? Items;
        public List<string>? List;
        public ImmutableArray<string> Immutable;
    }
#pragma warning restore CS0649
}
