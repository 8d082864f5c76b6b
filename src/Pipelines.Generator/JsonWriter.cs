using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Pipelines.Generator;

/// <summary>
/// A small compact JSON writer: fields in the order written, strings escaped per RFC 8259 (control characters as
/// <c>\uXXXX</c> or their short forms), numbers in the invariant culture. Deterministic by construction.
/// </summary>
internal sealed class JsonWriter
{
    private readonly StringBuilder _text = new();
    private readonly Stack<bool> _first = new();

    public JsonWriter BeginObject()
    {
        Separator();
        _text.Append('{');
        _first.Push(true);
        return this;
    }

    public JsonWriter EndObject()
    {
        _first.Pop();
        _text.Append('}');
        return this;
    }

    public JsonWriter BeginArray()
    {
        Separator();
        _text.Append('[');
        _first.Push(true);
        return this;
    }

    public JsonWriter EndArray()
    {
        _first.Pop();
        _text.Append(']');
        return this;
    }

    /// <summary>Writes a property name; the next value written is its value.</summary>
    public JsonWriter Name(string name)
    {
        Separator();
        AppendString(name);
        _text.Append(':');
        _pendingValue = true; // the value that follows needs no separator
        return this;
    }

    public JsonWriter String(string value)
    {
        Separator();
        AppendString(value);
        return this;
    }

    public JsonWriter Number(int value)
    {
        Separator();
        _text.Append(value.ToString(CultureInfo.InvariantCulture));
        return this;
    }

    /// <summary>Writes JSON text made by another writer (a whole value) as the next value.</summary>
    public JsonWriter Raw(string json)
    {
        Separator();
        _text.Append(json);
        return this;
    }

    public JsonWriter Bool(bool value)
    {
        Separator();
        _text.Append(value ? "true" : "false");
        return this;
    }

    public JsonWriter Property(string name, string? value) => value is null ? this : Name(name).String(value);

    public JsonWriter Property(string name, int? value) => value is null ? this : Name(name).Number(value.Value);

    public JsonWriter Property(string name, bool? value) => value is null ? this : Name(name).Bool(value.Value);

    public JsonWriter StringArray(string name, IEnumerable<string>? values)
    {
        if (values is null)
        {
            return this;
        }

        Name(name).BeginArray();
        foreach (var v in values)
        {
            String(v);
        }

        return EndArray();
    }

    public override string ToString() => _text.ToString();

    private bool _pendingValue;

    private void Separator()
    {
        if (_pendingValue)
        {
            // A value right after a property name.
            _pendingValue = false;
            return;
        }

        if (_first.Count == 0)
        {
            return;
        }

        if (_first.Peek())
        {
            _first.Pop();
            _first.Push(false);
        }
        else
        {
            _text.Append(',');
        }
    }

    private void AppendString(string value)
    {
        _text.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"':
                    _text.Append("\\\"");
                    break;
                case '\\':
                    _text.Append("\\\\");
                    break;
                case '\n':
                    _text.Append("\\n");
                    break;
                case '\r':
                    _text.Append("\\r");
                    break;
                case '\t':
                    _text.Append("\\t");
                    break;
                case '\b':
                    _text.Append("\\b");
                    break;
                case '\f':
                    _text.Append("\\f");
                    break;
                default:
                    if (c < ' ' || c == '\u2028' || c == '\u2029' || c == '\u007f')
                    {
                        _text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        _text.Append(c);
                    }

                    break;
            }
        }

        _text.Append('"');
    }
}
