namespace FineTuning.Toolkit.Datasets.Jsonl;

/// <summary>Limits applied while reading a JSONL file, so that a hostile or broken file ends in an error record, never a crash.</summary>
internal sealed class JsonlReaderOptions
{
    /// <summary>The default <see cref="MaxLineBytes"/>: 32 MiB.</summary>
    public const int DefaultMaxLineBytes = 32 * 1024 * 1024;

    /// <summary>The default <see cref="MaxDepth"/>: 64.</summary>
    public const int DefaultMaxDepth = 64;

    /// <summary>Gets the default options.</summary>
    internal static JsonlReaderOptions Default { get; } = new();

    /// <summary>Gets or sets the longest line accepted, in bytes, not counting the line terminator.</summary>
    /// <value>The default is <see cref="DefaultMaxLineBytes"/> (32 MiB). A longer line is reported as too long and skipped
    /// without being held in memory.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is zero or negative.</exception>
    public int MaxLineBytes
    {
        get;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            field = value;
        }
    } = DefaultMaxLineBytes;

    /// <summary>Gets or sets the deepest nesting of JSON objects and arrays accepted in one line.</summary>
    /// <value>The default is <see cref="DefaultMaxDepth"/> (64). A deeper line is reported as an error record.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is zero or negative.</exception>
    public int MaxDepth
    {
        get;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            field = value;
        }
    } = DefaultMaxDepth;

    /// <summary>Gets or sets a value indicating whether blank lines are passed over silently.</summary>
    /// <value>The default is <see langword="false"/>: each blank line yields a <see cref="JsonlErrorCodes.BlankLine"/> error record.</value>
    public bool SkipBlankLines { get; set; }
}
