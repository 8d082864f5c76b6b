using System.Linq;
using Pipelines.Argo.Validation;

namespace Pipelines.Argo.Tests.Validation.Structure;

/// <summary>Misspelled template names get a "did you mean" hint, swapped letters included.</summary>
public sealed class SuggestionTests
{
    private const string Manifest = """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata:
          generateName: hint-
        spec:
          entrypoint: mian
          templates:
          - name: main
            steps:
            - - name: a
                template: sya
          - name: say
            container:
              image: alpine:3.20
        """;

    [Fact]
    public void Undefined_templates_suggest_the_closest_name()
    {
        var file = ArgoYaml.ReadText(Manifest);
        ArgoValidator.Validate([file]);
        var findings = file.AllFindings.ToList();

        var entrypoint = Assert.Single(findings, f => f.Path == "spec.entrypoint");
        Assert.Equal(FindingCodes.EntrypointUndefined.Code, entrypoint.Code);
        Assert.EndsWith("did you mean 'main'?", entrypoint.Message);

        var step = Assert.Single(findings, f => f.Path == "spec.templates[0].steps[0][0].template");
        Assert.Equal(FindingCodes.TemplateUndefined.Code, step.Code);
        Assert.EndsWith("did you mean 'say'?", step.Message);
    }

    [Fact]
    public void No_suggestion_when_nothing_is_close()
    {
        var file = ArgoYaml.ReadText(Manifest.Replace("template: sya", "template: zzzzzz"));
        ArgoValidator.Validate([file]);

        var step = Assert.Single(file.AllFindings, f => f.Path == "spec.templates[0].steps[0][0].template");
        Assert.Contains("name one of spec.templates or use templateRef", step.Message);
    }
}
