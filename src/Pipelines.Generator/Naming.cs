using System.Text;

namespace Pipelines.Generator;

/// <summary>Maps C# names to Argo names.</summary>
internal static class Naming
{
    /// <summary>
    /// PascalCase to kebab-case: a dash before an upper-case letter that follows a lower-case letter or digit, or that
    /// starts a word after an acronym (<c>HelloWorld</c> to <c>hello-world</c>, <c>GetHTTPData</c> to <c>get-http-data</c>);
    /// underscores become dashes.
    /// </summary>
    public static string ToKebabCase(string name)
    {
        var text = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (c == '_')
            {
                if (text.Length > 0 && text[text.Length - 1] != '-')
                {
                    text.Append('-');
                }

                continue;
            }

            if (char.IsUpper(c))
            {
                var previous = i > 0 ? name[i - 1] : '\0';
                var next = i + 1 < name.Length ? name[i + 1] : '\0';
                var startsWord = i > 0 && (char.IsLower(previous) || char.IsDigit(previous) || (char.IsUpper(previous) && char.IsLower(next)));
                if (startsWord && text.Length > 0 && text[text.Length - 1] != '-')
                {
                    text.Append('-');
                }

                text.Append(char.ToLowerInvariant(c));
            }
            else
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }
}
