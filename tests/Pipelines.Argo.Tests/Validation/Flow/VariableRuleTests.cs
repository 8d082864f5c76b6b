using Pipelines.Argo.Validation;

namespace Pipelines.Argo.Tests.Validation.Flow;

public sealed class VariableRuleTests
{
    private const string Leaf = """
        - name: main
          inputs:
            parameters:
            - name: message
          container:
            image: alpine
            args: ["echo {{ inputs.parameters.mesage }}"]

    """;

    [Fact]
    public void Undeclared_input_parameter_is_an_error_with_suggestion_and_position()
    {
        var f = FlowFixture.Single(FlowFixture.Workflow(Leaf), FindingCodes.UnresolvedInput, "spec.templates[0].container.args[0]");
        Assert.Contains("failed to resolve {{inputs.parameters.mesage}}", f.Message);
        Assert.Contains("did you mean 'message'", f.Message);
        Assert.Equal(13, f.Line);
        Assert.True(f.Column > 0);
    }
}
