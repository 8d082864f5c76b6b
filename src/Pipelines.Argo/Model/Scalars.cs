using System;
using System.Globalization;
using Pipelines.Argo.Yaml;

namespace Pipelines.Argo.Model;

/// <summary>
/// Kubernetes' IntOrString: an integer (<c>10</c>) or a string (<c>"10"</c>, <c>"50%"</c>). What was written is kept,
/// so 10 stays 10 and "10" stays "10".
/// </summary>
public sealed class IntOrString : IEquatable<IntOrString>
{
    private IntOrString(string text, bool isInteger)
    {
        Text = text;
        IsInteger = isInteger;
    }

    /// <summary>The value's text.</summary>
    public string Text { get; }

    /// <summary>True when the value is an integer rather than a string.</summary>
    public bool IsInteger { get; }

    /// <summary>An integer value.</summary>
    public static IntOrString FromInt(long value) => new(value.ToString(CultureInfo.InvariantCulture), true);

    /// <summary>A string value.</summary>
    public static IntOrString FromString(string value) => new(value ?? throw new ArgumentNullException(nameof(value)), false);

    /// <summary>Converts an integer.</summary>
    public static implicit operator IntOrString(long value) => FromInt(value);

    /// <summary>Converts a string.</summary>
    public static implicit operator IntOrString(string value) => FromString(value);

    internal static IntOrString FromIntegerText(string text) => new(text, true);

    /// <inheritdoc />
    public bool Equals(IntOrString? other) => other is not null && other.Text == Text && other.IsInteger == IsInteger;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as IntOrString);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Text) ^ (IsInteger ? 1 : 0);

    /// <inheritdoc />
    public override string ToString() => Text;
}

/// <summary>
/// A Kubernetes resource quantity (<c>100m</c>, <c>32Mi</c>, <c>1</c>). Kept as written: a plain number stays a
/// number, a quoted one stays a string.
/// </summary>
public sealed class Quantity : IEquatable<Quantity>
{
    private Quantity(string text, bool isNumber)
    {
        Text = text;
        IsNumber = isNumber;
    }

    /// <summary>The quantity's text.</summary>
    public string Text { get; }

    /// <summary>True when it was written as a YAML number (<c>cpu: 1</c>) rather than a string.</summary>
    public bool IsNumber { get; }

    /// <summary>A quantity written as a string, such as <c>500m</c> or <c>1Gi</c>.</summary>
    public static Quantity Parse(string text) => new(text ?? throw new ArgumentNullException(nameof(text)), false);

    /// <summary>A quantity written as a YAML number.</summary>
    public static Quantity FromNumber(long value) => new(value.ToString(CultureInfo.InvariantCulture), true);

    /// <summary>Converts a string such as <c>500m</c>.</summary>
    public static implicit operator Quantity(string text) => Parse(text);

    internal static Quantity FromNumberText(string text) => new(text, true);

    /// <inheritdoc />
    public bool Equals(Quantity? other) => other is not null && other.Text == Text && other.IsNumber == IsNumber;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Quantity);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Text) ^ (IsNumber ? 1 : 0);

    /// <inheritdoc />
    public override string ToString() => Text;
}

/// <summary>
/// Argo's AnyString (parameter <c>value</c>, <c>default</c>, <c>enum</c>): a string that may also be written as a number or
/// a boolean. Argo reads all of them as strings; the model keeps how it was written so output matches input.
/// </summary>
public sealed class AnyString : IEquatable<AnyString>
{
    private AnyString(string text, YamlScalarType writtenAs)
    {
        Text = text;
        WrittenAs = writtenAs;
    }

    /// <summary>The value as Argo sees it: always text.</summary>
    public string Text { get; }

    /// <summary>How it was written: <see cref="YamlScalarType.String"/>, or a number or boolean written unquoted.</summary>
    public YamlScalarType WrittenAs { get; }

    /// <summary>A string value.</summary>
    public static AnyString FromString(string text) => new(text ?? throw new ArgumentNullException(nameof(text)), YamlScalarType.String);

    /// <summary>Converts a string.</summary>
    public static implicit operator AnyString(string text) => FromString(text);

    internal static AnyString FromScalar(YamlScalar scalar) => new(scalar.Value, scalar.Type);

    /// <inheritdoc />
    public bool Equals(AnyString? other) => other is not null && other.Text == Text && other.WrittenAs == WrittenAs;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as AnyString);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Text) ^ (int)WrittenAs;

    /// <inheritdoc />
    public override string ToString() => Text;
}

/// <summary>Argo's Amount: a number kept exactly as written (<c>0.5</c> stays <c>0.5</c>).</summary>
public sealed class Amount : IEquatable<Amount>
{
    private Amount(string text) => Text = text;

    /// <summary>The number's text.</summary>
    public string Text { get; }

    /// <summary>An amount from a number.</summary>
    public static Amount FromDouble(double value) => new(value.ToString("R", CultureInfo.InvariantCulture));

    /// <summary>Converts a number.</summary>
    public static implicit operator Amount(double value) => FromDouble(value);

    internal static Amount FromText(string text) => new(text);

    /// <inheritdoc />
    public bool Equals(Amount? other) => other is not null && other.Text == Text;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Amount);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Text);

    /// <inheritdoc />
    public override string ToString() => Text;
}
