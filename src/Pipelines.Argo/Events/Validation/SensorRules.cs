using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using Pipelines.Argo.Validation.Syntax;
using Pipelines.Argo.Yaml;

namespace Pipelines.Argo.Events.Validation;

/// <summary>Sensor rules of the guide's section 9.3 (SEN, FLT, TRG, PAR) and the run-time checks of 9.5 that apply.</summary>
internal static class SensorRules
{
    private static readonly string[] ArgoOperations = ["submit", "submit-from", "suspend", "retry", "resume", "resubmit", "terminate", "stop"];
    private static readonly string[] K8sOperations = ["", "create", "update", "patch", "delete"];
    private static readonly string[] ParameterOperations = ["", "append", "overwrite", "prepend"];
    private static readonly string[] Comparators = ["", "=", "!=", "<", "<=", ">", ">="];
    private static readonly string[] HttpMethods = ["GET", "DELETE", "PATCH", "POST", "PUT"];
    private static readonly Regex TimeOfDay = new(@"^([0-9]{1,2}):([0-9]{2}):([0-9]{2})$", RegexOptions.CultureInvariant);

    public static void Check(EventsContext ctx, Sensor sensor)
    {
        var spec = sensor.Spec;
        var specPath = FieldPath.Root.Field("spec");
        var dependencies = spec?.Dependencies ?? [];
        var declared = new HashSet<string>(StringComparer.Ordinal);
        if (dependencies.Count == 0)
        {
            ctx.Report(FindingCodes.SensorNoDependencies, "no event dependencies found; add spec.dependencies with name, eventSourceName and eventName", specPath.Field("dependencies"));
        }

        for (var i = 0; i < dependencies.Count; i++)
        {
            CheckDependency(ctx, sensor, dependencies[i], specPath.Field("dependencies").Item(i), declared);
        }

        var triggers = spec?.Triggers ?? [];
        if (triggers.Count == 0)
        {
            ctx.Report(FindingCodes.SensorNoTriggers, "no triggers found; add spec.triggers", specPath.Field("triggers"));
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < triggers.Count; i++)
        {
            var path = specPath.Field("triggers").Item(i);
            CheckTrigger(ctx, triggers[i], path, declared, isDlq: false);
            if (triggers[i].Template?.Name is { Length: > 0 } name && !names.Add(name))
            {
                ctx.Report(FindingCodes.TriggerDuplicateName, $"duplicate trigger name: {name}; give each trigger template its own name", path.Field("template").Field("name"));
            }
        }
    }

    private static void CheckDependency(EventsContext ctx, Sensor sensor, EventDependency dep, FieldPath path, HashSet<string> declared)
    {
        if (string.IsNullOrEmpty(dep.Name))
        {
            ctx.Report(FindingCodes.SensorDependencyNames, "event dependency must define a name", path.Field("name"));
        }
        else if (!declared.Add(dep.Name!))
        {
            ctx.Report(FindingCodes.SensorDuplicateDependency, $"dependency name \"{dep.Name}\" is used twice; triggers and parameters reach only one of them, so rename one", path.Field("name"));
        }

        if (string.IsNullOrEmpty(dep.EventSourceName))
        {
            ctx.Report(FindingCodes.SensorDependencyNames, "event dependency must define the EventSourceName (the EventSource's metadata.name)", path.Field("eventSourceName"));
        }

        if (string.IsNullOrEmpty(dep.EventName))
        {
            ctx.Report(FindingCodes.SensorDependencyNames, "event dependency must define the EventName (the key under the EventSource's source type, e.g. spec.kafka.<eventName>)", path.Field("eventName"));
        }

        CheckOperator(ctx, dep.FiltersLogicalOperator, path.Field("filtersLogicalOperator"));
        if (dep.Filters is { } filters)
        {
            CheckFilters(ctx, filters, path.Field("filters"));
        }

        CheckEventExists(ctx, sensor, dep, path);
    }

    private static void CheckEventExists(EventsContext ctx, Sensor sensor, EventDependency dep, FieldPath path)
    {
        if (string.IsNullOrEmpty(dep.EventSourceName) || string.IsNullOrEmpty(dep.EventName))
        {
            return;
        }

        var sources = ctx.All.OfType<EventSource>().ToList();
        var ns = sensor.Metadata?.Namespace;
        var source = sources.FirstOrDefault(s => s.Metadata?.Name == dep.EventSourceName && (s.Metadata?.Namespace ?? ns) == ns);
        if (source is null)
        {
            // Not checked together: it may be deployed separately (or be another team's).
            return;
        }

        var events = source.Spec is null ? [] : EventsSerializer.WriteEventSourceSpec(source.Spec).Entries
            .Where(e => e.Key.Value is not ("eventBusName" or "template" or "service" or "replicas") && e.Value is YamlMapping)
            .SelectMany(e => ((YamlMapping)e.Value).Entries.Select(x => x.Key.Value)).ToList();
        if (!events.Contains(dep.EventName!))
        {
            ctx.Report(FindingCodes.SensorUnknownEvent, $"EventSource \"{dep.EventSourceName}\" has no event \"{dep.EventName}\" (it has: {string.Join(", ", events)}); the Sensor would wait forever", path.Field("eventName"));
        }

        var sensorBus = sensor.Spec?.EventBusName is { Length: > 0 } b ? b : "default";
        var sourceBus = source.Spec?.EventBusName is { Length: > 0 } s ? s : "default";
        if (sensorBus != sourceBus)
        {
            ctx.Report(FindingCodes.SensorUnknownEvent, $"the Sensor listens on EventBus \"{sensorBus}\" but EventSource \"{dep.EventSourceName}\" publishes to \"{sourceBus}\"; use the same spec.eventBusName", path.Field("eventSourceName"));
        }
    }

    private static void CheckOperator(EventsContext ctx, string? op, FieldPath path)
    {
        if (!string.IsNullOrEmpty(op) && op is not ("and" or "or"))
        {
            ctx.Report(FindingCodes.FilterLogicalOperator, $"logical operator {op} not supported; use and or or (lower case)", path);
        }
    }

    private static void CheckFilters(EventsContext ctx, EventDependencyFilter filters, FieldPath path)
    {
        CheckOperator(ctx, filters.ExprLogicalOperator, path.Field("exprLogicalOperator"));
        CheckOperator(ctx, filters.DataLogicalOperator, path.Field("dataLogicalOperator"));
        var exprs = filters.Exprs ?? [];
        for (var i = 0; i < exprs.Count; i++)
        {
            CheckExpr(ctx, exprs[i], path.Field("exprs").Item(i));
        }

        var data = filters.Data ?? [];
        for (var i = 0; i < data.Count; i++)
        {
            CheckData(ctx, data[i], path.Field("data").Item(i));
        }

        if (filters.Context is { } c && string.IsNullOrEmpty(c.Type) && string.IsNullOrEmpty(c.Subject) && string.IsNullOrEmpty(c.Source) && string.IsNullOrEmpty(c.Datacontenttype))
        {
            ctx.Report(FindingCodes.ContextFilter, "no fields specified in ctx filter (aka all events will be discarded); set type, subject, source or datacontenttype", path.Field("context"));
        }

        if (filters.Time is { } time)
        {
            CheckTime(ctx, time, path.Field("time"));
        }
    }

    private static void CheckExpr(EventsContext ctx, ExprFilter filter, FieldPath path)
    {
        var fields = filter.Fields ?? [];
        if (string.IsNullOrEmpty(filter.Expr) || fields.Count == 0)
        {
            ctx.Report(FindingCodes.ExprFilter, "one of expr filters is not valid (expr and fields must be not empty)", path.Field(string.IsNullOrEmpty(filter.Expr) ? "expr" : "fields"));
            return;
        }

        for (var i = 0; i < fields.Count; i++)
        {
            if (string.IsNullOrEmpty(fields[i].Path) || string.IsNullOrEmpty(fields[i].Name))
            {
                ctx.Report(FindingCodes.ExprFilter, "one of expr filters is not valid (path and name in a field must be not empty)", path.Field("fields").Item(i).Field(string.IsNullOrEmpty(fields[i].Path) ? "path" : "name"));
            }
        }

        var names = new HashSet<string>(fields.Where(f => !string.IsNullOrEmpty(f.Name)).Select(f => f.Name!), StringComparer.Ordinal);
        if (!GovaluateScan.TryVariables(filter.Expr!, out var variables, out var error))
        {
            ctx.Report(FindingCodes.FilterRuntime, $"expr \"{filter.Expr}\" does not parse ({error}); the filter rejects every event", path.Field("expr"));
            return;
        }

        foreach (var v in variables.Where(v => !names.Contains(v)))
        {
            var hint = v.IndexOf('-') >= 0 ? " (govaluate reads '-' as minus; use names without hyphens)" : string.Empty;
            ctx.Report(FindingCodes.FilterRuntime, $"expr uses \"{v}\", which no field declares{hint}; the filter rejects every event. Declared: {string.Join(", ", names.OrderBy(n => n, StringComparer.Ordinal))}", path.Field("expr"));
        }
    }

    private static void CheckData(EventsContext ctx, DataFilter filter, FieldPath path)
    {
        if (!string.IsNullOrEmpty(filter.Comparator) && Array.IndexOf(Comparators, filter.Comparator) < 0)
        {
            ctx.Report(FindingCodes.DataFilter, $"comparator {filter.Comparator} not supported; use =, !=, <, <=, > or >=", path.Field("comparator"));
        }

        var values = filter.Value ?? [];
        if (string.IsNullOrEmpty(filter.Path) || string.IsNullOrEmpty(filter.Type) || values.Count == 0)
        {
            var missing = string.IsNullOrEmpty(filter.Path) ? "path" : string.IsNullOrEmpty(filter.Type) ? "type" : "value";
            ctx.Report(FindingCodes.DataFilter, "one of data filters is not valid (type, path and value must be not empty)", path.Field(missing));
            return;
        }

        for (var i = 0; i < values.Count; i++)
        {
            if (values[i].Length == 0)
            {
                ctx.Report(FindingCodes.DataFilter, "one of data filters is not valid (value must be not empty)", path.Field("value").Item(i));
            }
        }

        switch (filter.Type)
        {
            case "bool":
                for (var i = 0; i < values.Count; i++)
                {
                    if (values[i].Length > 0 && !GoValues.TryParseBool(values[i], out _))
                    {
                        ctx.Report(FindingCodes.FilterRuntime, $"value \"{values[i]}\" is not a Go boolean (true, false, 1, 0, t, f, TRUE, FALSE, True, False); it never matches", path.Field("value").Item(i));
                    }
                }

                break;
            case "number":
                for (var i = 0; i < values.Count; i++)
                {
                    if (values[i].Length > 0 && !GoValues.TryParseFloat(values[i], out _))
                    {
                        ctx.Report(FindingCodes.FilterRuntime, $"value \"{values[i]}\" is not a number; the filter fails on every event", path.Field("value").Item(i));
                    }
                }

                break;
            case "string":
                for (var i = 0; i < values.Count; i++)
                {
                    if (!GoValues.TryRegex(values[i], out var error))
                    {
                        ctx.Report(FindingCodes.FilterRuntime, $"value \"{values[i]}\" is not a regular expression ({error}); the filter fails on every event", path.Field("value").Item(i));
                    }
                }

                if (filter.Comparator is { Length: > 0 } c && c is not ("=" or "!="))
                {
                    ctx.Report(FindingCodes.FilterRuntime, $"comparator {c} on a string filter never matches (strings support = and != only)", path.Field("comparator"));
                }

                break;
            default:
                ctx.Report(FindingCodes.FilterRuntime, $"data filter type \"{filter.Type}\" is not bool, number or string; the filter fails on every event", path.Field("type"));
                break;
        }
    }

    private static void CheckTime(EventsContext ctx, TimeFilter time, FieldPath path)
    {
        if (!string.IsNullOrEmpty(time.Timezone) && !TimeZones.IsValid(time.Timezone))
        {
            ctx.Report(FindingCodes.TimeFilter, $"invalid timezone '{time.Timezone}'; use an IANA name such as Europe/Berlin", path.Field("timezone"));
            return;
        }

        var start = ParseTimeOfDay(time.Start);
        if (start is null)
        {
            ctx.Report(FindingCodes.TimeFilter, $"start \"{time.Start}\" is not a time of day HH:MM:SS", path.Field("start"));
            return;
        }

        var stop = ParseTimeOfDay(time.Stop);
        if (stop is null)
        {
            ctx.Report(FindingCodes.TimeFilter, $"stop \"{time.Stop}\" is not a time of day HH:MM:SS", path.Field("stop"));
            return;
        }

        if (start == stop)
        {
            ctx.Report(FindingCodes.TimeFilter, $"invalid event time filter: stop '{time.Stop}' is equal to start '{time.Start}'", path.Field("stop"));
        }
    }

    /// <summary>Seconds since midnight of Go's <c>15:04:05</c> layout, or null when it does not parse.</summary>
    internal static int? ParseTimeOfDay(string? text)
    {
        var m = TimeOfDay.Match(text ?? string.Empty);
        if (!m.Success)
        {
            return null;
        }

        int h = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), mi = int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), s = int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture);
        return h > 23 || mi > 59 || s > 59 ? null : (h * 3600) + (mi * 60) + s;
    }

    private static void CheckTrigger(EventsContext ctx, Trigger trigger, FieldPath path, HashSet<string> declared, bool isDlq)
    {
        var template = trigger.Template;
        var tpath = path.Field("template");
        if (template is null)
        {
            ctx.Report(FindingCodes.TriggerTemplate, "trigger template can't be nil; add template with a name and a trigger type", tpath);
        }
        else
        {
            CheckTemplate(ctx, template, tpath, declared);
        }

        CheckPolicy(ctx, trigger, path.Field("policy"));
        CheckParameters(ctx, trigger.Parameters, path.Field("parameters"), "template parameter", declared, requireDest: true);

        var atLeastOnce = trigger.AtLeastOnce == true;
        var failingPolicy = trigger.Policy is { } pol && (pol.K8s?.ErrorOnBackoffTimeout == true || pol.Status is not null);
        if (!atLeastOnce && (trigger.RetryStrategy is not null || failingPolicy))
        {
            var what = trigger.RetryStrategy is not null ? "retryStrategy" : "policy";
            ctx.Report(FindingCodes.RetryWithoutAtLeastOnce, $"{what} has no effect without atLeastOnce: true on the trigger (a failure is logged, never retried); add atLeastOnce: true beside it", path.Field(what));
        }

        if (trigger.RetryStrategy is { } retry)
        {
            CheckBackoff(ctx, retry, path.Field("retryStrategy"));
        }

        if (trigger.RateLimit is { } rate)
        {
            if (rate.RequestsPerUnit is not { } n || n < 1)
            {
                ctx.Report(FindingCodes.RateLimit, "rateLimit needs requestsPerUnit of at least 1 (0 or none is expected to crash the Sensor at start)", path.Field("rateLimit").Field("requestsPerUnit"));
            }

            if (!string.IsNullOrEmpty(rate.Unit) && rate.Unit is not ("Second" or "Minute" or "Hour"))
            {
                ctx.Report(FindingCodes.RateLimit, $"rateLimit unit \"{rate.Unit}\" is not Second, Minute or Hour; Argo Events silently uses Second", path.Field("rateLimit").Field("unit"));
            }
        }

        if (trigger.DlqTrigger is { } dlq)
        {
            var dpath = path.Field("dlqTrigger");
            if (isDlq)
            {
                ctx.Report(FindingCodes.NestedDlq, "a dlqTrigger inside a dlqTrigger is never invoked; remove it", dpath);
            }

            if (!atLeastOnce)
            {
                ctx.Report(FindingCodes.DlqAtLeastOnce, "to use dlqTrigger, trigger.atLeastOnce must be set to true", path.Field("atLeastOnce"));
            }

            if (dlq.AtLeastOnce != true)
            {
                ctx.Report(FindingCodes.DlqAtLeastOnce, "atLeastOnce must be set to true within the dlqTrigger", dpath.Field("atLeastOnce"));
            }

            CheckTrigger(ctx, dlq, dpath, declared, isDlq: true);
        }
    }

    private static void CheckTemplate(EventsContext ctx, TriggerTemplate template, FieldPath path, HashSet<string> declared)
    {
        var name = template.Name;
        if (string.IsNullOrEmpty(name))
        {
            ctx.Report(FindingCodes.TriggerTemplate, "trigger must define a name (template.name)", path.Field("name"));
        }

        var resets = template.ConditionsReset ?? [];
        for (var i = 0; i < resets.Count; i++)
        {
            var rpath = path.Field("conditionsReset").Item(i);
            if (resets[i].ByTime is not { } byTime)
            {
                ctx.Report(FindingCodes.ConditionsReset, "invalid conditionsReset: set byTime with cron (and timezone)", rpath);
                continue;
            }

            if (string.IsNullOrEmpty(byTime.Cron) || byTime.Cron!.StartsWith("@", StringComparison.Ordinal) || !CronSchedule.TryParse(byTime.Cron, out _))
            {
                ctx.Report(FindingCodes.ConditionsReset, $"invalid cron expression \"{byTime.Cron}\"; use five fields: minute hour day-of-month month day-of-week", rpath.Field("byTime").Field("cron"));
            }

            if (!TimeZones.IsValid(byTime.Timezone ?? string.Empty))
            {
                ctx.Report(FindingCodes.ConditionsReset, $"invalid timezone \"{byTime.Timezone}\"", rpath.Field("byTime").Field("timezone"));
            }
        }

        if (!string.IsNullOrEmpty(template.Conditions))
        {
            if (!ConditionsScan.TryNames(template.Conditions!, out var names, out var error))
            {
                ctx.Report(FindingCodes.TriggerConditions, $"conditions \"{template.Conditions}\" do not parse ({error}); the trigger never fires", path.Field("conditions"));
            }
            else
            {
                foreach (var n in names.Where(n => !declared.Contains(n)))
                {
                    ctx.Report(FindingCodes.TriggerConditions, $"conditions name \"{n}\", which is not a dependency of this Sensor; the trigger never fires", path.Field("conditions"));
                }
            }
        }

        var any = false;
        if (template.ArgoWorkflow is { } argo)
        {
            any = true;
            var apath = path.Field("argoWorkflow");
            if (argo.Source is null)
            {
                ctx.Report(FindingCodes.ArgoWorkflowTrigger, $"template {name} is invalid, argoWorkflow trigger does not contain an absolute action; add source.resource with the Workflow", apath.Field("source"));
            }

            var op = argo.Operation ?? string.Empty;
            if (Array.IndexOf(ArgoOperations, op) < 0)
            {
                ctx.Report(FindingCodes.ArgoWorkflowTrigger, $"template {name} is invalid, unknown operation type {op}; set operation: submit (the validator does not default it)", apath.Field("operation"));
            }

            CheckParameters(ctx, argo.Parameters, apath.Field("parameters"), "resource parameter", declared, requireDest: true, argo.Source?.Resource);
            CheckArgoResource(ctx, op, argo.Source?.Resource, apath.Field("source").Field("resource"));
        }

        if (template.K8s is { } k8s)
        {
            any = true;
            var kpath = path.Field("k8s");
            if (k8s.Source is null)
            {
                ctx.Report(FindingCodes.K8sTrigger, $"trigger for template {name} is invalid, k8s trigger does not contain an absolute action; add source.resource", kpath.Field("source"));
            }

            if (Array.IndexOf(K8sOperations, k8s.Operation ?? string.Empty) < 0)
            {
                ctx.Report(FindingCodes.K8sTrigger, $"trigger for template {name} is invalid, unknown operation type {k8s.Operation}; use create, update, patch or delete", kpath.Field("operation"));
            }

            CheckParameters(ctx, k8s.Parameters, kpath.Field("parameters"), "resource parameter", declared, requireDest: true, k8s.Source?.Resource);
        }

        if (template.Http is { } http)
        {
            any = true;
            var hpath = path.Field("http");
            if (string.IsNullOrEmpty(http.Url))
            {
                ctx.Report(FindingCodes.OtherTrigger, $"template {name} is invalid, server URL is not specified", hpath.Field("url"));
            }

            if (!string.IsNullOrEmpty(http.Method) && Array.IndexOf(HttpMethods, http.Method) < 0)
            {
                ctx.Report(FindingCodes.OtherTrigger, $"template {name} is invalid, only GET, DELETE, PATCH, POST and PUT methods are supported", hpath.Field("method"));
            }

            CheckParameters(ctx, http.Parameters, hpath.Field("parameters"), "resource parameter", declared, requireDest: true);
            CheckParameters(ctx, http.Payload, hpath.Field("payload"), "payload", declared, requireDest: false);
        }

        if (template.AwsLambda is { } lambda)
        {
            any = true;
            var lpath = path.Field("awsLambda");
            if (string.IsNullOrEmpty(lambda.FunctionName))
            {
                ctx.Report(FindingCodes.OtherTrigger, $"template {name} is invalid, function name is not specified", lpath.Field("functionName"));
            }
            else if (string.IsNullOrEmpty(lambda.Region))
            {
                ctx.Report(FindingCodes.OtherTrigger, $"template {name} is invalid, region in not specified", lpath.Field("region"));
            }
            else if (lambda.Payload is null)
            {
                ctx.Report(FindingCodes.OtherTrigger, $"template {name} is invalid, payload parameters are not specified", lpath.Field("payload"));
            }

            CheckParameters(ctx, lambda.Parameters, lpath.Field("parameters"), "resource parameter", declared, requireDest: true);
            CheckParameters(ctx, lambda.Payload, lpath.Field("payload"), "payload", declared, requireDest: true);
        }

        if (template.Kafka is { } kafka)
        {
            any = true;
            var kpath = path.Field("kafka");
            if (string.IsNullOrEmpty(kafka.Url))
            {
                ctx.Report(FindingCodes.KafkaTrigger, $"template {name} is invalid, broker url must not be empty", kpath.Field("url"));
            }
            else if (kafka.Payload is null)
            {
                ctx.Report(FindingCodes.KafkaTrigger, $"template {name} is invalid, payload must not be empty; forward the event with a payload entry (src.dependencyName, dest)", kpath.Field("payload"));
            }
            else if (string.IsNullOrEmpty(kafka.Topic))
            {
                ctx.Report(FindingCodes.KafkaTrigger, $"template {name} is invalid, topic must not be empty", kpath.Field("topic"));
            }

            CheckParameters(ctx, kafka.Payload, kpath.Field("payload"), "payload", declared, requireDest: true);
            if (kafka.Tls is { } tls)
            {
                EventSourceRules.CheckTls(ctx, tls, kpath.Field("tls"));
            }

            if (kafka.Sasl is { } sasl)
            {
                EventSourceRules.CheckSasl(ctx, sasl, kpath.Field("sasl"), skippedByArgo: true);
            }
        }

        if (template.Nats is { } nats)
        {
            any = true;
            var npath = path.Field("nats");
            if (string.IsNullOrEmpty(nats.Url))
            {
                ctx.Report(FindingCodes.OtherTrigger, $"template {name} is invalid, nats server url can't be empty", npath.Field("url"));
            }
            else if (string.IsNullOrEmpty(nats.Subject))
            {
                ctx.Report(FindingCodes.OtherTrigger, $"template {name} is invalid, nats subject can't be empty", npath.Field("subject"));
            }
            else if (nats.Payload is null)
            {
                ctx.Report(FindingCodes.OtherTrigger, $"template {name} is invalid, payload can't be nil", npath.Field("payload"));
            }

            CheckParameters(ctx, nats.Payload, npath.Field("payload"), "payload", declared, requireDest: true);
        }

        if (template.Slack is { } slack)
        {
            any = true;
            if (slack.SlackToken is null)
            {
                ctx.Report(FindingCodes.OtherTrigger, $"template {name} is invalid, slack token can't be empty", path.Field("slack").Field("slackToken"));
            }

            CheckParameters(ctx, slack.Parameters, path.Field("slack").Field("parameters"), "resource parameter", declared, requireDest: true);
        }

        if (template.OpenWhisk is { } ow)
        {
            any = true;
            var opath = path.Field("openWhisk");
            if (string.IsNullOrEmpty(ow.ActionName))
            {
                ctx.Report(FindingCodes.OtherTrigger, $"template {name} is invalid, action name is not specified", opath.Field("actionName"));
            }
            else if (string.IsNullOrEmpty(ow.Host))
            {
                ctx.Report(FindingCodes.OtherTrigger, $"template {name} is invalid, host URL is not specified", opath.Field("host"));
            }
            else if (ow.AuthToken is { } token && (string.IsNullOrEmpty(token.Name) || string.IsNullOrEmpty(token.Key)))
            {
                ctx.Report(FindingCodes.OtherTrigger, $"template {name} is invalid, auth token key and name must be specified", opath.Field("authToken"));
            }
            else if (ow.Payload is null)
            {
                ctx.Report(FindingCodes.OtherTrigger, $"template {name} is invalid, payload parameters are not specified", opath.Field("payload"));
            }

            CheckParameters(ctx, ow.Parameters, opath.Field("parameters"), "resource parameter", declared, requireDest: true);
            CheckParameters(ctx, ow.Payload, opath.Field("payload"), "resource parameter", declared, requireDest: true);
        }

        if (template.Custom is { } custom)
        {
            any = true;
            var cpath = path.Field("custom");
            if (string.IsNullOrEmpty(custom.ServerURL))
            {
                ctx.Report(FindingCodes.OtherTrigger, $"template {name} is invalid, custom trigger gRPC server url is not defined", cpath.Field("serverURL"));
            }
            else if (custom.Spec is null)
            {
                ctx.Report(FindingCodes.OtherTrigger, $"template {name} is invalid, trigger body can't be empty", cpath.Field("spec"));
            }
            else if (custom.Secure == true && custom.CertSecret is null)
            {
                ctx.Report(FindingCodes.OtherTrigger, $"template {name} is invalid, certSecret can't be nil when the trigger server connection is secure", cpath.Field("certSecret"));
            }

            CheckParameters(ctx, custom.Parameters, cpath.Field("parameters"), "resource parameter", declared, requireDest: true);
        }

        if (template.Email is { } email)
        {
            any = true;
            var epath = path.Field("email");
            if (string.IsNullOrEmpty(email.Host))
            {
                ctx.Report(FindingCodes.OtherTrigger, $"template {name} is invalid, host can't be empty", epath.Field("host"));
            }
            else if (email.Port is { } port && (port < 0 || port > 65535))
            {
                ctx.Report(FindingCodes.OtherTrigger, $"template {name} is invalid, port: {EventsContext.Num(port)}, port should be between 0-65535", epath.Field("port"));
            }

            CheckParameters(ctx, email.Parameters, epath.Field("parameters"), "resource parameter", declared, requireDest: true);
        }

        any |= template.Log is not null || template.AzureEventHubs is not null || template.Pulsar is not null || template.AzureServiceBus is not null;
        if (!any)
        {
            ctx.Report(FindingCodes.TriggerNoType, $"trigger template {name} sets no trigger type; add argoWorkflow (or k8s, http, kafka, log, ...)", path);
        }
    }

    private static void CheckPolicy(EventsContext ctx, Trigger trigger, FieldPath path)
    {
        if (trigger.Policy is not { } policy || trigger.Template is not { } template)
        {
            return;
        }

        if (template.K8s is not null || template.ArgoWorkflow is not null)
        {
            if (policy.K8s is { Labels: null })
            {
                ctx.Report(FindingCodes.TriggerPolicy, "resource labels are not specified; set policy.k8s.labels, e.g. workflows.argoproj.io/phase: Succeeded", path.Field("k8s").Field("labels"));
            }
        }
        else if ((template.Http is not null || template.AwsLambda is not null) && policy.Status is { Allow: null })
        {
            ctx.Report(FindingCodes.TriggerPolicy, "list of allowed response status is not specified; set policy.status.allow", path.Field("status").Field("allow"));
        }
    }

    private static void CheckParameters(EventsContext ctx, List<TriggerParameter>? parameters, FieldPath path, string what, HashSet<string> declared, bool requireDest, YamlValue? resource = null)
    {
        var list = parameters ?? [];
        for (var i = 0; i < list.Count; i++)
        {
            var p = list[i];
            var ppath = path.Item(i);
            if (p.Src is null)
            {
                ctx.Report(FindingCodes.TriggerParameter, $"{what} index: {EventsContext.Num(i)}. err: parameter source can't be empty; add src.dependencyName", ppath.Field("src"));
            }
            else if (string.IsNullOrEmpty(p.Src.DependencyName))
            {
                ctx.Report(FindingCodes.TriggerParameter, $"{what} index: {EventsContext.Num(i)}. err: parameter dependency name can't be empty", ppath.Field("src").Field("dependencyName"));
            }
            else if (requireDest && string.IsNullOrEmpty(p.Dest))
            {
                ctx.Report(FindingCodes.TriggerParameter, $"{what} index: {EventsContext.Num(i)}. err: parameter destination can't be empty", ppath.Field("dest"));
            }

            if (Array.IndexOf(ParameterOperations, p.Operation ?? string.Empty) < 0)
            {
                ctx.Report(FindingCodes.TriggerParameter, $"{what} index: {EventsContext.Num(i)}. err: parameter operation {p.Operation} is invalid; use append, overwrite or prepend", ppath.Field("operation"));
            }

            if (p.Src?.DependencyName is { Length: > 0 } dep && declared.Count > 0 && !declared.Contains(dep))
            {
                ctx.Report(FindingCodes.ParameterDependency, $"parameter reads dependency \"{dep}\", which the Sensor does not declare (declared: {string.Join(", ", declared.OrderBy(d => d, StringComparer.Ordinal))}); it is skipped silently", ppath.Field("src").Field("dependencyName"));
            }

            if (resource is not null && p.Dest is { Length: > 0 } dest && DestPath.FindOverrun(resource, dest) is { } problem)
            {
                ctx.Report(FindingCodes.ParameterDest, $"dest \"{dest}\": {problem}", ppath.Field("dest"));
            }
        }
    }

    private static void CheckArgoResource(EventsContext ctx, string op, YamlValue? resource, FieldPath path)
    {
        if (resource is not YamlMapping map)
        {
            return;
        }

        var meta = map.Get("metadata") as YamlMapping;
        var hasName = meta?.Get("name") is YamlScalar { Value.Length: > 0 };
        var hasGenerate = meta?.Get("generateName") is YamlScalar { Value.Length: > 0 };
        if (op == "submit" && !hasName && !hasGenerate)
        {
            ctx.Report(FindingCodes.ArgoWorkflowResource, "neither name nor generateName is given: the submit fails at run time; set metadata.generateName", path.Field("metadata"));
        }
        else if (op is not "submit" and not "" && Array.IndexOf(ArgoOperations, op) >= 0 && !hasName)
        {
            ctx.Report(FindingCodes.ArgoWorkflowResource, $"operation {op} needs metadata.name of the object it acts on (set it from the event with a parameter)", path.Field("metadata"));
        }

        if (op == "submit-from" && (map.Get("kind") as YamlScalar)?.Value is var kind && kind is not ("WorkflowTemplate" or "CronWorkflow"))
        {
            ctx.Report(FindingCodes.ArgoWorkflowResource, $"submit-from needs a resource of kind WorkflowTemplate or CronWorkflow, not {kind ?? "(none)"}", path.Field("kind"));
        }
    }

    /// <summary>RT-04: steps, duration, factor and jitter of a Backoff.</summary>
    internal static void CheckBackoff(EventsContext ctx, Backoff backoff, FieldPath path)
    {
        if (backoff.Steps is { } steps && steps < 1)
        {
            ctx.Report(FindingCodes.BackoffValues, $"steps {EventsContext.Num(steps)} is below 1; Argo Events uses 5 attempts instead. Set the total number of attempts", path.Field("steps"));
        }

        if (backoff.Duration is { } duration)
        {
            if (duration.IsInteger)
            {
                ctx.Report(FindingCodes.BackoffValues, $"duration {duration.Text} is a bare integer, i.e. nanoseconds; write a Go duration such as \"{duration.Text}s\"", path.Field("duration"));
            }
            else if (!GoDuration.TryParse(duration.Text, out _, out var error))
            {
                ctx.Report(FindingCodes.BackoffValues, $"duration \"{duration.Text}\" is not a Go duration such as 2s or 1m ({error}); the trigger is never attempted", path.Field("duration"));
            }
        }
    }
}
