namespace FineTuning.Toolkit.Datasets.Jsonl;

/// <summary>What <see cref="JsonlLineReader"/> found on the current line.</summary>
internal enum JsonlLineKind
{
    /// <summary>A line with content; <see cref="JsonlLineReader.Line"/> holds its bytes.</summary>
    Content,

    /// <summary>An empty line or one holding only spaces, tabs or carriage returns.</summary>
    Blank,

    /// <summary>A line longer than the byte limit; its bytes were skipped and <see cref="JsonlLineReader.Line"/> is empty.</summary>
    TooLong,
}
