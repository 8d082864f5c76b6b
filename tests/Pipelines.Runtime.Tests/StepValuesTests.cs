using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Text.Json.Serialization.Metadata;

namespace Pipelines.Runtime.Tests;

/// <summary>The conversions of the contract: invariant culture, enum member names, compact JSON.</summary>
public sealed class StepValuesTests
{
    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData("True", true)]
    [InlineData(" FALSE ", false)]
    public void Booleans_parse_in_any_letter_case(string text, bool expected) => Assert.Equal(expected, StepValues.ParseBoolean(text));

    [Theory]
    [InlineData("yes")]
    [InlineData("1")]
    [InlineData("")]
    public void Other_booleans_are_refused(string text) => Assert.Throws<FormatException>(() => StepValues.ParseBoolean(text));

    [Theory]
    [InlineData("42", 42)]
    [InlineData("-7", -7)]
    [InlineData(" 5 ", 5)]
    [InlineData("2147483647", int.MaxValue)]
    public void Ints_parse(string text, int expected) => Assert.Equal(expected, StepValues.ParseInt32(text));

    [Theory]
    [InlineData("1.5")]
    [InlineData("abc")]
    [InlineData("2147483648")]
    [InlineData("1,000")]
    public void Bad_ints_are_refused(string text) => Assert.Throws<FormatException>(() => StepValues.ParseInt32(text));

    [Fact]
    public void Longs_parse_beyond_the_int_range()
    {
        Assert.Equal(5_000_000_000L, StepValues.ParseInt64("5000000000"));
        Assert.Throws<FormatException>(() => StepValues.ParseInt64("9223372036854775808"));
    }

    [Fact]
    public void Numbers_use_the_invariant_culture_whatever_the_current_one()
    {
        var before = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            Assert.Equal(1.5, StepValues.ParseDouble("1.5"));
            Assert.Equal(1000.0, StepValues.ParseDouble("1e3"));
            Assert.Equal(2.25m, StepValues.ParseDecimal("2.25"));
            Assert.Equal("1.5", StepValues.Format(1.5));
            Assert.Equal("2.25", StepValues.Format(2.25m));
            Assert.Equal("-12", StepValues.Format(-12));
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }

    [Fact]
    public void Doubles_round_trip()
    {
        var value = 0.1 + 0.2;
        Assert.Equal(value, StepValues.ParseDouble(StepValues.Format(value)));
        Assert.Throws<FormatException>(() => StepValues.ParseDouble("one"));
        Assert.Throws<FormatException>(() => StepValues.ParseDecimal("1.2.3"));
    }

    [Fact]
    public void Enums_parse_by_exact_member_name_only()
    {
        Assert.Equal(Colour.Green, StepValues.ParseEnum<Colour>("Green"));
        Assert.Equal("Blue", StepValues.FormatEnum(Colour.Blue));
        var error = Assert.Throws<FormatException>(() => StepValues.ParseEnum<Colour>("green"));
        Assert.Contains("Red, Green, Blue", error.Message, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => StepValues.ParseEnum<Colour>("1"));
        Assert.Throws<FormatException>(() => StepValues.ParseEnum<Colour>("Red, Green"));
        Assert.Throws<FormatException>(() => StepValues.ParseEnum<Colour>("Purple"));
    }

    [Fact]
    public void Strings_pass_through_untouched()
    {
        Assert.Equal("  --not-a-flag ", StepValues.ParseString("  --not-a-flag "));
        Assert.Equal(string.Empty, StepValues.Format((string?)null));
        Assert.Equal("true", StepValues.Format(true));
        Assert.Equal("false", StepValues.Format(false));
    }

    [Fact]
    public void Json_uses_the_generated_metadata_and_writes_compact_json_with_declared_names()
    {
        var info = StepJson.Resolve<Shape>(TestJsonContext.Default);
        var shape = StepValues.ParseJson("{\"Name\":\"tri\",\"Points\":[{\"X\":1,\"Y\":2}],\"Colour\":1}", info);
        Assert.Equal("tri", shape.Name);
        Assert.Equal(new Point(1, 2), Assert.Single(shape.Points));
        Assert.Equal(Colour.Green, shape.Colour);
        Assert.Equal("{\"Name\":\"tri\",\"Points\":[{\"X\":1,\"Y\":2}],\"Colour\":1}", StepValues.FormatJson(shape, info));
    }

    [Fact]
    public void Json_null_and_malformed_json_are_refused_unless_null_is_allowed()
    {
        var info = StepJson.Resolve<Shape>(TestJsonContext.Default);
        Assert.Throws<FormatException>(() => StepValues.ParseJson("null", info));
        Assert.Null(StepValues.ParseJson("null", info, allowNull: true));
        var error = Assert.Throws<FormatException>(() => StepValues.ParseJson("{\"Name\":", info));
        Assert.NotEmpty(error.Message);
        Assert.Throws<FormatException>(() => StepValues.ParseJson("{\"Name\":\"a\",\"Points\":7}", info));
    }

    [Fact]
    public void Collections_of_scalars_need_no_context_of_the_project()
    {
        Assert.True(StepJson.IsBuiltIn<List<int>>());
        Assert.True(StepJson.IsBuiltIn<Dictionary<string, decimal>>());
        Assert.False(StepJson.IsBuiltIn<Shape>());
        Assert.Equal([1, 2], StepValues.ParseJson("[1,2]", StepJson.Resolve<List<int>>(null)));
        Assert.Equal("{\"a\":1.5}", StepValues.FormatJson(new Dictionary<string, double> { ["a"] = 1.5 }, StepJson.Resolve<Dictionary<string, double>>(null)));
    }

    [Fact]
    public void A_type_no_context_knows_is_a_clear_error()
    {
        var error = Assert.Throws<InvalidOperationException>(() => StepJson.Resolve<Shape>(null));
        Assert.Contains("[JsonSerializable(typeof(Shape))]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Paths_follow_the_contract_and_the_environment_variable()
    {
        var paths = new StepPaths("/tmp/pipelines");
        Assert.Equal("/tmp/pipelines/outputs/parameters/result", paths.OutputParameter("result"));
        Assert.Equal("/tmp/pipelines/outputs/artifacts/report", paths.OutputArtifact("report"));
        Assert.Equal("/tmp/pipelines/inputs/artifacts/data", paths.InputArtifact("data"));
        Assert.Equal(StepPaths.DefaultRoot, "/tmp/pipelines");

        var before = Environment.GetEnvironmentVariable(StepPaths.RootVariable);
        try
        {
            Environment.SetEnvironmentVariable(StepPaths.RootVariable, "/srv/step-root");
            Assert.Equal("/srv/step-root", StepPaths.FromEnvironment().Root);
            Environment.SetEnvironmentVariable(StepPaths.RootVariable, null);
            Assert.Equal("/tmp/pipelines", StepPaths.FromEnvironment().Root);
        }
        finally
        {
            Environment.SetEnvironmentVariable(StepPaths.RootVariable, before);
        }
    }
}
