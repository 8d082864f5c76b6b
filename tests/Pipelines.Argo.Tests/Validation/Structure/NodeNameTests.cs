using System.Text.RegularExpressions;
using Pipelines.Argo.Validation;

namespace Pipelines.Argo.Tests.Validation.Structure;

/// <summary>The hand-written step and task name check accepts exactly what Argo's pattern, as .NET matches it, accepts.</summary>
public sealed class NodeNameTests
{
    private static readonly Regex Pattern = new("^[a-zA-Z0-9][-a-zA-Z0-9]*$", RegexOptions.CultureInvariant);

    [Theory]
    [InlineData("a")]
    [InlineData("A-1")]
    [InlineData("t99-100")]
    [InlineData("0abc")]
    [InlineData("a-")]
    [InlineData("a\n")]
    [InlineData("")]
    [InlineData("\n")]
    [InlineData("-a")]
    [InlineData("a_b")]
    [InlineData("a.b")]
    [InlineData("a b")]
    [InlineData("a\n\n")]
    [InlineData("a\nb")]
    [InlineData("a\r\n")]
    [InlineData("é")]
    [InlineData("\u0661")]
    [InlineData("K\u212a")]
    [InlineData("x{{y}}")]
    public void Agrees_with_the_pattern(string name) =>
        Assert.Equal(Pattern.IsMatch(name), StructureRules.IsNodeName(name));

    [Fact]
    public void Agrees_with_the_pattern_on_random_names()
    {
        const string alphabet = "aZ09-_.\n\r \té{}";
        var random = new System.Random(7);
        for (var n = 0; n < 20_000; n++)
        {
            var chars = new char[random.Next(0, 6)];
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = alphabet[random.Next(alphabet.Length)];
            }

            var name = new string(chars);
            Assert.True(Pattern.IsMatch(name) == StructureRules.IsNodeName(name), $"'{Regex.Escape(name)}'");
        }
    }
}
