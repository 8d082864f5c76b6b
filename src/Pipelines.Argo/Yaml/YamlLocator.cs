namespace Pipelines.Argo.Yaml;

/// <summary>Finds where a field path points in a document, for findings that only know the path.</summary>
public static class YamlLocator
{
    /// <summary>
    /// The node at <paramref name="path"/>, or the deepest existing node on the way there (a missing field is reported
    /// where its parent is). For a field, the position is the key's, which is where editors put the cursor.
    /// </summary>
    public static (int Line, int Column) Locate(YamlValue root, FieldPath path)
    {
        var node = root;
        var line = root.Line;
        var column = root.Column;
        foreach (var segment in path.Segments())
        {
            YamlValue? next = null;
            if (segment is int index && node is YamlSequence seq && index >= 0 && index < seq.Items.Count)
            {
                next = seq.Items[index];
                line = next.Line;
                column = next.Column;
            }
            else if (segment is string name && node is YamlMapping map)
            {
                foreach (var entry in map.Entries)
                {
                    if (entry.Key.Value == name)
                    {
                        next = entry.Value;
                        line = entry.Key.Line;
                        column = entry.Key.Column;
                        break;
                    }
                }
            }

            if (next is null)
            {
                break;
            }

            node = next;
        }

        return (line, column);
    }

    /// <summary>The node at <paramref name="path"/> (for example <c>spec.templates[0].name</c>), or null when there is none.</summary>
    public static YamlValue? Find(YamlValue root, FieldPath path)
    {
        YamlValue? node = root;
        foreach (var segment in path.Segments())
        {
            node = segment switch
            {
                int index when node is YamlSequence seq && index >= 0 && index < seq.Items.Count => seq.Items[index],
                string name when node is YamlMapping map => map.Get(name),
                _ => null,
            };
            if (node is null)
            {
                return null;
            }
        }

        return node;
    }
}
