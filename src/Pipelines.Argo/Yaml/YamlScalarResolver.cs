using System.Text.RegularExpressions;

namespace Pipelines.Argo.Yaml;

/// <summary>
/// Decides what type a scalar has. Reading follows Argo's decoder (Go's YAML 1.1 parser behind Kubernetes' YAML path):
/// <c>yes</c>/<c>on</c>/<c>y</c> are booleans, <c>0x1F</c>, <c>0o17</c>, <c>017</c> and <c>1_000</c> are integers.
/// Writing is more careful: a string is quoted whenever any common reader (YAML 1.1, YAML 1.2 core, or PyYAML's
/// timestamps and sexagesimal numbers) would read its plain form as something other than the same string.
/// </summary>
public static class YamlScalarResolver
{
    private const string IntTag = "tag:yaml.org,2002:int";
    private const string FloatTag = "tag:yaml.org,2002:float";
    private const string BoolTag = "tag:yaml.org,2002:bool";
    private const string NullTag = "tag:yaml.org,2002:null";

    // Go's YAML 1.1 resolution of plain scalars (ints after removing '_' and parsing with base prefixes).
    private static readonly Regex GoInt = new(@"^[-+]?(0[bB][01_]+|0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|[0-9][0-9_]*)$", RegexOptions.CultureInvariant);
    private static readonly Regex GoFloat = new(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant);
    private static readonly Regex SpecialFloat = new(@"^([-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$", RegexOptions.CultureInvariant);

    // Extra forms other readers give a non-string meaning to (PyYAML's YAML 1.1 resolvers, YAML 1.2 core).
    private static readonly Regex PyInt = new(@"^([-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(:[0-5]?[0-9])+)$", RegexOptions.CultureInvariant);
    private static readonly Regex PyFloat = new(@"^([-+]?([0-9][0-9_]*)?\.[0-9_]*([eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\.[0-9_]*)$", RegexOptions.CultureInvariant);
    private static readonly Regex Timestamp = new(@"^([0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(\.[0-9]*)?([ \t]*(Z|[-+][0-9]{1,2}(:[0-9]{2})?))?)$", RegexOptions.CultureInvariant);

    /// <summary>Resolves the type of a scalar as Argo's decoder would.</summary>
    public static YamlScalarType Resolve(YamlScalar scalar)
    {
        switch (scalar.Tag)
        {
            case null:
                break;
            case IntTag or "!!int":
                return YamlScalarType.Int;
            case FloatTag or "!!float":
                return YamlScalarType.Float;
            case BoolTag or "!!bool":
                return YamlScalarType.Bool;
            case NullTag or "!!null":
                return YamlScalarType.Null;
            default:
                return YamlScalarType.String;
        }

        return scalar.Style == YamlScalarStyle.Plain ? ResolvePlain(scalar.Value) : YamlScalarType.String;
    }

    /// <summary>Resolves the type of plain (unquoted) text as Argo's decoder would.</summary>
    public static YamlScalarType ResolvePlain(string text)
    {
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return YamlScalarType.Null;
            case "y" or "Y" or "yes" or "Yes" or "YES" or "on" or "On" or "ON" or "true" or "True" or "TRUE":
            case "n" or "N" or "no" or "No" or "NO" or "off" or "Off" or "OFF" or "false" or "False" or "FALSE":
                return YamlScalarType.Bool;
        }

        var first = text[0];
        if (!(first is >= '0' and <= '9' || first is '-' or '+' or '.'))
        {
            return YamlScalarType.String;
        }

        if (GoInt.IsMatch(text) && text.Replace("_", string.Empty).TrimStart('-', '+').Length > 0 && HasDigit(text))
        {
            return YamlScalarType.Int;
        }

        if (GoFloat.IsMatch(text) || SpecialFloat.IsMatch(text))
        {
            return YamlScalarType.Float;
        }

        return YamlScalarType.String;
    }

    /// <summary>
    /// True when <paramref name="text"/>, written as a plain scalar, could be read back as something other than this
    /// string by Argo's decoder, a YAML 1.2 reader, or PyYAML. Such strings are written quoted.
    /// </summary>
    public static bool PlainWouldChangeType(string text)
    {
        if (ResolvePlain(text) != YamlScalarType.String)
        {
            return true;
        }

        if (text is "=" or "<<")
        {
            return true;
        }

        var first = text[0];
        if (!(first is >= '0' and <= '9' || first is '-' or '+' or '.'))
        {
            return false;
        }

        return PyInt.IsMatch(text) || PyFloat.IsMatch(text) || Timestamp.IsMatch(text) || SpecialFloat.IsMatch(text);
    }

    private static bool HasDigit(string text)
    {
        foreach (var c in text)
        {
            if (c is >= '0' and <= '9')
            {
                return true;
            }
        }

        return false;
    }
}
