using Pipelines.Argo.Model;
using Pipelines.Argo.Validation.Syntax;

namespace Pipelines.Argo.Tests.Validation.Structure;

public sealed class GoDurationTests
{
    [Theory]
    [InlineData("0", 0L)]
    [InlineData("1h30m", 5_400_000_000_000L)]
    [InlineData("300ms", 300_000_000L)]
    [InlineData("-1.5h", -5_400_000_000_000L)]
    [InlineData("+10s", 10_000_000_000L)]
    [InlineData("1.5s", 1_500_000_000L)]
    [InlineData(".5m", 30_000_000_000L)]
    [InlineData("1ns", 1L)]
    [InlineData("2us", 2_000L)]
    [InlineData("2\u00B5s", 2_000L)]
    [InlineData("2\u03BCs", 2_000L)]
    [InlineData("1h1m1s1ms", 3_661_001_000_000L)]
    [InlineData("2562047h", 9_223_369_200_000_000_000L)]
    public void Parses_valid_durations(string text, long expected)
    {
        Assert.True(GoDuration.TryParse(text, out var ns, out var error), error);
        Assert.Equal(expected, ns);
    }

    [Theory]
    [InlineData("", "invalid duration")]
    [InlineData("30", "missing unit")]
    [InlineData("1d", "unknown unit \"d\"")]
    [InlineData("h", "invalid duration")]
    [InlineData(".s", "invalid duration")]
    [InlineData("1h 30m", "unknown unit \"h \"")]
    [InlineData("-", "invalid duration")]
    [InlineData("3000000h", "invalid duration")]
    [InlineData("1.5", "missing unit")]
    public void Rejects_invalid_durations(string text, string message)
    {
        Assert.False(GoDuration.TryParse(text, out _, out var error));
        Assert.Contains(message, error, System.StringComparison.Ordinal);
    }
}

public sealed class CronScheduleTests
{
    [Theory]
    [InlineData("* * * * *")]
    [InlineData("*/5 * * * *")]
    [InlineData("0 9-17/2 * * MON-FRI")]
    [InlineData("0 0 1,15 jan,Jul ?")]
    [InlineData("5/15 * * * *")]
    [InlineData("0 0 31 12 6")]
    [InlineData("@yearly")]
    [InlineData("@annually")]
    [InlineData("@monthly")]
    [InlineData("@weekly")]
    [InlineData("@daily")]
    [InlineData("@midnight")]
    [InlineData("@hourly")]
    [InlineData("@every 90s")]
    [InlineData("@every 1h30m")]
    [InlineData("CRON_TZ=UTC 0 6 * * *")]
    public void Parses_valid_schedules(string schedule) => Assert.True(CronSchedule.TryParse(schedule, out var error), error);

    [Theory]
    [InlineData("", "empty spec")]
    [InlineData("*/5 * * *", "expected exactly 5 fields, found 4")]
    [InlineData("* * * * * *", "expected exactly 5 fields, found 6")]
    [InlineData("61 * * * *", "end of range (61) above maximum (59)")]
    [InlineData("* 24 * * *", "end of range (24) above maximum (23)")]
    [InlineData("* * 0 * *", "beginning of range (0) below minimum (1)")]
    [InlineData("* * * 13 *", "above maximum (12)")]
    [InlineData("* * * * 7", "above maximum (6)")]
    [InlineData("10-5 * * * *", "beyond end of range")]
    [InlineData("*/0 * * * *", "step of range should be a positive number")]
    [InlineData("1-2-3 * * * *", "too many hyphens")]
    [InlineData("*/2/3 * * * *", "too many slashes")]
    [InlineData("abc * * * *", "failed to parse int from abc")]
    [InlineData("* * * FOO *", "failed to parse int from FOO")]
    [InlineData("1,,2 * * * *", "failed to parse int")]
    [InlineData("@sometimes", "unrecognized descriptor")]
    [InlineData("@every 1d", "failed to parse duration")]
    [InlineData("TZ=Not/A_Zone 0 * * * *", "provided bad location")]
    public void Rejects_invalid_schedules(string schedule, string message)
    {
        Assert.False(CronSchedule.TryParse(schedule, out var error));
        Assert.Contains(message, error, System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0 * * * *", true)]
    [InlineData("@every 5m", true)]
    [InlineData("@every 1.5h", false)]
    [InlineData("TZ=UTC 0 * * * *", false)]
    public void Crd_pattern_is_stricter_than_the_parser(string schedule, bool matches) =>
        Assert.Equal(matches, CronSchedule.MatchesCrd(schedule));

    [Theory]
    [InlineData("UTC", true)]
    [InlineData("Europe/Paris", true)]
    [InlineData("America/New_York", true)]
    [InlineData("", true)]
    [InlineData("Mars/Olympus", false)]
    [InlineData("../etc/passwd", false)]
    public void Time_zones_are_iana_names(string zone, bool valid) => Assert.Equal(valid, TimeZones.IsValid(zone));
}

public sealed class LabelSelectorSyntaxTests
{
    [Theory]
    [InlineData("")]
    [InlineData("app")]
    [InlineData("!legacy")]
    [InlineData("app=web")]
    [InlineData("app==web,tier!=db")]
    [InlineData("env in (prod, staging),team notin (x)")]
    [InlineData("example.com/role = worker")]
    [InlineData("replicas>2,replicas<10")]
    [InlineData("app=")]
    public void Parses_valid_selectors(string text) => Assert.True(LabelSelectorSyntax.TryParse(text, out var error), error);

    [Theory]
    [InlineData("app=web,", "expected a label key")]
    [InlineData("app is web", "unknown operator 'is'")]
    [InlineData("env in prod", "expected '('")]
    [InlineData("env in ()", "values can't be empty")]
    [InlineData("env in (a b)", "expected ',' or ')'")]
    [InlineData("-app=x", "label key '-app' is invalid")]
    [InlineData("Example.com/x=y", "invalid prefix")]
    [InlineData("app=we b", "expected ','")]
    [InlineData("count>many", "not an integer")]
    [InlineData("app=-web-", "label value '-web-' is invalid")]
    public void Rejects_invalid_selectors(string text, string message)
    {
        Assert.False(LabelSelectorSyntax.TryParse(text, out var error));
        Assert.Contains(message, error, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Validates_structured_selectors()
    {
        var valid = new LabelSelector
        {
            MatchLabels = new OrderedMap<string> { ["app"] = "web", ["example.com/tier"] = "" },
            MatchExpressions =
            [
                new LabelSelectorRequirement { Key = "env", Operator = "In", Values = ["prod"] },
                new LabelSelectorRequirement { Key = "legacy", Operator = "DoesNotExist" },
            ],
        };
        Assert.Empty(LabelSelectorSyntax.Validate(valid));

        var invalid = new LabelSelector
        {
            MatchLabels = new OrderedMap<string> { ["app"] = new string('v', 64) },
            MatchExpressions =
            [
                new LabelSelectorRequirement { Key = "env", Operator = "NotIn", Values = [] },
                new LabelSelectorRequirement { Key = "x", Operator = "Exists", Values = ["y"] },
                new LabelSelectorRequirement { Key = "y", Operator = "Equals", Values = ["z"] },
            ],
        };
        var problems = LabelSelectorSyntax.Validate(invalid);
        Assert.Equal(
            ["matchLabels.app", "matchExpressions[0].values", "matchExpressions[1].values", "matchExpressions[2].operator"],
            problems.ConvertAll(p => p.Field));
    }
}
