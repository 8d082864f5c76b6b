using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Pipelines.Runtime.Tests;

/// <summary>
/// Runs the invokers the generator built for <see cref="Steps"/> through the host, as the image's entrypoint would:
/// `step name --input value...`, outputs read back from the files Argo collects.
/// </summary>
public sealed class GeneratedStepsTests
{
    [Theory]
    [InlineData("echo", "text", "hello world", "hello world")]
    [InlineData("echo", "text", "-starts-with-a-dash", "-starts-with-a-dash")]
    [InlineData("echo", "text", "--help", "--help")]
    [InlineData("echo", "text", "", "")]
    [InlineData("not", "value", "true", "false")]
    [InlineData("twice", "value", "-21", "-42")]
    [InlineData("big", "value", "9000000000", "9000000001")]
    [InlineData("half", "value", "3", "1.5")]
    [InlineData("money", "amount", "1.10", "3.30")]
    [InlineData("next", "colour", "Blue", "Red")]
    [InlineData("maybe", "value", "7", "7")]
    [InlineData("renamed-step", "the-input", "x", "x")]
    public async Task Each_scalar_type_converts_in_and_out(string step, string input, string value, string expected)
    {
        var run = await HostHarness.RunAsync("step", step, "--" + input, value);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Error);
        Assert.Equal(expected, run.Result);
    }

    [Fact]
    public async Task A_record_goes_in_and_out_as_json()
    {
        var run = await HostHarness.RunAsync("step", "move", "--shape", "{\"Name\":\"line\",\"Points\":[{\"X\":1,\"Y\":1},{\"X\":5,\"Y\":2}],\"Colour\":2}", "--dx", "10");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("{\"Name\":\"line\",\"Points\":[{\"X\":11,\"Y\":1},{\"X\":15,\"Y\":2}],\"Colour\":2}", run.Result);
    }

    [Fact]
    public async Task Lists_arrays_and_dictionaries_go_in_and_out_as_json()
    {
        var sum = await HostHarness.RunAsync("step", "sum", "--values", "[1,2,3]", "--more", "[10]", "--extra", "[100,200]");
        Assert.Equal(0, sum.ExitCode);
        Assert.Equal("316", sum.Result);

        var lengths = await HostHarness.RunAsync("step", "lengths", "--words", "{\"a\":\"xyz\",\"b\":\"\"}");
        Assert.Equal(0, lengths.ExitCode);
        Assert.Equal("{\"a\":3,\"b\":0}", lengths.Result);
    }

    [Fact]
    public async Task Left_out_optional_inputs_take_the_csharp_defaults()
    {
        var defaults = await HostHarness.RunAsync("step", "optional");
        Assert.Equal(0, defaults.ExitCode);
        Assert.Equal("world,2,False,Blue,0.5", defaults.Result);

        var given = await HostHarness.RunAsync("step", "optional", "--count", "5", "--colour", "Green", "--name", "argo", "--loud", "true", "--ratio", "2.5");
        Assert.Equal("argo,5,True,Green,2.5", given.Result);
    }

    [Fact]
    public async Task Nullable_value_types_convert_like_their_underlying_type()
    {
        var steps = HostHarness.Generated;
        var run = await HostHarness.RunAsync("step", "maybe", "--value", "12");
        Assert.Equal("12", run.Result);
        Assert.Contains(steps, s => s.Name == "maybe" && s.Inputs.Single().TypeName == "int");
    }

    [Fact]
    public async Task An_outputs_record_writes_named_parameters_and_artifacts()
    {
        var run = await HostHarness.RunAsync("step", "measure", "--shape", "{\"Name\":\"sq\",\"Points\":[{\"X\":0,\"Y\":0},{\"X\":1,\"Y\":1}],\"Colour\":0}");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("3", run.Output("parameters", "area"));
        Assert.Equal("shape sq", run.Output("parameters", "label"));
        Assert.Equal(new byte[] { 1, 2, 3 }, run.OutputBytes("artifacts", "raw"));
        Assert.Equal("<svg>sq</svg>", run.Output("artifacts", "svg"));
        Assert.False(run.HasOutput("parameters", "result"));
    }

    [Fact]
    public async Task A_void_step_writes_no_outputs()
    {
        var run = await HostHarness.RunAsync("step", "record", "--note", "n");
        Assert.Equal(0, run.ExitCode);
        Assert.False(Directory.Exists(Path.Combine(run.Root, "outputs")));
    }

    [Fact]
    public async Task Input_artifacts_are_read_from_their_files()
    {
        var root = HostHarness.NewRoot();
        var folder = Directory.CreateDirectory(Path.Combine(root, "inputs", "artifacts")).FullName;
        File.WriteAllText(Path.Combine(folder, "notes"), "read me");
        File.WriteAllBytes(Path.Combine(folder, "data"), new byte[5]);
        File.WriteAllText(Path.Combine(folder, "shape"), "{\"Name\":\"file\",\"Points\":[],\"Colour\":0}");
        var run = await HostHarness.RunAsync(HostHarness.Generated, root, default, "step", "read-artifacts");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("read me|5|file", run.Result);
    }

    [Fact]
    public async Task A_missing_input_artifact_is_a_usage_error_naming_the_file()
    {
        var run = await HostHarness.RunAsync("step", "read-artifacts");
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: read-artifacts: missing input artifact 'notes': no file at " + Path.Combine(run.Root, "inputs", "artifacts", "notes"), run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Async_steps_are_awaited()
    {
        var run = await HostHarness.RunAsync("step", "slow-length", "--text", "four");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("4", run.Result);
    }

    [Theory]
    [InlineData("twice", "value", "many", "invalid value for --value: expected int, got 'many'")]
    [InlineData("not", "value", "yes", "invalid value for --value: expected bool, got 'yes'")]
    [InlineData("half", "value", "1,5", "invalid value for --value: expected double, got '1,5'")]
    [InlineData("next", "colour", "Purple", "invalid value for --colour: expected Colour (Red|Green|Blue), got 'Purple'")]
    [InlineData("move", "shape", "{\"Name\":", "invalid value for --shape: expected JSON Shape, got '{\"Name\":'")]
    [InlineData("move", "shape", "null", "invalid value for --shape: expected JSON Shape, got 'null'")]
    [InlineData("sum", "values", "[1,\"x\"]", "invalid value for --values: expected JSON List<int>, got '[1,\"x\"]'")]
    public async Task An_invalid_input_exits_2_naming_the_input_and_its_type(string step, string input, string value, string message)
    {
        var args = step == "sum" ? new[] { "step", step, "--" + input, value, "--more", "[]", "--extra", "[]" } : new[] { "step", step, "--" + input, value };
        var run = await HostHarness.RunAsync(args);
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: " + step + ": " + message, run.Error, StringComparison.Ordinal);
        Assert.False(run.HasOutput("parameters", "result"));
    }

    [Fact]
    public async Task A_missing_input_exits_2_naming_the_input_and_its_type()
    {
        var run = await HostHarness.RunAsync("step", "move", "--dx", "1");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("error: move: missing input --shape (JSON Shape)", run.ErrorLines.Single());
    }

    [Theory]
    [InlineData(new[] { "step", "nope" }, "error: unknown step 'nope'; known steps: big, echo,")]
    [InlineData(new[] { "step" }, "error: missing step name after `step`")]
    [InlineData(new[] { "run", "echo" }, "error: unknown command 'run'")]
    [InlineData(new[] { "step", "echo", "--text" }, "error: echo: missing value after --text (string)")]
    [InlineData(new[] { "step", "echo", "--txt", "a" }, "error: echo: unknown input --txt; expected --text")]
    [InlineData(new[] { "step", "echo", "text", "a" }, "error: echo: expected --<input> at 'text'")]
    [InlineData(new[] { "step", "echo", "--text", "a", "--text", "b" }, "error: echo: input --text given twice")]
    [InlineData(new[] { "step", "record", "--note", "a", "--extra", "b" }, "error: record: unknown input --extra; expected --note")]
    public async Task Usage_errors_exit_2_with_a_message(string[] args, string message)
    {
        var run = await HostHarness.RunAsync(args);
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith(message, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_arguments_exit_2_and_show_the_usage_on_stderr()
    {
        var run = await HostHarness.RunAsync();
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Steps:", run.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Out);
    }

    [Fact]
    public async Task A_throwing_step_exits_1_with_one_line_then_the_detail()
    {
        var run = await HostHarness.RunAsync("step", "explode", "--message", "the disk is full\nand more");
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("error: explode: the disk is full and more", run.ErrorLines[0]);
        Assert.StartsWith("System.InvalidOperationException: the disk is full", run.ErrorLines[1], StringComparison.Ordinal);
        Assert.Contains(run.ErrorLines, l => l.Contains("Steps.Explode", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Cancellation_reaches_the_step_token_and_exits_1()
    {
        using var cancellation = new CancellationTokenSource();
        var running = HostHarness.RunAsync(HostHarness.Generated, HostHarness.NewRoot(), cancellation.Token, "step", "hang");
        await Task.Delay(50);
        Assert.False(running.IsCompleted);
        await cancellation.CancelAsync();
        var run = await running.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("error: hang: the step was cancelled (the pod is stopping)", run.ErrorLines[0]);
    }

    [Fact]
    public async Task Help_lists_every_step_with_its_inputs()
    {
        var run = await HostHarness.RunAsync("--help");
        Assert.Equal(0, run.ExitCode);
        var lines = run.Out.Split('\n');
        var listed = lines.Where(l => l.StartsWith("  ", StringComparison.Ordinal) && !l.StartsWith("   ", StringComparison.Ordinal)).Select(l => l.Trim()).ToList();
        Assert.Equal(HostHarness.Generated.Select(s => s.Name).OrderBy(n => n, StringComparer.Ordinal), listed);
        Assert.Contains("      --dx <int>  (optional)", lines);
        Assert.Contains("      --shape <JSON Shape>", lines);
        Assert.Contains("      artifact data (bytes, read from a file)", lines);
    }

    [Fact]
    public async Task Step_help_lists_that_steps_inputs()
    {
        var run = await HostHarness.RunAsync("step", "move", "--help");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("  move\n      --shape <JSON Shape>\n      --dx <int>  (optional)\n", run.Out);
    }

    [Fact]
    public async Task Outputs_that_cannot_be_written_fail_the_step_with_the_path()
    {
        var root = HostHarness.NewRoot();
        File.WriteAllText(Path.Combine(root, "outputs"), "a file where the folder should be");
        var run = await HostHarness.RunAsync(HostHarness.Generated, root, default, "step", "echo", "--text", "x");
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("error: echo: cannot write output 'result' to " + Path.Combine(root, "outputs", "parameters", "result"), run.ErrorLines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void The_generated_table_registers_itself_when_the_module_loads()
    {
        // The module initializer ran when this assembly loaded; Register appends, so look by name.
        Assert.Contains(PipelineHost.Steps, s => s.Name == "move");
        Assert.Equal(HostHarness.Generated.Select(s => s.Name), PipelineHost.Steps.Select(s => s.Name).Distinct());
    }

    [Fact]
    public void Json_written_by_a_step_reads_back_into_the_same_record()
    {
        var shape = new Shape("s", [new Point(1, 2)], Colour.Red);
        var text = StepValues.FormatJson(shape, StepJson.Resolve<Shape>(TestJsonContext.Default));
        using var document = JsonDocument.Parse(text);
        Assert.Equal(["Name", "Points", "Colour"], document.RootElement.EnumerateObject().Select(p => p.Name));
    }
}
