namespace FineTuning.Toolkit.Datasets;

/// <summary>How <see cref="DatasetBuilder.AddCsv(string, CsvImportOptions?)"/> reads a CSV file: one single-turn example per row.</summary>
/// <remarks>The first row is a header; column names are matched case-insensitively. Quoted fields may hold the delimiter,
/// quotes and line breaks (RFC 4180).</remarks>
public sealed class CsvImportOptions
{
    /// <summary>Gets the default options.</summary>
    internal static CsvImportOptions Default { get; } = new();

    /// <summary>Gets or sets the header of the required column holding the user message.</summary>
    /// <value>The default is <c>user</c>.</value>
    public string UserColumn { get; set; } = "user";

    /// <summary>Gets or sets the header of the required column holding the assistant answer.</summary>
    /// <value>The default is <c>assistant</c>.</value>
    public string AssistantColumn { get; set; } = "assistant";

    /// <summary>Gets or sets the header of the optional column holding a system prompt; an empty cell means none.</summary>
    /// <value>The default is <c>system</c>.</value>
    public string SystemColumn { get; set; } = "system";

    /// <summary>Gets or sets the header of the optional column holding the category; an empty cell means none.</summary>
    /// <value>The default is <c>category</c>.</value>
    public string CategoryColumn { get; set; } = "category";

    /// <summary>Gets or sets the field delimiter.</summary>
    /// <value>The default is <c>,</c>.</value>
    public string Delimiter { get; set; } = ",";
}
