using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Pipelines.Runner.Executors;
using Pipelines.Runner.Expressions;
using static Pipelines.Runner.Tests.Harness;

namespace Pipelines.Runner.Tests;

/// <summary>Issue 15, "Runner.": each test cites the Argo v4.1.2 function whose behaviour it pins.</summary>
public class FidelityTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static Task<RunReport> Run(string yaml, Func<LeafRequest, LeafResult> run, VirtualClock? clock = null) => Text(yaml, o =>
    {
        o.Clock = clock ?? new VirtualClock(Start);
        o.Executors.Add(new DelegateExecutor(run));
    }, host: false);

    // Item 1. workflow/executor/executor.go SaveParameters skips parameters without valueFrom.path and the wait
    // container reports the template's outputs as they are: a leaf's `value:` output is reported.
    [Fact]
    public async Task A_leaf_output_declared_with_value_is_reported()
    {
        const string yaml = """
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {name: wf}
            spec:
              entrypoint: main
              templates:
              - name: main
                steps:
                - - {name: leaf, template: leaf, arguments: {parameters: [{name: x, value: abc}]}}
                outputs:
                  parameters: [{name: out, valueFrom: {parameter: "{{steps.leaf.outputs.parameters.p}}"}}]
              - name: leaf
                inputs: {parameters: [{name: x}]}
                outputs: {parameters: [{name: p, value: "{{inputs.parameters.x}}-v", globalName: g}]}
                container: {image: alpine, command: [sh, -c, "true"]}
            """;
        var r = await Run(yaml, _ => LeafResult.FromExitCode(0));
        Assert.Equal("Succeeded", r.Phase);
        Assert.Equal("abc-v", Node(r, "leaf").Outputs!.Parameter("p"));
        Assert.Equal("abc-v", r.ByName("wf")!.Outputs!.Parameter("out"));
        Assert.Contains(r.Outputs, o => o.Key == "g" && o.Value == "abc-v");
    }

    // Item 2. util/expr/env GetFuncMap: sprig's function map and expr-lang's built-ins; numbers reach text through
    // encoding/json (floatEncoder) and fmt %v.
    [Theory]
    [InlineData("sprig.title('hello world')", "Hello World")]
    [InlineData("sprig.substr(1, 3, 'hello')", "el")]
    [InlineData("sprig.trunc(3, 'hello')", "hel")]
    [InlineData("sprig.snakecase('HelloWorld')", "hello_world")]
    [InlineData("sprig.regexFind('[0-9]+', 'abc123def')", "123")]
    [InlineData("sprig.regexReplaceAll('a(x*)b', '-ab-axxb-', '${1}W')", "-W-xxW-")]
    [InlineData("sprig.sha256sum('abc')", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [InlineData("sprig.adler32sum('abc')", "38600999")]
    [InlineData("sprig.b32enc('hi')", "NBUQ====")]
    [InlineData("sprig.seq(3)", "1 2 3")]
    [InlineData("sprig.join(',', sprig.until(3))", "0,1,2")]
    [InlineData("sprig.join('-', sprig.uniq(['a', 'b', 'a']))", "a-b")]
    [InlineData("sprig.ternary('y', 'n', 1 > 0)", "y")]
    [InlineData("sprig.coalesce('', 'first')", "first")]
    [InlineData("sprig.dig('a', 'b', 'none', {'a': {'b': 'deep'}})", "deep")]
    [InlineData("sprig.mustRegexMatch('^a', 'abc')", "true")]
    [InlineData("sprig.addf(1.5, 2)", "3.5")]
    [InlineData("sprig.clean('/a/b/../c/.')", "/a/c")]
    [InlineData("hasPrefix('abc', 'ab')", "true")]
    [InlineData("indexOf('abc', 'c')", "2")]
    [InlineData("toJSON(sort([3, 1, 2]))", "[1,2,3]")]
    [InlineData("toJSON(flatten([1, [2, [3]]]))", "[1,2,3]")]
    [InlineData("median([1, 5, 3])", "3")]
    [InlineData("bitand(6, 3)", "2")]
    [InlineData("1e21", "1e+21")]
    [InlineData("1e20", "100000000000000000000")]
    [InlineData("0.0000001", "1e-7")]
    [InlineData("1.5e300", "1.5e+300")]
    public void Expression_functions_and_numbers_print_as_in_Argo(string expression, string expected)
    {
        var value = Expr.Evaluate(expression, new Dictionary<string, object?>());
        Assert.Equal(expected, value is bool b ? (b ? "true" : "false") : Expr.ToTemplateText(value));
    }

    // Item 2, the rest of sprig v3.3.0's GenericFuncMap (functions.go) and expr-lang v1.17.8's builtin.go; expected
    // values follow those Go sources: goutils AbbreviateFull and WrapCustom, time.Duration.String, sprig
    // durationRound (largest unit exceeded, no sign), url.Parse, Masterminds/semver v3 Constraints.Check (a
    // constraint without a prerelease excludes prerelease versions), mergo WithOverride.
    [Theory]
    [InlineData("sprig.hello()", "Hello!")]
    [InlineData("sprig.abbrevboth(5, 10, '1234 5678 9123')", "...5678...")]
    [InlineData("sprig.abbrevboth(0, 10, '1234 5678 9123')", "1234 56...")]
    [InlineData("sprig.abbrevboth(0, 3, 'abcdef')", "abcdef")]
    [InlineData("sprig.wrap(5, 'Hello World')", "Hello\nWorld")]
    [InlineData("sprig.wrap(3, 'abcdef gh')", "abcdef\ngh")]
    [InlineData("sprig.wrapWith(5, '\t', 'Hello World')", "Hello\tWorld")]
    [InlineData("sprig.wrapWith(3, '|', 'abcdefg')", "abc|def|g")]
    [InlineData("sprig.b32dec('NBUQ====')", "hi")]
    [InlineData("sprig.trimall('$', '$5.00$')", "5.00")]
    [InlineData("sprig.join(',', sprig.tuple(1, 'a'))", "1,a")]
    [InlineData("sprig.biggest(1, 7, 3)", "7")]
    [InlineData("sprig.typeIsLike('string', 'x')", "true")]
    [InlineData("sprig.osBase('/a/b.txt') + sprig.osExt('/a/b.txt') + sprig.osDir('/a/b.txt')", "b.txt.txt/a")]
    [InlineData("sprig.duration('95')", "1m35s")]
    [InlineData("sprig.duration('3600')", "1h0m0s")]
    [InlineData("sprig.duration(1.5)", "0s")]
    [InlineData("sprig.durationRound('2h10m')", "2h")]
    [InlineData("sprig.durationRound('-49h')", "2d")]
    [InlineData("sprig.durationRound('1s')", "0s")]
    [InlineData("toJSON(sprig.urlParse('https://u:p@example.com:8080/a%20b?x=1#frag'))", "{\"fragment\":\"frag\",\"host\":\"example.com:8080\",\"hostname\":\"example.com\",\"opaque\":\"\",\"path\":\"/a b\",\"query\":\"x=1\",\"scheme\":\"https\",\"userinfo\":\"u:p\"}")]
    [InlineData("sprig.urlJoin({'scheme': 'https', 'host': 'example.com', 'path': '/a b', 'query': 'x=1'})", "https://example.com/a%20b?x=1")]
    [InlineData("sprig.semverCompare('>=1.2.3', '1.3.0')", "true")]
    [InlineData("sprig.semverCompare('^1.2', '2.0.0')", "false")]
    [InlineData("sprig.semverCompare('~1.2.x', '1.2.9')", "true")]
    [InlineData("sprig.semverCompare('1.2 - 1.4.5', '1.4.6')", "false")]
    [InlineData("sprig.semverCompare('>1.0 || <0.5', '0.4.0')", "true")]
    [InlineData("sprig.semverCompare('>=1.0.0', '1.1.0-beta')", "false")]
    [InlineData("sprig.semverCompare('^0.2.3', '0.2.9')", "true")]
    [InlineData("sprig.semverCompare('^0.2.3', '0.3.0')", "false")]
    [InlineData("toJSON(sprig.mergeOverwrite({'a': 1, 'n': {'x': 1, 'y': 2}}, {'a': 2, 'n': {'y': 3}, 'e': ''}))", "{\"a\":2,\"e\":\"\",\"n\":{\"x\":1,\"y\":3}}")]
    [InlineData("toJSON(sprig.deepCopy({'a': [1, {'b': 2}]}))", "{\"a\":[1,{\"b\":2}]}")]
    [InlineData("findIndex([1, 5, 7], # > 3)", "1")]
    [InlineData("findIndex([1, 5, 7], # > 9)", "-1")]
    [InlineData("findLast([1, 5, 7], # > 3)", "7")]
    [InlineData("findLastIndex([1, 5, 7], # < 6)", "1")]
    [InlineData("reduce([1, 2, 3], #acc + #)", "6")]
    [InlineData("reduce([1, 2, 3], #acc + # * #index, 10)", "18")]
    [InlineData("toJSON(take([1, 2, 3], 2))", "[1,2]")]
    [InlineData("toJSON(map([10, 20], #index))", "[0,1]")]
    [InlineData("toJSON(groupBy(['a1', 'b2', 'a3'], hasPrefix(#, 'a') ? 'a' : 'b'))", "{\"a\":[\"a1\",\"a3\"],\"b\":[\"b2\"]}")]
    [InlineData("toJSON(sortBy([3, 1, 2], #, 'desc'))", "[3,2,1]")]
    public void The_rest_of_sprig_and_expr_behave_as_their_Go_sources(string expression, string expected)
    {
        var value = Expr.Evaluate(expression, new Dictionary<string, object?>());
        Assert.Equal(expected, value is bool b ? (b ? "true" : "false") : Expr.ToTemplateText(value));
    }

    // sprig fail: the expression errors with the message given.
    [Fact]
    public void Sprig_fail_errors_the_expression()
    {
        var e = Assert.Throws<ExprException>(() => Expr.Evaluate("sprig.fail('stop here')", new Dictionary<string, object?>()));
        Assert.Contains("stop here", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Go_fmt_v_uses_exponents_below_minus_4_and_from_21()
    {
        Assert.Equal("1e+21", Expr.ToGoText(1e21));
        Assert.Equal("1e-05", Expr.ToGoText(0.00001));
        Assert.Equal("0.0001", Expr.ToGoText(0.0001));
        Assert.Equal("2.5", Expr.ToGoText(2.5));
        Assert.Equal("-3", Expr.ToGoText(-3.0));
    }

    // Item 5. steps.go expandStep: json.Unmarshal into []wfv1.Item keeps each item's raw JSON (item.go String), so
    // numbers stay as written in values and node names.
    [Fact]
    public async Task WithParam_items_keep_their_raw_json_text()
    {
        const string yaml = """
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {name: wf}
            spec:
              entrypoint: main
              templates:
              - name: main
                steps:
                - - name: loop
                    template: echo
                    arguments: {parameters: [{name: v, value: "{{item}}"}]}
                    withParam: '[1.0, 1.10, 1e3, {"a": 2.50}]'
              - name: echo
                inputs: {parameters: [{name: v}]}
                container: {image: alpine, command: [echo, "{{inputs.parameters.v}}"]}
            """;
        var seen = new List<string>();
        var r = await Run(yaml, req => { lock (seen) { seen.Add(req.Node.Inputs.Single().Value); } return LeafResult.FromExitCode(0); });
        Assert.Equal("Succeeded", r.Phase);
        Assert.Equal(new[] { "loop(0:1.0)", "loop(1:1.10)", "loop(2:1e3)", "loop(3:a:2.50)" }, r.Nodes.Where(n => n.Type == NodeType.Pod).Select(n => n.DisplayName));
        Assert.Equal(new[] { "1.0", "1.10", "1e3", "{\"a\":2.50}" }.OrderBy(x => x, StringComparer.Ordinal), seen.OrderBy(x => x, StringComparer.Ordinal));
    }

    // Items 4 and 5. steps.go expandStep: "withParam value could not be parsed as a JSON list: <text>: <Go error>";
    // executeStepGroup marks the group Error, executeSteps the steps node Failed, and no later group starts.
    [Theory]
    [InlineData("[1, 2", "unexpected end of JSON input")]
    [InlineData("{not json}", "invalid character 'n' looking for beginning of object key string")]
    [InlineData("hello", "invalid character 'h' looking for beginning of value")]
    [InlineData("[1] x", "invalid character 'x' after top-level value")]
    [InlineData("{\"a\": 1}", "json: cannot unmarshal object into Go value of type []v1alpha1.Item")]
    public async Task A_loop_over_invalid_json_errors_the_group_with_Gos_message(string result, string goError)
    {
        const string yaml = """
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {name: wf}
            spec:
              entrypoint: main
              templates:
              - name: main
                steps:
                - - {name: gen, template: gen}
                - - {name: loop, template: leaf, withParam: "{{steps.gen.outputs.result}}"}
                - - {name: after, template: leaf}
              - name: gen
                container: {image: alpine, command: [sh, -c, "true"]}
              - name: leaf
                container: {image: alpine, command: [sh, -c, "true"]}
            """;
        var r = await Run(yaml, req => new LeafResult { Stdout = req.Template.Name == "gen" ? result : string.Empty });
        var expected = $"withParam value could not be parsed as a JSON list: {result}: {goError}";
        Assert.True(r.Nodes.Any(n => n.Type == NodeType.StepGroup && n.Phase == NodePhase.Error && n.Message == expected), string.Join("\n", r.Nodes.Select(n => $"{n.DisplayName} {n.Type} {n.Phase} {n.Message}")));
        Assert.Contains(r.Nodes, n => n.Type == NodeType.StepGroup && n.Phase == NodePhase.Error && n.Message == expected);
        Assert.Equal(NodePhase.Failed, r.ByName("wf")!.Phase);
        Assert.Equal("Failed", r.Phase);
        Assert.DoesNotContain(r.Nodes, n => n.DisplayName == "after");
    }

    [Fact]
    public async Task WithParam_null_is_an_empty_loop_as_a_nil_slice_is()
    {
        const string yaml = """
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {name: wf}
            spec:
              entrypoint: main
              templates:
              - name: main
                steps:
                - - {name: loop, template: leaf, withParam: "null"}
              - name: leaf
                container: {image: alpine, command: [sh, -c, "true"]}
            """;
        var r = await Run(yaml, _ => LeafResult.FromExitCode(0));
        Assert.Equal("Succeeded", r.Phase);
        Assert.Equal("Skipped, empty params", Node(r, "loop").Message);
    }

    // Item 7. operator.go processNodeRetries: maxDuration and "Backoff would exceed max duration limit" apply with or
    // without a limit (only the wait needs one).
    [Fact]
    public async Task Backoff_max_duration_applies_without_a_limit()
    {
        const string yaml = """
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {name: wf}
            spec:
              entrypoint: main
              templates:
              - name: main
                retryStrategy: {retryPolicy: Always, backoff: {duration: "10", maxDuration: "15"}}
                container: {image: alpine, command: [sh, -c, "exit 1"]}
            """;
        var clock = new VirtualClock(Start);
        var attempts = 0;
        var r = await Run(yaml, _ =>
        {
            attempts++;
            clock.DelayUntilAsync(clock.UtcNow.AddSeconds(4), CancellationToken.None).GetAwaiter().GetResult();
            return LeafResult.FromExitCode(1);
        }, clock);
        Assert.Equal(2, attempts);
        Assert.Equal("Failed", r.Phase);
        Assert.Equal("Backoff would exceed max duration limit", r.Message);
    }

    // Item 7. operator.go processNodeRetries: the factor goes through util/intstr Int32; a string that is not an
    // integer errors the retry node with that function's message.
    [Fact]
    public async Task A_non_integer_backoff_factor_errors_the_node()
    {
        const string yaml = """
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {name: wf}
            spec:
              entrypoint: main
              templates:
              - name: main
                retryStrategy: {limit: 3, backoff: {duration: "1", factor: "1.5"}}
                container: {image: alpine, command: [sh, -c, "exit 1"]}
            """;
        var attempts = 0;
        var r = await Run(yaml, _ => { attempts++; return LeafResult.FromExitCode(1); });
        Assert.Equal(1, attempts);
        Assert.Equal(NodePhase.Error, r.ByName("wf")!.Phase);
        Assert.Equal("value '1.5' cannot be resolved to an int", r.ByName("wf")!.Message);
    }

    // Item 8. util/errors isTransientErr over argoerrors.InternalError(node message): exactly its substrings.
    [Theory]
    [InlineData("dial tcp 10.0.0.1:443: connect: connection refused", true)]
    [InlineData("read: connection reset by peer", true)]
    [InlineData("etcdserver: leader changed", true)]
    [InlineData("net/http: TLS handshake timeout", true)]
    [InlineData("operation timeout", false)]
    [InlineData("unexpected EOF", false)]
    [InlineData("Connection Refused", false)]
    public async Task OnTransientError_retries_exactly_Argos_transient_messages(string message, bool retried)
    {
        const string yaml = """
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {name: wf}
            spec:
              entrypoint: main
              templates:
              - name: main
                retryStrategy: {limit: 1, retryPolicy: OnTransientError}
                container: {image: alpine, command: [sh, -c, "exit 1"]}
            """;
        var attempts = 0;
        await Run(yaml, _ => { attempts++; return new LeafResult { Phase = NodePhase.Error, Message = message }; });
        Assert.Equal(retried ? 2 : 1, attempts);
    }

    // Item 9. operator.go (the workflow.failures list): GeneratePodName for every failed node, whatever its type.
    [Fact]
    public async Task Workflow_failures_give_every_failed_node_its_pod_name()
    {
        const string yaml = """
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {name: wf}
            spec:
              entrypoint: main
              onExit: report
              templates:
              - name: main
                steps:
                - - {name: bad, template: bad}
              - name: bad
                container: {image: alpine, command: [sh, -c, "exit 1"]}
              - name: report
                container: {image: alpine, command: [echo, "{{workflow.failures}}"]}
            """;
        string? failures = null;
        var r = await Run(yaml, req =>
        {
            if (req.Template.Name == "report")
            {
                failures = req.Template.Container!.Command![1];
                return LeafResult.FromExitCode(0);
            }

            return LeafResult.FromExitCode(1);
        });
        Assert.Equal("Failed", r.Phase);
        // The value is strconv.Quote'd (so that substitution keeps its escapes): unquote, then read the list.
        var text = failures!.StartsWith('"') ? JsonSerializer.Deserialize<string>(failures)! : failures;
        using var doc = JsonDocument.Parse(text);
        var entries = doc.RootElement.EnumerateArray().ToDictionary(e => e.GetProperty("displayName").GetString()!, e => e.GetProperty("podName").GetString()!);
        Assert.Equal("wf", entries["wf"]);
        Assert.StartsWith("wf-bad-", entries["bad"], StringComparison.Ordinal);
        Assert.All(entries.Values, p => Assert.False(string.IsNullOrEmpty(p)));
    }

    // Item 3. dag.go executeDAGTask: hooks of a task whose node is Running are evaluated (status "Running").
    [Fact]
    public async Task A_dag_task_hook_on_Running_fires_while_the_task_runs()
    {
        const string yaml = """
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {name: wf}
            spec:
              entrypoint: main
              templates:
              - name: main
                dag:
                  tasks:
                  - name: A
                    template: work
                    hooks:
                      running: {template: notify, expression: 'tasks.A.status == "Running"'}
              - name: work
                container: {image: alpine, command: [sh, -c, "true"]}
              - name: notify
                container: {image: alpine, command: [sh, -c, "true"]}
            """;
        var ran = new List<string>();
        var r = await Run(yaml, req => { lock (ran) { ran.Add(req.Template.Name!); } return LeafResult.FromExitCode(0); });
        Assert.Equal("Succeeded", r.Phase);
        Assert.Contains("notify", ran);
        Assert.Equal(NodePhase.Succeeded, r.ByName("wf.A.hooks.running")!.Phase);
    }

    // Item 10. node_counters.go getActivePodsCounter: a daemoned Running pod is an active pod for parallelism.
    [Fact]
    public async Task Parallelism_counts_daemoned_running_pods()
    {
        const string yaml = """
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {name: wf}
            spec:
              entrypoint: main
              parallelism: 1
              templates:
              - name: main
                steps:
                - - {name: server, template: server}
                - - {name: client, template: client}
              - name: server
                daemon: true
                container: {image: alpine, command: [sh, -c, "sleep 100"]}
              - name: client
                container: {image: alpine, command: [sh, -c, "true"]}
            """;
        var clock = new VirtualClock(Start);
        var options = new RunOptions { RunDirectory = NewRunDirectory(), WorkflowName = "wf", Clock = clock };
        using var stop = new CancellationTokenSource();
        options.Stop = stop.Token;
        var executor = new ServerExecutor();
        options.Executors.Add(executor);
        var run = WorkflowRunner.RunTextAsync(yaml, options);
        await Task.Delay(1500);
        Assert.False(run.IsCompleted, "the run ended while its daemon was up");
        Assert.DoesNotContain("client", executor.Ran);
        await stop.CancelAsync();
        await run;
        Assert.DoesNotContain("client", executor.Ran);
    }

    // Item 10. dag.go assessDAGPhase: task.ContinuesOn(branchPhase) also for a target that inherited its phase (omitted).
    [Fact]
    public async Task ContinueOn_covers_the_phase_an_omitted_target_inherits()
    {
        const string yaml = """
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {name: wf}
            spec:
              entrypoint: main
              templates:
              - name: main
                dag:
                  tasks:
                  - {name: A, template: fail}
                  - {name: B, template: ok, dependencies: [A], continueOn: {failed: true}}
              - name: ok
                container: {image: alpine, command: [sh, -c, "true"]}
              - name: fail
                container: {image: alpine, command: [sh, -c, "exit 1"]}
            """;
        var r = await Run(yaml, req => LeafResult.FromExitCode(req.Template.Name == "fail" ? 1 : 0));
        Assert.Equal(NodePhase.Omitted, Node(r, "B").Phase);
        Assert.Equal("Succeeded", r.Phase);
    }

    // Item 6. steps.go executeStepGroup: a child whose template cannot start (here an input from a ConfigMap that is not there) is an Error node
    // and the group is Error with "step group deemed errored due to child <full node name> error: ..."; the steps node
    // is Failed with the group's message (executeSteps).
    [Fact]
    public async Task A_child_error_names_the_childs_full_node_name_on_the_group()
    {
        const string yaml = """
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {name: wf}
            spec:
              entrypoint: main
              templates:
              - name: main
                steps:
                - - {name: A, template: needs}
              - name: needs
                inputs: {parameters: [{name: x, valueFrom: {configMapKeyRef: {name: absent, key: k}}}]}
                container: {image: alpine, command: [sh, -c, "true"]}
            """;
        var r = await Run(yaml, _ => LeafResult.FromExitCode(0));
        Assert.True(Node(r, "A").Phase == NodePhase.Error, string.Join("\n", r.Nodes.Select(n => $"{n.Name} {n.Type} {n.Phase} {n.Message}")));
        var group = r.ByName("wf[0]")!;
        Assert.Equal(NodePhase.Error, group.Phase);
        Assert.StartsWith("step group deemed errored due to child wf[0].A error: ", group.Message, StringComparison.Ordinal);
        Assert.Equal(NodePhase.Failed, r.ByName("wf")!.Phase);
        Assert.Equal(group.Message, r.ByName("wf")!.Message);
    }

    // Item 6. dag.go executeDAGTask: a copy whose when cannot be evaluated is an Error node (Skipped type, the
    // evaluation error as message) and the other copies go on; the TaskGroup takes the phase of its last failed or
    // errored copy once all are fulfilled, with no message (markNodePhase); assessDAGPhase makes the DAG Error, with
    // no message either.
    [Fact]
    public async Task A_when_error_in_one_copy_of_a_dag_loop_errors_that_copy_and_the_others_run()
    {
        const string yaml = """
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {name: wf}
            spec:
              entrypoint: main
              templates:
              - name: main
                dag:
                  tasks:
                  - {name: A, template: ok, withItems: [5, "x-y", 7], when: "{{item}} > 1"}
              - name: ok
                container: {image: alpine, command: [sh, -c, "true"]}
            """;
        var ran = 0;
        var r = await Run(yaml, _ => { Interlocked.Increment(ref ran); return LeafResult.FromExitCode(0); });
        var nodes = string.Join("\n", r.Nodes.Select(n => $"{n.Name} {n.Type} {n.Phase} {n.Message}"));
        Assert.True(ran == 2, nodes);
        var bad = r.ByName("wf.A(1:x-y)")!;
        Assert.Equal(NodePhase.Error, bad.Phase);
        Assert.Equal(NodeType.Skipped, bad.Type);
        Assert.Contains("x-y > 1", bad.Message, StringComparison.Ordinal);
        Assert.Equal(NodePhase.Succeeded, r.ByName("wf.A(2:7)")!.Phase);
        var group = r.ByName("wf.A")!;
        Assert.Equal(NodeType.TaskGroup, group.Type);
        Assert.Equal(NodePhase.Error, group.Phase);
        Assert.Equal(string.Empty, group.Message);
        Assert.Equal(NodePhase.Error, r.ByName("wf")!.Phase);
        Assert.Equal("Error", r.Phase);
    }

    // Item 6. dag.go expandTask: every item is substituted before any copy exists; a failure errors the task's own
    // node (no TaskGroup, no copies) with the substitution error.
    [Fact]
    public async Task A_substitution_error_in_a_dag_loop_errors_the_task_before_any_copy()
    {
        const string yaml = """
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {name: wf}
            spec:
              entrypoint: main
              templates:
              - name: main
                dag:
                  tasks:
                  - {name: A, template: ok, withParam: '[{"v": 1}, {"w": 2}]', arguments: {parameters: [{name: p, value: "{{item.v}}"}]}}
              - name: ok
                inputs: {parameters: [{name: p}]}
                container: {image: alpine, command: [sh, -c, "true"]}
            """;
        var r = await Run(yaml, _ => LeafResult.FromExitCode(0));
        var nodes = string.Join("\n", r.Nodes.Select(n => $"{n.Name} {n.Type} {n.Phase} {n.Message}"));
        var a = r.ByName("wf.A")!;
        Assert.True(a.Phase == NodePhase.Error && a.Type != NodeType.TaskGroup, nodes);
        Assert.Contains("item.v", a.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(r.Nodes, n => n.Name.StartsWith("wf.A(", StringComparison.Ordinal));
        Assert.Equal("Error", r.Phase);
    }

    /// <summary>Daemons stay up until killed; everything else succeeds at once.</summary>
    private sealed class ServerExecutor : ILeafExecutor
    {
        public System.Collections.Concurrent.ConcurrentBag<string> Ran { get; } = [];

        public bool CanRun(Pipelines.Argo.Model.Template template, RunNode node) => true;

        public async Task<LeafResult> RunAsync(LeafRequest request, CancellationToken cancellationToken)
        {
            Ran.Add(request.Template.Name!);
            if (request.Template.Daemon == true)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            return LeafResult.FromExitCode(0);
        }
    }
}
