namespace FineTuning.Toolkit.Datasets;

/// <summary>Options for writing a <see cref="Dataset"/> as JSONL.</summary>
public sealed class JsonlWriterOptions
{
    /// <summary>
    /// The name of the single extra key that holds toolkit metadata when <see cref="IncludeMetadata"/> is set:
    /// <c>"_toolkit_metadata": {"category": "billing", "tags": ["v2"]}</c>. The reader maps it back to
    /// <see cref="DatasetExample.Category"/> and <see cref="DatasetExample.Tags"/>.
    /// </summary>
    public const string MetadataPropertyName = "_toolkit_metadata";

    /// <summary>Gets the default options.</summary>
    internal static JsonlWriterOptions Default { get; } = new();

    /// <summary>Gets or sets a value indicating whether each line carries the example's category and tags under
    /// <see cref="MetadataPropertyName"/>.</summary>
    /// <value>The default is <see langword="false"/>: files meant for training hold only the fields OpenAI defines. Turn it
    /// on for working files that you read back with <see cref="JsonlDatasetReader"/> or <c>DatasetBuilder.AddJsonl</c>.</value>
    public bool IncludeMetadata { get; set; }
}
