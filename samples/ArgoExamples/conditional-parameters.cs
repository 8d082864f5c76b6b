// Port of: conditional-parameters.yaml
using Pipelines;

namespace ArgoExamples;

// The outputs of a steps template: its value is an expression over the steps' results.
public sealed record StepResultOutputs
{
    [OutputParameter(Name = "stepresult", Expression = "steps['flip-coin'].outputs.result == 'heads' ? steps.heads.outputs.result : steps.tails.outputs.result")]
    public string StepResult { get; init; } = string.Empty;
}

/// <summary>
/// Conditional parameters provide a way to choose the output parameters based on expression.
///
/// In this example the step template has two steps which will run conditionally on `when`.
///
/// Based on that condition, one of step will not be executed. The step template's output parameter will be
/// set from the executed step's output.
/// </summary>
[Workflow(GenerateName = "conditional-parameter-")]
[Annotation("workflows.argoproj.io/version", ">= 3.1.0")]
public partial class ConditionalParameters
{
    // A steps template with outputs returns Node<TOutputs>; the body ends with Node.WithOutputs<TOutputs>().
    [Steps, Entrypoint]
    public static Node<StepResultOutputs> Main()
    {
        var flip = FlipCoin().Named("flip-coin");
        Parallel(
            Heads().When(flip.Result == "heads"),
            Tails().When(flip.Result == "tails"));
        return Node.WithOutputs<StepResultOutputs>();
    }

    [Script("python:alpine3.23", Command = ["python"], Source = """
        import random
        print("heads" if random.randint(0,1) == 0 else "tails")
        """)]
    public static partial Node FlipCoin();

    [Script("python:alpine3.23", Command = ["python"], Source = """
        print("heads")
        """)]
    public static partial Node Heads();

    [Script("python:alpine3.23", Command = ["python"], Source = """
        print("tails")
        """)]
    public static partial Node Tails();
}
