using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Pipelines.Argo;

namespace Pipelines.Cli;

/// <summary>A finding with the file and document it belongs to.</summary>
internal sealed record Located(string File, Finding Finding, ManifestDocument? Document)
{
    /// <summary>The findings of one file: file-level first, then by document, each group by position (stable).</summary>
    public static IEnumerable<Located> Of(ManifestFile file, string displayPath, bool strict)
    {
        var fileLevel = file.Findings.Select(f => new Located(displayPath, Promote(f, strict), null));
        var perDocument = file.Documents.SelectMany(d => d.Findings
            .OrderBy(f => f.Line)
            .ThenBy(f => f.Column)
            .Select(f => new Located(displayPath, Promote(f, strict), d)));
        return fileLevel.Concat(perDocument);
    }

    private static Finding Promote(Finding f, bool strict) =>
        strict && f.Severity == Severity.Warning ? f with { Severity = Severity.Error } : f;
}

/// <summary>Writes findings as text lines or as a JSON array.</summary>
internal static class Reporter
{
    /// <summary>Most findings listed per file; the rest are counted in one line (as compilers do).</summary>
    public const int MaxPerFile = 200;

    /// <summary>
    /// Text safe for one diagnostic line: control characters (a line feed or an escape sequence in a file name or a
    /// key, say) are written as escapes such as <c>\n</c> and <c>\u001B</c>.
    /// </summary>
    public static string Escape(string text) => DiagnosticText.Escape(text);

    /// <summary>The findings to list: at most <see cref="MaxPerFile"/> per file, then one line counting the rest.</summary>
    public static IEnumerable<Located> Capped(IEnumerable<Located> items)
    {
        string? file = null;
        var shown = 0;
        var hiddenErrors = 0;
        var hiddenWarnings = 0;
        Located? last = null;
        foreach (var item in items)
        {
            if (!string.Equals(item.File, file, StringComparison.Ordinal))
            {
                if (last is not null && hiddenErrors + hiddenWarnings > 0)
                {
                    yield return More(last, hiddenErrors, hiddenWarnings);
                }

                file = item.File;
                shown = hiddenErrors = hiddenWarnings = 0;
            }

            last = item;
            if (shown < MaxPerFile)
            {
                shown++;
                yield return item;
            }
            else if (item.Finding.Severity == Severity.Error)
            {
                hiddenErrors++;
            }
            else
            {
                hiddenWarnings++;
            }
        }

        if (last is not null && hiddenErrors + hiddenWarnings > 0)
        {
            yield return More(last, hiddenErrors, hiddenWarnings);
        }
    }

    private static Located More(Located last, int errors, int warnings) => new(
        last.File,
        new Finding(
            FindingCodes.MoreFindings.Code,
            errors > 0 ? Severity.Error : Severity.Warning,
            $"... and {Count(errors, "more error")}, {Count(warnings, "more warning")} in this file, not listed (at most {MaxPerFile} per file); fix the ones above first",
            string.Empty),
        null);

    public static string Text(Located item)
    {
        var f = item.Finding;
        var sb = new StringBuilder(Escape(item.File));
        if (f.Line > 0)
        {
            sb.Append(':').Append(f.Line.ToString(CultureInfo.InvariantCulture))
              .Append(':').Append(f.Column.ToString(CultureInfo.InvariantCulture));
        }

        sb.Append(": ").Append(SeverityName(f.Severity)).Append(' ').Append(f.Code).Append(": ").Append(Escape(f.Message));
        if (f.Path.Length > 0)
        {
            sb.Append(" [").Append(Escape(f.Path)).Append(']');
        }

        return sb.ToString();
    }

    public static void WriteText(CliContext context, IEnumerable<Located> items)
    {
        foreach (var item in items)
        {
            context.Out(Text(item));
        }
    }

    public static void WriteJson(CliContext context, IEnumerable<Located> items)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions
        {
            Indented = true,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            NewLine = "\n",
        }))
        {
            json.WriteStartArray();
            foreach (var item in items)
            {
                var f = item.Finding;
                json.WriteStartObject();
                json.WriteString("file", item.File);
                WriteNumberOrNull(json, "line", f.Line);
                WriteNumberOrNull(json, "column", f.Column);
                json.WriteString("severity", SeverityName(f.Severity));
                json.WriteString("code", f.Code);
                json.WriteString("message", f.Message);
                json.WriteString("path", f.Path);
                if (item.Document is { } d)
                {
                    json.WriteNumber("document", d.Index);
                    WriteStringOrNull(json, "kind", d.Kind);
                    WriteStringOrNull(json, "name", d.Name);
                }
                else
                {
                    json.WriteNull("document");
                    json.WriteNull("kind");
                    json.WriteNull("name");
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        context.Out(Encoding.UTF8.GetString(buffer.ToArray()));
    }

    public static string SeverityName(Severity severity) => severity == Severity.Error ? "error" : "warning";

    /// <summary>"1 error", "2 warnings".</summary>
    public static string Count(int n, string singular) =>
        n.ToString(CultureInfo.InvariantCulture) + " " + (n == 1 ? singular : singular + "s");

    private static void WriteNumberOrNull(Utf8JsonWriter json, string name, int value)
    {
        if (value > 0)
        {
            json.WriteNumber(name, value);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void WriteStringOrNull(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }
}
