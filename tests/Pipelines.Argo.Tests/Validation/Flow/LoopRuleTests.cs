using Pipelines.Argo.Validation;

namespace Pipelines.Argo.Tests.Validation.Flow;

public sealed class LoopRuleTests
{
    private static string Wf(string loop, string value) => FlowFixture.Workflow($$"""
            - name: main
              steps:
              - - name: gen
                  template: gen
              - - name: a
                  template: echo
                  arguments:
                    parameters:
                    - name: msg
                      value: "{{value}}"
        {{loop}}
            - name: gen
              script:
                image: alpine
                source: echo
            - name: echo
              inputs:
                parameters:
                - name: msg
              container:
                image: alpine

        """);

    [Fact]
    public void Item_keys_follow_withItems_maps()
    {
        const string loop = "          withItems:\n          - {name: a, size: 1}\n          - {name: b}";
        FlowFixture.None(Wf(loop, "{{item.name}} {{item.size}} {{item}}"));
        var f = FlowFixture.Single(Wf(loop, "{{item.nam}}"), FindingCodes.UnresolvedItem, "spec.templates[0].steps[1][0].arguments.parameters[0].value");
        Assert.Contains("did you mean 'name'", f.Message);
    }

    [Fact]
    public void Item_indexes_follow_withItems_lists_and_withParam_accepts_any_key()
    {
        FlowFixture.None(Wf("          withItems:\n          - [a, b]", "{{item.[0]}} {{item.[1]}}"));
        FlowFixture.Single(Wf("          withItems:\n          - [a, b]", "{{item.[2]}}"), FindingCodes.UnresolvedItem, "spec.templates[0].steps[1][0].arguments.parameters[0].value");
        FlowFixture.None(Wf("          withParam: \"{{steps.gen.outputs.result}}\"", "{{item.anything}}"));
    }

    [Fact]
    public void WithSequence_only_provides_item()
    {
        FlowFixture.None(Wf("          withSequence:\n            count: \"3\"", "{{item}}"));
        FlowFixture.Single(Wf("          withSequence:\n            count: \"3\"", "{{item.x}}"), FindingCodes.UnresolvedItem, "spec.templates[0].steps[1][0].arguments.parameters[0].value");
    }

    [Fact]
    public void WithParam_must_reference_an_earlier_step()
    {
        FlowFixture.Single(Wf("          withParam: \"{{steps.gne.outputs.result}}\"", "{{item}}"), FindingCodes.UnresolvedStepReference, "spec.templates[0].steps[1][0].withParam");
    }

    [Fact]
    public void Only_one_loop_kind()
    {
        var f = FlowFixture.Single(Wf("          withItems: [a]\n          withParam: \"[1]\"", "{{item}}"), FindingCodes.MultipleLoops, "spec.templates[0].steps[1][0].withParam");
        Assert.Contains("only one of withItems, withParam, withSequence", f.Message);
    }

    [Fact]
    public void WithSequence_count_and_end_conflict()
    {
        FlowFixture.Single(Wf("          withSequence:\n            count: \"5\"\n            end: \"9\"", "{{item}}"), FindingCodes.SequenceCountAndEnd, "spec.templates[0].steps[1][0].withSequence.end");
        FlowFixture.None(Wf("          withSequence:\n            start: \"5\"\n            end: \"9\"", "{{item}}"));
    }

    [Fact]
    public void Item_keys_leaking_from_another_step_are_a_warning()
    {
        var yaml = FlowFixture.Workflow("""
                - name: main
                  steps:
                  - - name: a
                      template: echo
                      arguments:
                        parameters:
                        - name: msg
                          value: "{{item.name}}"
                      withItems: [{name: x}]
                  - - name: b
                      template: echo
                      arguments:
                        parameters:
                        - name: msg
                          value: "{{item.name}}"
                - name: echo
                  inputs:
                    parameters:
                    - name: msg
                  container:
                    image: alpine

            """);
        FlowFixture.Single(yaml, FindingCodes.ItemOutsideLoop, "spec.templates[0].steps[1][0].arguments.parameters[0].value", Severity.Warning);
    }
}
