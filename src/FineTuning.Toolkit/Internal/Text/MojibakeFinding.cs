namespace FineTuning.Toolkit.Internal.Text;

/// <summary>One run of mojibake: UTF-8 bytes that were decoded with a legacy single-byte code page.</summary>
/// <param name="Index">The index of the first garbled character in the text.</param>
/// <param name="Length">The number of garbled characters.</param>
/// <param name="Garbled">The garbled characters as they appear (for example <c>Ã©</c>).</param>
/// <param name="Repaired">The text the bytes meant (for example <c>é</c>).</param>
/// <param name="CodePage">The code page that was wrongly used: <c>windows-1252</c> or <c>macintosh</c>.</param>
internal readonly record struct MojibakeFinding(int Index, int Length, string Garbled, string Repaired, string CodePage)
{
    /// <summary>Gets a short preview for reports: <c>"Ã©" (é, UTF-8 read as windows-1252)</c>.</summary>
    public string Preview => $"\"{Garbled}\" ({Repaired}, UTF-8 read as {CodePage})";
}
