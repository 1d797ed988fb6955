namespace FineTuning.Toolkit.Datasets.Jsonl;

/// <summary>Where a value's raw JSON text is in its line, so that it is copied only when needed (never re-serialized).</summary>
/// <param name="Start">The offset of its first byte.</param>
/// <param name="End">The offset after its last byte.</param>
internal readonly record struct JsonlSpan(int Start, int End)
{
    /// <summary>Gets the raw text of the value in <paramref name="line"/>.</summary>
    /// <param name="line">The line the span was read from.</param>
    /// <returns>The text.</returns>
    public string TextOf(ReadOnlyMemory<byte> line) => System.Text.Encoding.UTF8.GetString(line.Span[Start..End]);

    /// <summary>Gets the raw text of the value (escapes as written) in the line's text buffer, without a string: valid
    /// until the line is reset.</summary>
    /// <param name="line">The line the span was read from (well-formed UTF-8).</param>
    /// <returns>The text.</returns>
    public ReadOnlyMemory<char> TextIn(JsonlLine line)
    {
        var bytes = line.Bytes.Span[Start..End];
        return line.Texts.Commit(System.Text.Encoding.UTF8.GetChars(bytes, line.Texts.Reserve(bytes.Length)));
    }
}
