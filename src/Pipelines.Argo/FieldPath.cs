using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Pipelines.Argo;

/// <summary>
/// A path to a field inside a document, built as a chain so that reading and validating allocate little:
/// <c>spec.templates[0].container.image</c>.
/// </summary>
public sealed class FieldPath
{
    private readonly FieldPath? _parent;
    private readonly string? _name;
    private readonly int _index;

    private FieldPath(FieldPath? parent, string? name, int index)
    {
        _parent = parent;
        _name = name;
        _index = index;
    }

    /// <summary>The document root (an empty path).</summary>
    public static FieldPath Root { get; } = new(null, null, -1);

    /// <summary>True for the document root.</summary>
    public bool IsRoot => _parent is null;

    /// <summary>The field name of the last segment, or null when it is an index.</summary>
    public string? Name => _name;

    /// <summary>The list index of the last segment, or -1 when it is a field name.</summary>
    public int Index => _name is null ? _index : -1;

    /// <summary>The parent path, or null at the root.</summary>
    public FieldPath? Parent => _parent;

    /// <summary>The path of a field below this one.</summary>
    public FieldPath Field(string name) => new(this, name, -1);

    /// <summary>The path of a list item below this one.</summary>
    public FieldPath Item(int index) => new(this, null, index);

    /// <summary>Parses a path such as <c>spec.templates[0].name</c>.</summary>
    public static FieldPath Parse(string path)
    {
        var result = Root;
        var i = 0;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                i++;
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i);
                if (end < 0)
                {
                    break;
                }

                result = int.TryParse(path.Substring(i + 1, end - i - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                    ? result.Item(n)
                    : result.Field(path.Substring(i + 1, end - i - 1));
                i = end + 1;
            }
            else
            {
                var end = i;
                while (end < path.Length && path[end] != '.' && path[end] != '[')
                {
                    end++;
                }

                result = result.Field(path.Substring(i, end - i));
                i = end;
            }
        }

        return result;
    }

    /// <summary>The segments from the root: strings for fields, ints for indexes.</summary>
    public IReadOnlyList<object> Segments()
    {
        var list = new List<object>();
        for (var p = this; p is { IsRoot: false }; p = p._parent)
        {
            list.Add(p._name ?? (object)p._index);
        }

        list.Reverse();
        return list;
    }

    /// <inheritdoc />
    public override string ToString()
    {
        if (IsRoot)
        {
            return string.Empty;
        }

        var sb = new StringBuilder();
        Append(sb);
        return sb.ToString();
    }

    private void Append(StringBuilder sb)
    {
        if (_parent is { IsRoot: false })
        {
            _parent.Append(sb);
        }

        if (_name is null)
        {
            sb.Append('[').Append(_index.ToString(CultureInfo.InvariantCulture)).Append(']');
        }
        else
        {
            if (sb.Length > 0)
            {
                sb.Append('.');
            }

            if (_name.IndexOf('.') >= 0 || _name.IndexOf('[') >= 0)
            {
                sb.Append('[').Append(_name).Append(']');
            }
            else
            {
                sb.Append(_name);
            }
        }
    }
}
