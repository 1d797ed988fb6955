using FineTuning.Toolkit.Datasets;
using FineTuning.Toolkit.Datasets.Jsonl;

namespace FineTuning.Toolkit.Validation;

/// <summary>One line of a <see cref="LineBatch"/>: where its bytes are in the batch buffer and what is known about it.</summary>
/// <param name="Line">The 1-based line number.</param>
/// <param name="ExampleIndex">The 0-based example index, or -1 for a blank line.</param>
/// <param name="Kind">Content, blank or too long.</param>
/// <param name="Offset">The offset of the line's bytes in the batch buffer.</param>
/// <param name="Length">The number of bytes in the batch buffer.</param>
/// <param name="RawLength">The length of the line in the file (also for a line too long to keep).</param>
/// <param name="Category">The example's category when known from a <c>Dataset</c>.</param>
/// <param name="Source">The example when validating a <c>Dataset</c>.</param>
internal readonly record struct LineSlot(int Line, int ExampleIndex, JsonlLineKind Kind, int Offset, int Length, long RawLength, string? Category, DatasetExample? Source);
