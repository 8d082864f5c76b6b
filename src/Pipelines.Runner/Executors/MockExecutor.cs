using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Pipelines.Argo.Model;

namespace Pipelines.Runner.Executors;

/// <summary>One mocked template: the outcome it reports instead of running.</summary>
public sealed class Mock
{
    /// <summary>The phase (Succeeded, Failed or Error).</summary>
    public NodePhase Phase { get; set; } = NodePhase.Succeeded;

    /// <summary>The message.</summary>
    public string? Message { get; set; }

    /// <summary>The exit code (default 0 for Succeeded, 1 otherwise).</summary>
    public int? ExitCode { get; set; }

    /// <summary><c>outputs.result</c> (stdout).</summary>
    public string? Result { get; set; }

    /// <summary>Output parameters.</summary>
    public Dictionary<string, string> Parameters { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Parses a <c>--mock</c> value (after <c>TEMPLATE=</c>): either a JSON object
    /// <c>{"phase":"Failed","message":"..","exitCode":2,"result":"..","parameters":{"p":"v"}}</c> or <c>key=value</c> pairs
    /// separated by <c>,</c> where the keys are <c>phase</c>, <c>message</c>, <c>exitCode</c>, <c>result</c> and
    /// <c>parameters.NAME</c>.
    /// </summary>
    /// <exception cref="FormatException">The text is neither form.</exception>
    public static Mock Parse(string text)
    {
        var mock = new Mock();
        text = text.Trim();
        if (text.StartsWith('{'))
        {
            JsonDocument doc;
            try
            {
                doc = JsonDocument.Parse(text);
            }
            catch (JsonException e)
            {
                throw new FormatException("the mock is not valid JSON: " + e.Message, e);
            }

            using (doc)
            {
                foreach (var p in doc.RootElement.EnumerateObject())
                {
                    var value = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText();
                    if (p.Name == "parameters" && p.Value.ValueKind == JsonValueKind.Object)
                    {
                        foreach (var q in p.Value.EnumerateObject())
                        {
                            mock.Parameters[q.Name] = q.Value.ValueKind == JsonValueKind.String ? q.Value.GetString()! : q.Value.GetRawText();
                        }

                        continue;
                    }

                    mock.Set(p.Name, value);
                }
            }

            return mock;
        }

        if (text.Length == 0)
        {
            return mock;
        }

        foreach (var part in text.Split(','))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new FormatException($"'{part}' is not key=value (keys: phase, message, exitCode, result, parameters.NAME)");
            }

            mock.Set(part[..eq].Trim(), part[(eq + 1)..]);
        }

        return mock;
    }

    private void Set(string key, string value)
    {
        switch (key)
        {
            case "phase":
                if (!Enum.TryParse<NodePhase>(value, ignoreCase: true, out var phase) || phase is not (NodePhase.Succeeded or NodePhase.Failed or NodePhase.Error))
                {
                    throw new FormatException($"phase '{value}' must be Succeeded, Failed or Error");
                }

                Phase = phase;
                break;
            case "message": Message = value; break;
            case "exitCode":
                ExitCode = int.TryParse(value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var code) ? code : throw new FormatException($"exitCode '{value}' is not an integer");
                break;
            case "result": Result = value; break;
            default:
                if (key.StartsWith("parameters.", StringComparison.Ordinal))
                {
                    Parameters[key["parameters.".Length..]] = value;
                    break;
                }

                throw new FormatException($"unknown mock key '{key}' (keys: phase, message, exitCode, result, parameters.NAME)");
        }
    }

    internal LeafResult ToResult()
    {
        var code = ExitCode ?? (Phase == NodePhase.Succeeded ? 0 : 1);
        var result = new LeafResult
        {
            Phase = Phase,
            ExitCode = code,
            Stdout = Result,
            Message = Message ?? (Phase == NodePhase.Succeeded ? string.Empty : Phase == NodePhase.Failed ? $"main: Error (exit code {code})" : "mocked error"),
        };
        foreach (var p in Parameters)
        {
            result.Parameters[p.Key] = p.Value;
        }

        return result;
    }
}

/// <summary>Replaces templates by name with given outcomes (<c>--mock TEMPLATE=...</c>); works for every template kind that makes a pod or HTTP node.</summary>
public sealed class MockExecutor : ILeafExecutor
{
    /// <summary>Mocks by template name.</summary>
    public Dictionary<string, Mock> Mocks { get; } = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public bool CanRun(Template template, RunNode node) => template?.Name is { } n && Mocks.ContainsKey(n);

    /// <inheritdoc/>
    public Task<LeafResult> RunAsync(LeafRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Task.FromResult(Mocks[request.Template.Name!].ToResult());
    }
}

/// <summary>Runs leaves with a delegate in-process (tests and benchmarks).</summary>
public sealed class DelegateExecutor(Func<LeafRequest, LeafResult> run, Func<Template, bool>? accepts = null) : ILeafExecutor
{
    /// <inheritdoc/>
    public bool CanRun(Template template, RunNode node) => accepts?.Invoke(template) ?? true;

    /// <inheritdoc/>
    public Task<LeafResult> RunAsync(LeafRequest request, CancellationToken cancellationToken) => Task.FromResult(run(request));
}
