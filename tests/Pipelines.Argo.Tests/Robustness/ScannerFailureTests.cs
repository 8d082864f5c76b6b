namespace Pipelines.Argo.Tests.Robustness;

/// <summary>Inputs on which YamlDotNet's scanner fails with an exception other than YamlException still give a finding.</summary>
public sealed class ScannerFailureTests
{
    [Theory]
    [InlineData("spec:\n  templates:\n  - { name: true\n    container:\n      image: alpine\n")]
    [InlineData("spec:\n  templates:\n  - { image: ~\n  - name: b\n")]
    public void Unclosed_flow_mapping_is_a_syntax_error_not_an_exception(string yaml)
    {
        var file = ArgoYaml.ReadText("apiVersion: argoproj.io/v1alpha1\nkind: Workflow\n" + yaml);

        var finding = Assert.Single(file.AllFindings, f => f.Severity == Severity.Error);
        Assert.Equal(FindingCodes.YamlSyntax.Code, finding.Code);
        Assert.True(finding.Line >= 3, finding.ToString());
        Assert.Null(ArgoYaml.Format(file));
    }

    [Fact]
    public void Scanner_state_failure_is_reported_where_parsing_stopped()
    {
        // YamlDotNet (16.3.0 and 18.1.0) throws InvalidOperationException (not YamlException) on this input.
        var file = ArgoYaml.ReadText("apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nspec:\n  templates:\n  - { image: ~\n  - name: b\n");

        var finding = Assert.Single(file.AllFindings);
        Assert.Equal(FindingCodes.YamlSyntax.Code, finding.Code);
        Assert.Contains("the parser could not continue", finding.Message);
        Assert.InRange(finding.Line, 4, 6);
    }
}
