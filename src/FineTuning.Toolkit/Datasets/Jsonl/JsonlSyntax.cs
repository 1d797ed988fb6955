namespace FineTuning.Toolkit.Datasets.Jsonl;

/// <summary>Whether a line could be read as JSON.</summary>
internal enum JsonlSyntax
{
    /// <summary>Valid UTF-8 holding one valid JSON value.</summary>
    Valid,

    /// <summary>Not valid UTF-8.</summary>
    InvalidUtf8,

    /// <summary>Not valid JSON.</summary>
    InvalidJson,

    /// <summary>Valid so far, but nested deeper than the limit.</summary>
    TooDeep,
}
