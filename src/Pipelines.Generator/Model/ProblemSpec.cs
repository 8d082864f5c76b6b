namespace Pipelines.Generator.Model;

/// <summary>
/// Where a problem is: the file, the character span and the 0-based line span, as plain numbers (the model holds no
/// Roslyn <c>Location</c>; the analyzers turn this back into one).
/// </summary>
internal sealed record SourceSpanSpec(string FilePath, int Start, int Length, int StartLine, int StartColumn, int EndLine, int EndColumn);

/// <summary>
/// Something the parser skipped or could not translate: the analyzer diagnostic code it becomes, the message
/// arguments and where it is. The generator ignores problems (it emits what it could read); the analyzers report them.
/// </summary>
internal sealed record ProblemSpec(string Code, ImmutableEquatableArray<string> Arguments, SourceSpanSpec Location);
