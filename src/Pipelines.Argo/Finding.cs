using System;
using System.Text;

namespace Pipelines.Argo;

/// <summary>How serious a finding is.</summary>
public enum Severity
{
    /// <summary>Argo would reject the manifest, or it cannot be read.</summary>
    Error,

    /// <summary>Argo accepts the manifest but it is likely to fail or surprise at run time.</summary>
    Warning,
}

/// <summary>
/// One problem found in a manifest: a stable code (<c>PIPE</c> and four digits), a severity, a message, the field path
/// inside the document (<c>spec.templates[0].name</c>) and, when known, the 1-based line and column.
/// Findings are values: reading and validating never throw for bad input.
/// </summary>
public sealed record Finding
{
    /// <summary>Creates a finding.</summary>
    public Finding(string code, Severity severity, string message, string path, int line = 0, int column = 0)
    {
        Code = code ?? throw new ArgumentNullException(nameof(code));
        Severity = severity;
        Message = message ?? throw new ArgumentNullException(nameof(message));
        Path = path ?? string.Empty;
        Line = line;
        Column = column;
    }

    /// <summary>The stable code, for example <c>PIPE1601</c>.</summary>
    public string Code { get; init; }

    /// <summary>Error or warning.</summary>
    public Severity Severity { get; init; }

    /// <summary>What is wrong, and where possible what to do about it.</summary>
    public string Message { get; init; }

    /// <summary>The field path inside the document, such as <c>spec.templates[1].dag.tasks[0].dependencies</c>; empty for the whole document.</summary>
    public string Path { get; init; }

    /// <summary>1-based line, or 0 when unknown.</summary>
    public int Line { get; init; }

    /// <summary>1-based column, or 0 when unknown.</summary>
    public int Column { get; init; }

    /// <inheritdoc />
    public override string ToString()
    {
        var sb = new StringBuilder();
        if (Line > 0)
        {
            sb.Append(Line).Append(':').Append(Column).Append(": ");
        }

        sb.Append(Severity == Severity.Error ? "error " : "warning ").Append(Code).Append(": ").Append(Message);
        if (Path.Length > 0)
        {
            sb.Append(" [").Append(Path).Append(']');
        }

        return sb.ToString();
    }
}
