namespace FineTuning.Toolkit.Datasets;

/// <summary>How two examples are recognised as duplicates. Toolkit metadata (category, tags) is never compared.</summary>
public enum DeduplicationMode
{
    /// <summary>Duplicates have exactly the same training content (every message, tool and flag, compared as written to JSONL).</summary>
    Exact,

    /// <summary>Like <see cref="Exact"/>, after text is lower-cased (invariant culture) and runs of white space are collapsed
    /// to one space and trimmed: <c>"Reset  my Password\n"</c> and <c>"reset my password"</c> are duplicates.</summary>
    Normalized,
}
