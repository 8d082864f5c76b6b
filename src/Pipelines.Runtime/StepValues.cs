using System;
using System.Globalization;
using System.IO;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Pipelines.Runtime;

/// <summary>
/// Converts input text to the step's parameter types and output values to text, as the C# step contract says:
/// scalars as invariant-culture text, enums by member name, strings as is, everything else as compact JSON through
/// source-generated <see cref="JsonTypeInfo{T}"/> (no reflection). A value that does not convert throws
/// <see cref="FormatException"/>; the context turns it into a usage error naming the input.
/// </summary>
public static class StepValues
{
    /// <summary>Returns the text as is.</summary>
    /// <param name="text">The input text.</param>
    public static string ParseString(string text) => text;

    /// <summary>Parses <c>true</c> or <c>false</c> (any letter case).</summary>
    /// <param name="text">The input text.</param>
    public static bool ParseBoolean(string text) =>
        text.Trim().ToUpperInvariant() switch
        {
            "TRUE" => true,
            "FALSE" => false,
            _ => throw new FormatException("expected true or false"),
        };

    /// <summary>Parses a 32-bit integer (invariant culture).</summary>
    /// <param name="text">The input text.</param>
    public static int ParseInt32(string text) =>
        int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : throw new FormatException("expected a whole number from -2147483648 to 2147483647");

    /// <summary>Parses a 64-bit integer (invariant culture).</summary>
    /// <param name="text">The input text.</param>
    public static long ParseInt64(string text) =>
        long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : throw new FormatException("expected a 64-bit whole number");

    /// <summary>Parses a double (invariant culture, <c>.</c> as the decimal point, exponent allowed).</summary>
    /// <param name="text">The input text.</param>
    public static double ParseDouble(string text) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : throw new FormatException("expected a number such as 1.5");

    /// <summary>Parses a decimal (invariant culture, <c>.</c> as the decimal point).</summary>
    /// <param name="text">The input text.</param>
    public static decimal ParseDecimal(string text) =>
        decimal.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : throw new FormatException("expected a decimal number such as 1.5");

    /// <summary>Parses an enum member by its exact name (numbers and combinations are refused).</summary>
    /// <typeparam name="TEnum">The enum type.</typeparam>
    /// <param name="text">The input text.</param>
    public static TEnum ParseEnum<TEnum>(string text)
        where TEnum : struct, Enum
    {
        var name = text.Trim();
        if (name.Length == 0 || !(char.IsLetter(name[0]) || name[0] == '_') || name.Contains(',', StringComparison.Ordinal)
            || !Enum.TryParse<TEnum>(name, ignoreCase: false, out var value) || !Enum.IsDefined(value))
        {
            throw new FormatException("expected one of " + string.Join(", ", Enum.GetNames<TEnum>()));
        }

        return value;
    }

    /// <summary>Parses JSON into <typeparamref name="T"/> with source-generated metadata.</summary>
    /// <typeparam name="T">The parameter type.</typeparam>
    /// <param name="text">The JSON text.</param>
    /// <param name="typeInfo">The source-generated metadata.</param>
    /// <param name="allowNull">Whether the JSON <c>null</c> is accepted (a nullable parameter).</param>
    public static T ParseJson<T>(string text, JsonTypeInfo<T> typeInfo, bool allowNull = false)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        T? value;
        try
        {
            value = JsonSerializer.Deserialize(text, typeInfo);
        }
        catch (JsonException e)
        {
            throw new FormatException(e.Message, e);
        }

        if (value is null && !allowNull)
        {
            throw new FormatException("expected a JSON value, got null");
        }

        return value!;
    }

    /// <summary>Reads a text file (UTF-8).</summary>
    /// <param name="path">The file.</param>
    public static string ReadText(string path) => File.ReadAllText(path);

    /// <summary>Reads a file's bytes.</summary>
    /// <param name="path">The file.</param>
    public static byte[] ReadBytes(string path) => File.ReadAllBytes(path);

    /// <summary>Reads a JSON file into <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The parameter type.</typeparam>
    /// <param name="path">The file.</param>
    /// <param name="typeInfo">The source-generated metadata.</param>
    /// <param name="allowNull">Whether the JSON <c>null</c> is accepted.</param>
    public static T ReadJson<T>(string path, JsonTypeInfo<T> typeInfo, bool allowNull = false) => ParseJson(File.ReadAllText(path), typeInfo, allowNull);

    /// <summary>Formats a string output: as is (null as empty).</summary>
    /// <param name="value">The value.</param>
    public static string Format(string? value) => value ?? string.Empty;

    /// <summary>Formats a boolean as <c>true</c> or <c>false</c>.</summary>
    /// <param name="value">The value.</param>
    public static string Format(bool value) => value ? "true" : "false";

    /// <summary>Formats an integer (invariant culture).</summary>
    /// <param name="value">The value.</param>
    public static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Formats an integer (invariant culture).</summary>
    /// <param name="value">The value.</param>
    public static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Formats a double (invariant culture, shortest text that reads back the same value).</summary>
    /// <param name="value">The value.</param>
    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Formats a decimal (invariant culture).</summary>
    /// <param name="value">The value.</param>
    public static string Format(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Formats an enum value by its member name.</summary>
    /// <typeparam name="TEnum">The enum type.</typeparam>
    /// <param name="value">The value.</param>
    public static string FormatEnum<TEnum>(TEnum value)
        where TEnum : struct, Enum => value.ToString();

    /// <summary>Formats a value as compact JSON with source-generated metadata.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="value">The value.</param>
    /// <param name="typeInfo">The source-generated metadata.</param>
    public static string FormatJson<T>(T value, JsonTypeInfo<T> typeInfo) => JsonSerializer.Serialize(value, typeInfo);
}
