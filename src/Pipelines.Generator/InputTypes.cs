using System.Linq;
using Microsoft.CodeAnalysis;
using Pipelines.Generator.Model;

namespace Pipelines.Generator;

/// <summary>
/// How a C# parameter type becomes an Argo input parameter: scalars as text, enums as an Argo <c>enum</c> of member
/// names, everything else (records, classes, arrays, collections) as JSON text.
/// </summary>
internal static class InputTypes
{
    /// <summary>The member names of an enum type (also <c>Nullable&lt;TEnum&gt;</c>), in declaration order; null for other types.</summary>
    public static ImmutableEquatableArray<string>? EnumMembers(ITypeSymbol type)
    {
        if (Unwrap(type) is not INamedTypeSymbol { TypeKind: TypeKind.Enum } e)
        {
            return null;
        }

        return e.GetMembers().OfType<IFieldSymbol>().Where(f => f.HasConstantValue).Select(f => f.Name).ToImmutableEquatableArray();
    }

    /// <summary>
    /// The input's <c>default</c> from the C# default value: invariant text for scalars, the member name for an enum,
    /// <c>null</c> (JSON) for a JSON-typed parameter defaulting to null; null when there is no default.
    /// </summary>
    public static string? Default(IParameterSymbol parameter)
    {
        if (!parameter.HasExplicitDefaultValue)
        {
            return null;
        }

        var value = parameter.ExplicitDefaultValue;
        var type = Unwrap(parameter.Type);
        if (value is null)
        {
            return IsJson(type) ? "null" : null;
        }

        if (type is INamedTypeSymbol { TypeKind: TypeKind.Enum } e)
        {
            var member = e.GetMembers().OfType<IFieldSymbol>().FirstOrDefault(f => f.HasConstantValue && Equals(f.ConstantValue, value));
            return member?.Name ?? PipelinesGenerator.Parser.FormatConstant(value);
        }

        return PipelinesGenerator.Parser.FormatConstant(value);
    }

    /// <summary>True for types passed as JSON text: anything but strings, booleans, characters, numbers and enums.</summary>
    public static bool IsJson(ITypeSymbol type)
    {
        type = Unwrap(type);
        if (type.TypeKind == TypeKind.Enum)
        {
            return false;
        }

        switch (type.SpecialType)
        {
            case SpecialType.System_String:
            case SpecialType.System_Boolean:
            case SpecialType.System_Char:
            case SpecialType.System_SByte:
            case SpecialType.System_Byte:
            case SpecialType.System_Int16:
            case SpecialType.System_UInt16:
            case SpecialType.System_Int32:
            case SpecialType.System_UInt32:
            case SpecialType.System_Int64:
            case SpecialType.System_UInt64:
            case SpecialType.System_Single:
            case SpecialType.System_Double:
            case SpecialType.System_Decimal:
                return false;
            default:
                return true;
        }
    }

    /// <summary>
    /// True for the types an input parameter can carry: scalars and enums as text; arrays, the
    /// <c>System.Collections.Generic</c> collections, and the project's own records, classes and structs as JSON.
    /// Other framework types (<c>DateTime</c>, <c>Stream</c>...), delegates, <c>object</c> and <c>Node</c> are not.
    /// </summary>
    public static bool IsSupported(ITypeSymbol type)
    {
        type = Unwrap(type);
        if (type.TypeKind is TypeKind.Enum or TypeKind.Error || !IsJson(type))
        {
            return true;
        }

        switch (type)
        {
            case IArrayTypeSymbol array:
                return IsSupported(array.ElementType);
            case INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct or TypeKind.Interface } named:
                var ns = named.ContainingNamespace?.ToDisplayString() ?? string.Empty;
                if (ns == "System.Collections.Generic")
                {
                    return named.TypeArguments.All(IsSupported);
                }

                return named.SpecialType == SpecialType.None
                    && ns != "System" && !ns.StartsWith("System.", System.StringComparison.Ordinal)
                    && ns != "Pipelines" && ns != "Microsoft" && !ns.StartsWith("Microsoft.", System.StringComparison.Ordinal);
            default:
                return false;
        }
    }

    private static ITypeSymbol Unwrap(ITypeSymbol type) =>
        type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T, TypeArguments.Length: 1 } nullable ? nullable.TypeArguments[0] : type;
}
