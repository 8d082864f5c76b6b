using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Pipelines.Argo.Events;
using Pipelines.Runner.Expressions;

namespace Pipelines.Cli.Events;

/// <summary>A CloudEvent as a Sensor sees it: the context and the JSON data (guide section 0).</summary>
internal sealed class SimEvent
{
    public string Id { get; init; } = string.Empty;

    public string Source { get; init; } = string.Empty;

    public string SpecVersion { get; init; } = "1.0";

    public string Type { get; init; } = string.Empty;

    public string DataContentType { get; init; } = "application/json";

    public string Subject { get; init; } = string.Empty;

    public DateTimeOffset Time { get; init; }

    /// <summary>The data as JSON text (what the EventSource published).</summary>
    public string DataJson { get; init; } = "null";

    public JsonElement Data => JsonDocument.Parse(DataJson).RootElement.Clone();

    /// <summary>The context as Go's encoding/json writes Argo Events' EventContext.</summary>
    public string ContextJson()
    {
        var o = new JsonObject
        {
            ["id"] = Id,
            ["source"] = Source,
            ["specversion"] = SpecVersion,
            ["type"] = Type,
            ["datacontenttype"] = DataContentType,
            ["subject"] = Subject,
            ["time"] = Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        };
        return o.ToJsonString(JsonSupport.Relaxed);
    }

    /// <summary>The whole event as Go marshals Argo Events' Event: the context, and data as base64 bytes.</summary>
    public string EventJson() =>
        "{\"context\":" + ContextJson() + ",\"data\":" + JsonSerializer.Serialize(Convert.ToBase64String(Encoding.UTF8.GetBytes(DataJson)), JsonSupport.Relaxed) + "}";
}

/// <summary>The outcome of a dependency's filters.</summary>
internal sealed record FilterOutcome(bool Passed, string Reason);

/// <summary>A parameter could not be resolved: the trigger fails (and, after retries, its dlqTrigger runs).</summary>
internal sealed class TriggerFailedException(string message) : Exception(message);

/// <summary>
/// What a Sensor does with one event, following Argo Events v1.9.11: the dependency's filters
/// (<c>pkg/sensors/dependencies/filter.go</c>) and the trigger parameters (<c>pkg/sensors/triggers/params.go</c>).
/// </summary>
internal static class SensorSimulator
{
    /// <summary>Applies the filters of <paramref name="dep"/> to <paramref name="ev"/>.</summary>
    /// <exception cref="NotSupportedException">A filter this tool cannot evaluate (Lua script, transform).</exception>
    public static FilterOutcome Filter(EventDependency dep, SimEvent ev)
    {
        if (dep.Transform is not null)
        {
            throw new NotSupportedException($"dependency '{dep.Name}' has a transform (jq or Lua), which `pipelines events send` does not run; send the transformed event instead");
        }

        var filter = dep.Filters;
        if (filter is null)
        {
            return new FilterOutcome(true, "no filters");
        }

        if (!string.IsNullOrEmpty(filter.Script))
        {
            throw new NotSupportedException($"dependency '{dep.Name}' has a Lua script filter, which `pipelines events send` does not run");
        }

        var or = dep.FiltersLogicalOperator == "or";
        var (exprOk, exprWhy) = Exprs(filter.Exprs, filter.ExprLogicalOperator == "or", ev);
        var (dataOk, dataWhy) = Data(filter.Data, filter.DataLogicalOperator == "or", ev);
        var (ctxOk, ctxWhy) = Context(filter.Context, ev);
        var (timeOk, timeWhy) = Time(filter.Time, ev);
        var groups = new List<(bool Set, bool Ok, string Why)>
        {
            (filter.Exprs is not null, exprOk, exprWhy),
            (filter.Data is not null, dataOk, dataWhy),
            (filter.Context is not null, ctxOk, ctxWhy),
            (filter.Time is not null, timeOk, timeWhy),
        };
        if (or)
        {
            var pass = groups.Any(g => g.Set && g.Ok);
            return new FilterOutcome(pass, pass ? "passed (filtersLogicalOperator: or)" : "no filter group passed (filtersLogicalOperator: or): " + string.Join("; ", groups.Where(g => g.Set).Select(g => g.Why)));
        }

        var failed = groups.FirstOrDefault(g => !g.Ok);
        return failed == default ? new FilterOutcome(true, "passed") : new FilterOutcome(false, failed.Why);
    }

    private static (bool Ok, string Why) Exprs(List<ExprFilter>? filters, bool or, SimEvent ev)
    {
        if (filters is null)
        {
            return (true, string.Empty);
        }

        var errors = new List<string>();
        for (var i = 0; i < filters.Count; i++)
        {
            var f = filters[i];
            var env = new Dictionary<string, object?>(StringComparer.Ordinal);
            string? missing = null;
            foreach (var field in f.Fields ?? [])
            {
                var found = GJsonPath.Get(ev.Data, field.Path ?? string.Empty);
                if (found is null)
                {
                    missing = field.Path;
                    break;
                }

                env[field.Name ?? string.Empty] = GJsonPath.Value(found.Value);
            }

            var label = $"exprs[{i}] '{f.Expr}'";
            if (missing is not null)
            {
                var message = $"{label}: path '{missing}' does not exist in the event data";
                if (!or)
                {
                    return (false, message);
                }

                errors.Add(message);
                continue;
            }

            if (env.Count == 0)
            {
                continue;
            }

            object? result;
            try
            {
                result = Expr.Evaluate(Substitute(f.Expr ?? string.Empty, env), env, ExprDialect.Govaluate);
            }
            catch (ExprException e)
            {
                var message = $"{label}: {e.Message}";
                if (!or)
                {
                    return (false, message);
                }

                errors.Add(message);
                continue;
            }

            var values = string.Join(", ", env.Select(p => p.Key + "=" + Expr.ToGoText(p.Value)));
            if (result is true)
            {
                if (or)
                {
                    return (true, string.Empty);
                }
            }
            else if (!or)
            {
                return (false, $"{label} is false ({values})");
            }
            else
            {
                errors.Add($"{label} is false ({values})");
            }
        }

        return or ? (false, string.Join("; ", errors.DefaultIfEmpty("no expr filter matched"))) : (true, string.Empty);
    }

    /// <summary>
    /// Puts the field values into a govaluate expression as literals (the runner's govaluate reads bare words as
    /// strings, as Argo Workflows' <c>when</c> needs; Argo Events passes them as parameters instead).
    /// </summary>
    private static string Substitute(string expr, Dictionary<string, object?> env)
    {
        var sb = new StringBuilder();
        var i = 0;
        while (i < expr.Length)
        {
            var c = expr[i];
            if (c is '\'' or '"')
            {
                var end = i + 1;
                while (end < expr.Length && expr[end] != c)
                {
                    end += expr[end] == '\\' ? 2 : 1;
                }

                end = Math.Min(end, expr.Length - 1);
                sb.Append(expr, i, end - i + 1);
                i = end + 1;
            }
            else if (char.IsLetter(c) || c == '_')
            {
                var start = i;
                while (i < expr.Length && (char.IsLetterOrDigit(expr[i]) || expr[i] == '_'))
                {
                    i++;
                }

                var word = expr[start..i];
                sb.Append(env.TryGetValue(word, out var value) ? Literal(word, value) : word);
            }
            else if (c == '[' && expr.IndexOf(']', i) is var close && close > i && env.TryGetValue(expr[(i + 1)..close], out var bracketed))
            {
                sb.Append(Literal(expr[(i + 1)..close], bracketed));
                i = close + 1;
            }
            else
            {
                sb.Append(c);
                i++;
            }
        }

        return sb.ToString();
    }

    private static string Literal(string name, object? value) => value switch
    {
        double d => Expr.FormatNumber(d),
        bool b => b ? "true" : "false",
        string s => "'" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'",
        _ => throw new NotSupportedException($"expr field '{name}' is {(value is null ? "null" : "a list or an object")}; `pipelines events send` compares only strings, numbers and booleans in expr filters"),
    };

    private static (bool Ok, string Why) Data(List<DataFilter>? filters, bool or, SimEvent ev)
    {
        if (filters is null || filters.Count == 0)
        {
            return (true, string.Empty);
        }

        var errors = new List<string>();
        for (var i = 0; i < filters.Count; i++)
        {
            var f = filters[i];
            var label = $"data[{i}] ({f.Path} {f.Type} {(string.IsNullOrEmpty(f.Comparator) ? "=" : f.Comparator)} {string.Join(" | ", f.Value ?? [])})";
            var (ok, why) = OneData(f, ev);
            if (ok)
            {
                if (or)
                {
                    return (true, string.Empty);
                }

                continue;
            }

            if (!or)
            {
                return (false, $"{label}: {why}");
            }

            errors.Add($"{label}: {why}");
        }

        return or ? (false, string.Join("; ", errors)) : (true, string.Empty);
    }

    private static (bool Ok, string Why) OneData(DataFilter f, SimEvent ev)
    {
        var found = GJsonPath.Get(ev.Data, f.Path ?? string.Empty);
        if (found is null)
        {
            return (false, $"path '{f.Path}' does not exist in the event data");
        }

        var values = f.Value ?? [];
        if (values.Count == 0)
        {
            return (false, "no values specified");
        }

        var result = found.Value;
        if (!string.IsNullOrEmpty(f.Template))
        {
            string output;
            try
            {
                output = GoTemplate.Render(f.Template!, new Dictionary<string, object?>(StringComparer.Ordinal) { ["Input"] = GJsonPath.String(result) });
            }
            catch (GoTemplateException e)
            {
                return (false, e.Message);
            }

            if (output.Length == 0 || output == "<no value>")
            {
                return (false, $"template '{f.Template}' evaluated to empty string or no value");
            }

            result = JsonDocument.Parse(JsonSerializer.Serialize(output, JsonSupport.Relaxed)).RootElement.Clone();
        }

        var text = GJsonPath.String(result);
        switch (f.Type)
        {
            case "bool":
                foreach (var v in values)
                {
                    if (!Pipelines.Argo.Events.Validation.GoValues.TryParseBool(v, out var b))
                    {
                        return (false, $"strconv.ParseBool: parsing \"{v}\": invalid syntax");
                    }

                    if (b == GJsonPath.Bool(result))
                    {
                        return (true, string.Empty);
                    }
                }

                return (false, $"the event has {text}");
            case "number":
                foreach (var v in values)
                {
                    if (!Pipelines.Argo.Events.Validation.GoValues.TryParseFloat(v, out var wanted))
                    {
                        return (false, $"strconv.ParseFloat: parsing \"{v}\": invalid syntax");
                    }

                    var actual = GJsonPath.Float(result);
                    var match = f.Comparator switch
                    {
                        ">=" => actual >= wanted,
                        ">" => actual > wanted,
                        "<" => actual < wanted,
                        "<=" => actual <= wanted,
                        "!=" => actual != wanted,
                        "=" or "" or null => actual == wanted,
                        _ => false,
                    };
                    if (match)
                    {
                        return (true, string.Empty);
                    }
                }

                return (false, $"the event has {text}");
            case "string":
                foreach (var v in values)
                {
                    if (!Pipelines.Argo.Events.Validation.GoValues.TryRegex(v, out var error))
                    {
                        return (false, "error parsing regexp: " + error);
                    }

                    var matched = Regex.IsMatch(text, v, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(2));
                    if ((f.Comparator is "=" or "" or null && matched) || (f.Comparator == "!=" && !matched))
                    {
                        return (true, string.Empty);
                    }
                }

                return (false, $"the event has \"{text}\" (string values are unanchored Go regular expressions)");
            default:
                return (false, $"unsupported JSON type '{f.Type}'");
        }
    }

    private static (bool Ok, string Why) Context(EventContext? expected, SimEvent ev)
    {
        if (expected is null)
        {
            return (true, string.Empty);
        }

        var mismatches = new List<string>();
        void Check(string name, string? want, string actual)
        {
            if (!string.IsNullOrEmpty(want) && want != actual)
            {
                mismatches.Add($"{name} is \"{actual}\", not \"{want}\"");
            }
        }

        Check("type", expected.Type, ev.Type);
        Check("subject", expected.Subject, ev.Subject);
        Check("source", expected.Source, ev.Source);
        Check("datacontenttype", expected.Datacontenttype, ev.DataContentType);
        return mismatches.Count == 0 ? (true, string.Empty) : (false, "context filter: " + string.Join(", ", mismatches));
    }

    private static (bool Ok, string Why) Time(TimeFilter? filter, SimEvent ev)
    {
        if (filter is null)
        {
            return (true, string.Empty);
        }

        var zone = TimeZoneInfo.Utc;
        if (!string.IsNullOrEmpty(filter.Timezone))
        {
            try
            {
                zone = TimeZoneInfo.FindSystemTimeZoneById(filter.Timezone!);
            }
            catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
            {
                return (false, $"time filter: invalid timezone '{filter.Timezone}'");
            }
        }

        var start = Pipelines.Argo.Events.Validation.SensorRules.ParseTimeOfDay(filter.Start);
        var stop = Pipelines.Argo.Events.Validation.SensorRules.ParseTimeOfDay(filter.Stop);
        if (start is null || stop is null)
        {
            return (false, $"time filter: cannot parse start '{filter.Start}' or stop '{filter.Stop}' as HH:MM:SS");
        }

        var local = TimeZoneInfo.ConvertTime(ev.Time, zone);
        var seconds = (local.Hour * 3600) + (local.Minute * 60) + local.Second + (local.Millisecond / 1000.0);
        var inside = start < stop ? seconds >= start && seconds < stop : seconds >= start || seconds < stop;
        return inside
            ? (true, string.Empty)
            : (false, $"time filter: the event time {local.ToString("HH:mm:ss", CultureInfo.InvariantCulture)} ({(string.IsNullOrEmpty(filter.Timezone) ? "UTC" : filter.Timezone)}) is outside [{filter.Start}, {filter.Stop})");
    }

    /// <summary>Whether a trigger's conditions hold when only <paramref name="present"/> dependencies have events.</summary>
    public static bool ConditionsHold(TriggerTemplate template, IReadOnlyCollection<string> allDependencies, ISet<string> present)
    {
        if (string.IsNullOrEmpty(template.Conditions))
        {
            return allDependencies.All(present.Contains);
        }

        var tokens = Regex.Matches(template.Conditions!, @"&&|\|\||[()!]|[A-Za-z0-9_.\-]+").Select(m => m.Value).ToList();
        var pos = 0;
        bool Or()
        {
            var v = And();
            while (pos < tokens.Count && tokens[pos] == "||")
            {
                pos++;
                v = And() | v;
            }

            return v;
        }

        bool And()
        {
            var v = Not();
            while (pos < tokens.Count && tokens[pos] == "&&")
            {
                pos++;
                v = Not() & v;
            }

            return v;
        }

        bool Not()
        {
            if (pos < tokens.Count && tokens[pos] == "!")
            {
                pos++;
                return !Not();
            }

            if (pos < tokens.Count && tokens[pos] == "(")
            {
                pos++;
                var v = Or();
                pos++;
                return v;
            }

            return pos < tokens.Count && present.Contains(tokens[pos++]);
        }

        return Or();
    }

    /// <summary>Resolves one parameter source (params.go ResolveParamValue): the value and its gjson type name.</summary>
    public static (string? Value, string Type) Resolve(TriggerParameterSource src, IReadOnlyDictionary<string, SimEvent> events)
    {
        if (!events.TryGetValue(src.DependencyName ?? string.Empty, out var ev))
        {
            return src.Value is { } v ? (v, "String") : (null, "String");
        }

        if (string.IsNullOrEmpty(src.ContextKey) && string.IsNullOrEmpty(src.DataKey) && string.IsNullOrEmpty(src.DataTemplate) && string.IsNullOrEmpty(src.ContextTemplate))
        {
            return (src.Value ?? ev.EventJson(), "String");
        }

        string key = string.Empty, template = string.Empty, payload = string.Empty;
        if (!string.IsNullOrEmpty(src.ContextKey) || !string.IsNullOrEmpty(src.ContextTemplate))
        {
            key = src.ContextKey ?? string.Empty;
            template = src.ContextTemplate ?? string.Empty;
            payload = ev.ContextJson();
        }

        if (!string.IsNullOrEmpty(src.DataKey) || !string.IsNullOrEmpty(src.DataTemplate))
        {
            key = src.DataKey ?? string.Empty;
            template = src.DataTemplate ?? string.Empty;
            payload = ev.DataJson;
        }

        var root = JsonDocument.Parse(payload).RootElement.Clone();
        var why = string.Empty;
        if (template.Length > 0)
        {
            try
            {
                var output = GoTemplate.Render(template, new Dictionary<string, object?>(StringComparer.Ordinal) { ["Input"] = GJsonPath.Value(root) });
                if (output.Length > 0 && output != "<no value>")
                {
                    return (output, "String");
                }

                why = $"template evaluated to empty string or no value: {template}";
            }
            catch (GoTemplateException e)
            {
                why = e.Message;
            }
        }

        if (key.Length > 0)
        {
            if (GJsonPath.Get(root, key) is { } found)
            {
                return found.ValueKind switch
                {
                    JsonValueKind.Object or JsonValueKind.Array => (found.GetRawText(), "JSON"),
                    JsonValueKind.Null => ("null", "Null"),
                    JsonValueKind.String => (found.GetString()!, "String"),
                    JsonValueKind.Number => (found.GetRawText(), "Number"),
                    JsonValueKind.True => ("true", "True"),
                    _ => ("false", "False"),
                };
            }

            why = $"key {key} does not exist to in the event payload";
        }

        if (src.Value is { } fallback)
        {
            return (fallback, "String");
        }

        throw new TriggerFailedException($"unable to resolve '{src.DependencyName}' parameter value. err: {why}");
    }

    /// <summary>Applies parameters to a JSON object (params.go ApplyParams).</summary>
    public static JsonNode? ApplyParams(JsonNode? obj, List<TriggerParameter>? parameters, IReadOnlyDictionary<string, SimEvent> events)
    {
        foreach (var p in parameters ?? [])
        {
            if (p.Src is null)
            {
                continue;
            }

            var (value, type) = Resolve(p.Src, events);
            if (value is null)
            {
                continue;
            }

            if (p.Operation is "append" or "prepend")
            {
                var current = obj is null ? null : GJsonPath.Get(JsonDocument.Parse(obj.ToJsonString(JsonSupport.Relaxed)).RootElement.Clone(), p.Dest ?? string.Empty);
                if (current is { } c)
                {
                    type = "String";
                    value = p.Operation == "append" ? GJsonPath.String(c) + value : value + GJsonPath.String(c);
                }
            }

            var node = type != "String" && p.Src.UseRawData == true ? JsonNode.Parse(value) : JsonValue.Create(value);
            obj = JsonSupport.Set(obj, p.Dest ?? string.Empty, node);
        }

        return obj;
    }

    /// <summary>Builds a payload from parameters (params.go ConstructPayload), for Kafka, HTTP and similar triggers.</summary>
    public static string ConstructPayload(List<TriggerParameter>? parameters, IReadOnlyDictionary<string, SimEvent> events)
    {
        JsonNode? payload = null;
        foreach (var p in parameters ?? [])
        {
            if (p.Src is null)
            {
                continue;
            }

            var (value, type) = Resolve(p.Src, events);
            if (string.IsNullOrEmpty(p.Dest))
            {
                if (value is not null)
                {
                    return value;
                }

                continue;
            }

            var node = type != "String" && p.Src.UseRawData == true ? JsonNode.Parse(value!) : JsonValue.Create(value);
            payload = JsonSupport.Set(payload, p.Dest!, node);
        }

        return payload?.ToJsonString(JsonSupport.Relaxed) ?? string.Empty;
    }
}
