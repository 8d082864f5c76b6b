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
    public static string Text(Located item)
    {
        var f = item.Finding;
        var sb = new StringBuilder(item.File);
        if (f.Line > 0)
        {
            sb.Append(':').Append(f.Line.ToString(CultureInfo.InvariantCulture))
              .Append(':').Append(f.Column.ToString(CultureInfo.InvariantCulture));
        }

        sb.Append(": ").Append(SeverityName(f.Severity)).Append(' ').Append(f.Code).Append(": ").Append(f.Message);
        if (f.Path.Length > 0)
        {
            sb.Append(" [").Append(f.Path).Append(']');
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
