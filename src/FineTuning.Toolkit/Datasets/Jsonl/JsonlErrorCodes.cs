namespace FineTuning.Toolkit.Datasets.Jsonl;

/// <summary>The codes of <see cref="JsonlError"/>.</summary>
internal static class JsonlErrorCodes
{
    /// <summary>The line is empty or holds only whitespace.</summary>
    public const string BlankLine = "blank_line";

    /// <summary>The line is longer than <see cref="JsonlReaderOptions.MaxLineBytes"/>; it was skipped.</summary>
    public const string LineTooLong = "line_too_long";

    /// <summary>The line is not valid UTF-8.</summary>
    public const string InvalidUtf8 = "invalid_utf8";

    /// <summary>The line is not valid JSON.</summary>
    public const string InvalidJson = "invalid_json";

    /// <summary>The line nests objects and arrays deeper than <see cref="JsonlReaderOptions.MaxDepth"/>.</summary>
    public const string MaxDepthExceeded = "max_depth_exceeded";

    /// <summary>The line is valid JSON but not an object.</summary>
    public const string NotAnObject = "not_an_object";

    /// <summary>A required field is missing (for example <c>messages</c>, a message's <c>role</c>).</summary>
    public const string MissingField = "missing_field";

    /// <summary>A field has the wrong JSON type (for example a number where a string is expected).</summary>
    public const string InvalidType = "invalid_type";

    /// <summary>A field has a value outside those the format allows (for example an unknown role).</summary>
    public const string InvalidValue = "invalid_value";
}
