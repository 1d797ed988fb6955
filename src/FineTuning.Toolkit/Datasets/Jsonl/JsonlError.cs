namespace FineTuning.Toolkit.Datasets.Jsonl;

/// <summary>Why one JSONL line could not be read as a <see cref="DatasetExample"/>.</summary>
/// <param name="Code">A stable code from <see cref="JsonlErrorCodes"/>.</param>
/// <param name="Message">A readable message naming the line and, when known, the field.</param>
/// <param name="Field">The JSON path of the offending field (for example <c>messages[2].role</c>), or <see langword="null"/> for the whole line.</param>
internal sealed record JsonlError(string Code, string Message, string? Field = null);
