namespace FineTuning.Toolkit.Datasets.Jsonl;

/// <summary>The outcome of one step of <see cref="JsonlLineReader"/>'s state machine.</summary>
internal enum JsonlReadStep
{
    /// <summary>The buffer holds no complete line yet: read more from the stream.</summary>
    NeedMore,

    /// <summary>A line is available.</summary>
    Ready,

    /// <summary>The stream is exhausted.</summary>
    End,
}
