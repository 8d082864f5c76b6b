using System.Globalization;
using System.Text;

namespace Pipelines.Argo;

/// <summary>
/// Text for one diagnostic line (lint output, build errors, analyzer messages). A name, key or file name can hold
/// control characters (a line feed, an ANSI escape sequence); written raw they would split the line or recolour the
/// terminal, so they are written as escapes such as <c>\n</c> and <c>\u001B</c>. Compiled into the analyzers too
/// (linked file).
/// </summary>
public static class DiagnosticText
{
    /// <summary>Returns <paramref name="text"/> with control characters escaped (the same text when there are none).</summary>
    /// <param name="text">Any text; null gives the empty string.</param>
    /// <returns>The text, safe for one line.</returns>
    public static string Escape(string? text)
    {
        if (text is null)
        {
            return string.Empty;
        }

        StringBuilder? sb = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var escape = c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when c < ' ' || c is >= '\u007f' and <= '\u009f' || c is '\u2028' or '\u2029' => "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture),
                _ => null,
            };
            if (escape is null)
            {
                sb?.Append(c);
                continue;
            }

            sb ??= new StringBuilder(text, 0, i, text.Length + 16);
            sb.Append(escape);
        }

        return sb?.ToString() ?? text;
    }
}
