using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;

namespace Pipelines.Argo.Yaml;

/// <summary>
/// A YAML node as read from a file or built in code: a <see cref="YamlScalar"/>, a <see cref="YamlSequence"/>
/// or a <see cref="YamlMapping"/>. Free-form Argo fields (loop items, plugin configuration) hold these directly,
/// so what a user wrote (10 or "10", yes or "yes") is kept.
/// </summary>
public abstract class YamlValue
{
    private protected YamlValue(int line, int column)
    {
        Line = line;
        Column = column;
    }

    /// <summary>1-based line where the node starts in its file, or 0 when the node was built in code.</summary>
    public int Line { get; }

    /// <summary>1-based column where the node starts in its file, or 0 when the node was built in code.</summary>
    public int Column { get; }

    /// <summary>A short name of the node's kind for messages: "a string", "a list", "a mapping", "an integer"...</summary>
    public abstract string Describe();

    /// <summary>A string scalar, so free-form fields read naturally in C# (<c>WithItems = ["a", "b"]</c>).</summary>
    /// <param name="value">The string.</param>
    public static implicit operator YamlValue(string value) => YamlScalar.String(value);

    /// <summary>An integer scalar (<c>WithItems = [1, 2]</c>).</summary>
    /// <param name="value">The integer.</param>
    public static implicit operator YamlValue(long value) => YamlScalar.PlainText(value.ToString(CultureInfo.InvariantCulture));

    /// <summary>A floating-point scalar.</summary>
    /// <param name="value">The number.</param>
    public static implicit operator YamlValue(double value) => YamlScalar.PlainText(value.ToString("R", CultureInfo.InvariantCulture));

    /// <summary>A boolean scalar.</summary>
    /// <param name="value">The boolean.</param>
    public static implicit operator YamlValue(bool value) => YamlScalar.PlainText(value ? "true" : "false");
}

/// <summary>How a scalar was written in YAML.</summary>
public enum YamlScalarStyle
{
    /// <summary>Unquoted: its type is resolved from its text (10 is an integer, true a boolean).</summary>
    Plain,

    /// <summary>In single quotes.</summary>
    SingleQuoted,

    /// <summary>In double quotes.</summary>
    DoubleQuoted,

    /// <summary>A literal block scalar (<c>|</c>).</summary>
    Literal,

    /// <summary>A folded block scalar (<c>&gt;</c>).</summary>
    Folded,
}

/// <summary>The type a YAML scalar resolves to, the way Argo's YAML decoder (YAML 1.1 rules) sees it.</summary>
public enum YamlScalarType
{
    /// <summary>A string.</summary>
    String,

    /// <summary><c>null</c>, <c>~</c> or nothing.</summary>
    Null,

    /// <summary><c>true</c>/<c>false</c> and the YAML 1.1 spellings (<c>yes</c>, <c>on</c>, ...).</summary>
    Bool,

    /// <summary>An integer (decimal, <c>0x</c>, <c>0o</c>, <c>0b</c>, leading-zero octal).</summary>
    Int,

    /// <summary>A floating-point number, including <c>.inf</c> and <c>.nan</c>.</summary>
    Float,
}

/// <summary>A YAML scalar: its text, how it was written, and the type it resolves to.</summary>
public sealed class YamlScalar : YamlValue
{
    private YamlScalarType? _type;

    /// <summary>Creates a scalar.</summary>
    /// <param name="value">The scalar's text (after YAML unescaping).</param>
    /// <param name="style">How it was written; plain scalars are typed by their text.</param>
    /// <param name="tag">An explicit tag such as <c>tag:yaml.org,2002:str</c>, or null.</param>
    /// <param name="line">1-based line, or 0.</param>
    /// <param name="column">1-based column, or 0.</param>
    public YamlScalar(string value, YamlScalarStyle style = YamlScalarStyle.Plain, string? tag = null, int line = 0, int column = 0)
        : base(line, column)
    {
        Value = value ?? throw new ArgumentNullException(nameof(value));
        Style = style;
        Tag = string.IsNullOrEmpty(tag) || tag == "!" ? null : tag;
    }

    /// <summary>The text of the scalar.</summary>
    public string Value { get; }

    /// <summary>How the scalar was written.</summary>
    public YamlScalarStyle Style { get; }

    /// <summary>The explicit tag, or null.</summary>
    public string? Tag { get; }

    /// <summary>The type the scalar resolves to under Argo's YAML 1.1 rules.</summary>
    public YamlScalarType Type => _type ??= YamlScalarResolver.Resolve(this);

    /// <summary>A string scalar: written back quoted wherever a YAML reader would otherwise change its type.</summary>
    public static YamlScalar String(string value) => new(value, YamlScalarStyle.DoubleQuoted);

    /// <summary>A scalar of a non-string type written as plain text (for example <c>10</c>, <c>true</c>, <c>1.5</c>).</summary>
    public static YamlScalar PlainText(string text) => new(text, YamlScalarStyle.Plain);

    /// <summary>The null scalar.</summary>
    public static YamlScalar Null() => new("null", YamlScalarStyle.Plain);

    /// <inheritdoc />
    public override string Describe() => Type switch
    {
        YamlScalarType.Null => "null",
        YamlScalarType.Bool => "a boolean (" + Value + ")",
        YamlScalarType.Int => "an integer (" + Value + ")",
        YamlScalarType.Float => "a number (" + Value + ")",
        _ => "a string",
    };

    /// <inheritdoc />
    public override string ToString() => Value;
}

/// <summary>A YAML sequence (list). A collection initializer adds items: <c>new YamlSequence { 1, "two" }</c>.</summary>
#pragma warning disable CA1710 // A YAML sequence is named after YAML, not after .NET collections.
public sealed class YamlSequence : YamlValue, IEnumerable<YamlValue>
#pragma warning restore CA1710
{
    /// <summary>Creates an empty sequence.</summary>
    public YamlSequence(int line = 0, int column = 0)
        : base(line, column)
    {
    }

    /// <summary>Creates a sequence with the given items.</summary>
    public YamlSequence(IEnumerable<YamlValue> items)
        : base(0, 0)
    {
        Items.AddRange(items);
    }

    /// <summary>The items, in order.</summary>
    public List<YamlValue> Items { get; } = [];

    /// <summary>Adds an item at the end.</summary>
    /// <param name="item">The item.</param>
    public void Add(YamlValue item) => Items.Add(item);

    /// <inheritdoc />
    public override string Describe() => "a list";

    /// <inheritdoc />
    public IEnumerator<YamlValue> GetEnumerator() => Items.GetEnumerator();

    /// <inheritdoc />
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>
/// A YAML mapping whose keys are strings, in the order they were written. A collection initializer adds entries:
/// <c>new YamlMapping { { "image", "debian" }, { "tag", "9.1" } }</c>.
/// </summary>
#pragma warning disable CA1710 // A YAML mapping is named after YAML, not after .NET collections.
public sealed class YamlMapping : YamlValue, IEnumerable<YamlEntry>
#pragma warning restore CA1710
{
    /// <summary>Creates an empty mapping.</summary>
    public YamlMapping(int line = 0, int column = 0)
        : base(line, column)
    {
    }

    /// <summary>The entries, in order. Keys are unique: a reader keeps the last of duplicated keys.</summary>
    public List<YamlEntry> Entries { get; } = [];

    /// <summary>Adds an entry at the end.</summary>
    public void Add(string key, YamlValue value) => Entries.Add(new YamlEntry(new YamlScalar(key), value));

    /// <summary>Finds the value of a key, or null.</summary>
    public YamlValue? Get(string key)
    {
        foreach (var entry in Entries)
        {
            if (entry.Key.Value == key)
            {
                return entry.Value;
            }
        }

        return null;
    }

    /// <inheritdoc />
    public override string Describe() => "a mapping";

    /// <inheritdoc />
    public IEnumerator<YamlEntry> GetEnumerator() => Entries.GetEnumerator();

    /// <inheritdoc />
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>One key and value of a <see cref="YamlMapping"/>.</summary>
/// <param name="Key">The key (a scalar; its text is the field name).</param>
/// <param name="Value">The value.</param>
public readonly record struct YamlEntry(YamlScalar Key, YamlValue Value);
