using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Pipelines.Generator;

/// <summary>The kind of a <see cref="JsonNode"/>.</summary>
internal enum JsonKind
{
    Object,
    Array,
    String,
    Literal,
}

/// <summary>
/// A small mutable JSON tree for merging fragments into a manifest: objects keep their field order, numbers and
/// <c>true</c>/<c>false</c>/<c>null</c> keep their text (<see cref="JsonKind.Literal"/>). Built and used within one
/// emit; never stored in the incremental model.
/// </summary>
internal sealed class JsonNode
{
    private JsonNode(JsonKind kind, string? text)
    {
        Kind = kind;
        Text = text;
    }

    public JsonKind Kind { get; }

    /// <summary>The string value, or the literal's text; null for objects and arrays.</summary>
    public string? Text { get; }

    public List<KeyValuePair<string, JsonNode>> Fields { get; } = [];

    public List<JsonNode> Items { get; } = [];

    public static JsonNode Object() => new(JsonKind.Object, null);

    public static JsonNode Array() => new(JsonKind.Array, null);

    public static JsonNode String(string value) => new(JsonKind.String, value);

    public static JsonNode Literal(string text) => new(JsonKind.Literal, text);

    public static JsonNode Number(object value) => new(JsonKind.Literal, value is double d ? d.ToString("R", CultureInfo.InvariantCulture)
        : value is float f ? f.ToString("R", CultureInfo.InvariantCulture)
        : ((System.IFormattable)value).ToString(null, CultureInfo.InvariantCulture));

    public JsonNode? Get(string name)
    {
        foreach (var field in Fields)
        {
            if (field.Key == name)
            {
                return field.Value;
            }
        }

        return null;
    }

    public void Set(string name, JsonNode value)
    {
        for (var i = 0; i < Fields.Count; i++)
        {
            if (Fields[i].Key == name)
            {
                Fields[i] = new KeyValuePair<string, JsonNode>(name, value);
                return;
            }
        }

        Fields.Add(new KeyValuePair<string, JsonNode>(name, value));
    }

    /// <summary>The <c>name</c> field's string value, when this is an object that has one.</summary>
    public string? NameField => Kind == JsonKind.Object && Get("name") is { Kind: JsonKind.String } n ? n.Text : null;

    /// <summary>
    /// Merges <paramref name="patch"/> into <paramref name="target"/> and returns the result: objects field by field,
    /// lists whose items all have a name item by item by name (unmatched items appended), anything else replaced.
    /// </summary>
    public static JsonNode Merge(JsonNode? target, JsonNode patch)
    {
        if (target is null)
        {
            return patch;
        }

        if (target.Kind == JsonKind.Object && patch.Kind == JsonKind.Object)
        {
            foreach (var field in patch.Fields)
            {
                target.Set(field.Key, Merge(target.Get(field.Key), field.Value));
            }

            return target;
        }

        if (target.Kind == JsonKind.Array && patch.Kind == JsonKind.Array && AllNamed(target) && AllNamed(patch) && patch.Items.Count > 0)
        {
            foreach (var item in patch.Items)
            {
                var index = target.Items.FindIndex(t => t.NameField == item.NameField);
                if (index < 0)
                {
                    target.Items.Add(item);
                }
                else
                {
                    target.Items[index] = Merge(target.Items[index], item);
                }
            }

            return target;
        }

        return patch;
    }

    private static bool AllNamed(JsonNode array) => array.Items.TrueForAll(i => i.NameField is not null);

    public void WriteTo(JsonWriter json)
    {
        switch (Kind)
        {
            case JsonKind.Object:
                json.BeginObject();
                foreach (var field in Fields)
                {
                    json.Name(field.Key);
                    field.Value.WriteTo(json);
                }

                json.EndObject();
                break;
            case JsonKind.Array:
                json.BeginArray();
                foreach (var item in Items)
                {
                    item.WriteTo(json);
                }

                json.EndArray();
                break;
            case JsonKind.String:
                json.String(Text!);
                break;
            default:
                json.Raw(Text!);
                break;
        }
    }

    public override string ToString()
    {
        var json = new JsonWriter();
        WriteTo(json);
        return json.ToString();
    }

    /// <summary>Parses JSON text; null (with <paramref name="error"/>) when it is not one valid JSON value.</summary>
    public static JsonNode? Parse(string text, out string? error)
    {
        var parser = new Parser(text);
        var node = parser.Value(0);
        parser.SkipSpace();
        if (node is not null && parser.Position != text.Length)
        {
            parser.Fail("unexpected text after the value");
            node = null;
        }

        error = node is null ? parser.Error : null;
        return node;
    }

    private sealed class Parser(string text)
    {
        public int Position { get; private set; }

        public string? Error { get; private set; }

        public void Fail(string message) =>
            Error ??= message + " at offset " + Position.ToString(CultureInfo.InvariantCulture);

        public void SkipSpace()
        {
            while (Position < text.Length && text[Position] is ' ' or '\t' or '\n' or '\r')
            {
                Position++;
            }
        }

        public JsonNode? Value(int depth)
        {
            SkipSpace();
            if (depth > 200)
            {
                Fail("nesting too deep");
                return null;
            }

            if (Position >= text.Length)
            {
                Fail("unexpected end");
                return null;
            }

            var c = text[Position];
            switch (c)
            {
                case '{':
                    return ObjectValue(depth);
                case '[':
                    return ArrayValue(depth);
                case '"':
                    return StringValue() is { } s ? JsonNode.String(s) : null;
                default:
                    return LiteralValue();
            }
        }

        private JsonNode? ObjectValue(int depth)
        {
            var node = JsonNode.Object();
            Position++;
            SkipSpace();
            if (Position < text.Length && text[Position] == '}')
            {
                Position++;
                return node;
            }

            while (true)
            {
                SkipSpace();
                if (Position >= text.Length || text[Position] != '"')
                {
                    Fail("expected a field name");
                    return null;
                }

                var name = StringValue();
                SkipSpace();
                if (name is null || Position >= text.Length || text[Position] != ':')
                {
                    Fail("expected ':'");
                    return null;
                }

                Position++;
                var value = Value(depth + 1);
                if (value is null)
                {
                    return null;
                }

                node.Set(name, value);
                SkipSpace();
                if (Position < text.Length && text[Position] == ',')
                {
                    Position++;
                    continue;
                }

                if (Position < text.Length && text[Position] == '}')
                {
                    Position++;
                    return node;
                }

                Fail("expected ',' or '}'");
                return null;
            }
        }

        private JsonNode? ArrayValue(int depth)
        {
            var node = JsonNode.Array();
            Position++;
            SkipSpace();
            if (Position < text.Length && text[Position] == ']')
            {
                Position++;
                return node;
            }

            while (true)
            {
                var value = Value(depth + 1);
                if (value is null)
                {
                    return null;
                }

                node.Items.Add(value);
                SkipSpace();
                if (Position < text.Length && text[Position] == ',')
                {
                    Position++;
                    continue;
                }

                if (Position < text.Length && text[Position] == ']')
                {
                    Position++;
                    return node;
                }

                Fail("expected ',' or ']'");
                return null;
            }
        }

        private string? StringValue()
        {
            var result = new StringBuilder();
            Position++;
            while (Position < text.Length)
            {
                var c = text[Position++];
                if (c == '"')
                {
                    return result.ToString();
                }

                if (c < ' ')
                {
                    Fail("control character in a string");
                    return null;
                }

                if (c != '\\')
                {
                    result.Append(c);
                    continue;
                }

                if (Position >= text.Length)
                {
                    break;
                }

                var e = text[Position++];
                switch (e)
                {
                    case '"': result.Append('"'); break;
                    case '\\': result.Append('\\'); break;
                    case '/': result.Append('/'); break;
                    case 'b': result.Append('\b'); break;
                    case 'f': result.Append('\f'); break;
                    case 'n': result.Append('\n'); break;
                    case 'r': result.Append('\r'); break;
                    case 't': result.Append('\t'); break;
                    case 'u' when Position + 4 <= text.Length
                        && int.TryParse(text.Substring(Position, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code):
                        result.Append((char)code);
                        Position += 4;
                        break;
                    default:
                        Fail("bad escape");
                        return null;
                }
            }

            Fail("unterminated string");
            return null;
        }

        private JsonNode? LiteralValue()
        {
            var start = Position;
            while (Position < text.Length && (char.IsLetterOrDigit(text[Position]) || text[Position] is '-' or '+' or '.'))
            {
                Position++;
            }

            var literal = text.Substring(start, Position - start);
            if (literal is "true" or "false" or "null"
                || (literal.Length > 0 && double.TryParse(literal, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out _)
                    && (char.IsDigit(literal[0]) || literal[0] == '-')))
            {
                return JsonNode.Literal(literal);
            }

            Position = start;
            Fail("unexpected character");
            return null;
        }
    }
}
