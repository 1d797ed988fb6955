namespace FineTuning.Toolkit.Datasets.Jsonl;

/// <summary>The group of root keys a mapping error belongs to: errors in the keys of the format a line is not in are ignored.</summary>
internal enum JsonlErrorGroup
{
    /// <summary>A key outside the format: it holds no errors.</summary>
    None,

    /// <summary>The chat format's keys (<c>messages</c>, <c>tools</c>, <c>parallel_tool_calls</c>).</summary>
    Chat,

    /// <summary>The preference format's keys (<c>input</c>, <c>preferred_output</c>, <c>non_preferred_output</c>).</summary>
    Other,

    /// <summary>The toolkit's metadata: an error there always counts.</summary>
    Metadata,
}
