using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Pipelines.Runtime;

/// <summary>
/// Finds the source-generated JSON metadata for a step's parameter or return type: first in the project's own
/// <see cref="JsonSerializerContext"/> (the one that lists the project's records), then in the runtime's built-in
/// context, which covers arrays, lists and string-keyed dictionaries of the scalar types.
/// </summary>
public static class StepJson
{
    /// <summary>Returns the metadata for <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The type.</typeparam>
    /// <param name="context">The project's context, or null.</param>
    /// <exception cref="InvalidOperationException">Neither context knows <typeparamref name="T"/>.</exception>
    public static JsonTypeInfo<T> Resolve<T>(JsonSerializerContext? context) =>
        context?.GetTypeInfo(typeof(T)) as JsonTypeInfo<T>
        ?? BuiltInJsonContext.Default.GetTypeInfo(typeof(T)) as JsonTypeInfo<T>
        ?? throw new InvalidOperationException(
            "no JSON metadata for " + typeof(T).Name + ": add [JsonSerializable(typeof(" + typeof(T).Name + "))] to a JsonSerializerContext in the pipeline project");

    /// <summary>Whether the runtime's built-in context covers <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The type.</typeparam>
    public static bool IsBuiltIn<T>() => BuiltInJsonContext.Default.GetTypeInfo(typeof(T)) is not null;
}

/// <summary>The collections of scalars every pipeline project can use without a context of its own.</summary>
[JsonSourceGenerationOptions(WriteIndented = false)]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(bool[]))]
[JsonSerializable(typeof(int[]))]
[JsonSerializable(typeof(long[]))]
[JsonSerializable(typeof(double[]))]
[JsonSerializable(typeof(decimal[]))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(List<bool>))]
[JsonSerializable(typeof(List<int>))]
[JsonSerializable(typeof(List<long>))]
[JsonSerializable(typeof(List<double>))]
[JsonSerializable(typeof(List<decimal>))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(IReadOnlyList<bool>))]
[JsonSerializable(typeof(IReadOnlyList<int>))]
[JsonSerializable(typeof(IReadOnlyList<long>))]
[JsonSerializable(typeof(IReadOnlyList<double>))]
[JsonSerializable(typeof(IReadOnlyList<decimal>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(Dictionary<string, bool>))]
[JsonSerializable(typeof(Dictionary<string, int>))]
[JsonSerializable(typeof(Dictionary<string, long>))]
[JsonSerializable(typeof(Dictionary<string, double>))]
[JsonSerializable(typeof(Dictionary<string, decimal>))]
internal sealed partial class BuiltInJsonContext : JsonSerializerContext
{
}
