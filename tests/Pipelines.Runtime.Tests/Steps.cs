using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;
using Pipelines;

namespace Pipelines.Runtime.Tests;

public enum Colour
{
    Red,
    Green,
    Blue,
}

public sealed record Point(int X, int Y);

public sealed record Shape(string Name, IReadOnlyList<Point> Points, Colour Colour);

public sealed record Measured([property: OutputParameter] double Area, [property: OutputParameter(Name = "label")] string Caption, [property: OutputArtifact] byte[] Raw, [property: OutputArtifact] string Svg);

[JsonSerializable(typeof(Shape))]
[JsonSerializable(typeof(Point))]
internal sealed partial class TestJsonContext : JsonSerializerContext
{
}

/// <summary>C# steps covering every supported parameter and return shape; the generator builds their invokers.</summary>
public static class Steps
{
    public static readonly AsyncLocal<string?> Seen = new();

    [Step]
    public static string Echo(string text) => text;

    [Step]
    public static bool Not(bool value) => !value;

    [Step]
    public static int Twice(int value) => value * 2;

    [Step]
    public static long Big(long value) => value + 1;

    [Step]
    public static double Half(double value) => value / 2;

    [Step]
    public static decimal Money(decimal amount) => amount * 3;

    [Step]
    public static Colour Next(Colour colour) => (Colour)(((int)colour + 1) % 3);

    [Step]
    public static Shape Move(Shape shape, int dx = 1) => shape with { Points = shape.Points.Select(p => p with { X = p.X + dx }).ToList() };

    [Step]
    public static int Sum(List<int> values, IReadOnlyList<long> more, int[] extra) => values.Sum() + (int)more.Sum() + extra.Sum();

    [Step]
    public static Dictionary<string, int> Lengths(Dictionary<string, string> words) => words.ToDictionary(p => p.Key, p => p.Value.Length);

    [Step]
    public static string Optional(string name = "world", int count = 2, bool loud = false, Colour colour = Colour.Blue, double ratio = 0.5) =>
        name + "," + count + "," + loud + "," + colour + "," + ratio.ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Step]
    public static int? Maybe(int? value) => value;

    [Step]
    public static void Record(string note) => Seen.Value = note;

    [Step]
    public static async Task<int> SlowLength(string text, CancellationToken cancellationToken)
    {
        await Task.Delay(10, cancellationToken).ConfigureAwait(false);
        return text.Length;
    }

    [Step]
    public static async Task Hang(CancellationToken cancellationToken) => await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);

    [Step]
    public static Measured Measure(Shape shape) => new(
        shape.Points.Count * 1.5,
        "shape " + shape.Name,
        [1, 2, 3],
        "<svg>" + shape.Name + "</svg>");

    [Step]
    [InputArtifact("notes")]
    [InputArtifact("data")]
    [InputArtifact("shape")]
    public static string ReadArtifacts(string notes, byte[] data, Shape shape) => notes + "|" + data.Length + "|" + shape.Name;

    [Step]
    public static void Explode(string message) => throw new InvalidOperationException(message);

    [Step]
    [Name("renamed-step")]
    public static string Renamed([Name("the-input")] string value) => value;
}
