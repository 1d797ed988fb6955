using System.Globalization;
using System.Text.Json;
using FineTuning.Toolkit.Datasets;

namespace FineTuning.Toolkit.Validation;

/// <summary>The example being checked by the per-example rules: its JSON, its messages and where to report issues.</summary>
internal sealed class ExampleContext
{
    private static readonly Dictionary<string, ValidationSeverity> Severities =
        ValidationIssueCodes.All.ToDictionary(e => e.Code, e => e.Severity, StringComparer.Ordinal);

    public ExampleContext(ValidationOptions options, TokenCounter counter, int tokenLimit, string? filePath, string? label = null)
    {
        Options = options;
        Counter = counter;
        TokenLimit = tokenLimit;
        FilePath = filePath;
        FileLabel = LabelOf(filePath, label);
    }

    public ValidationOptions Options { get; }

    public TokenCounter Counter { get; }

    public int TokenLimit { get; }

    public string? FilePath { get; }

    public string FileLabel { get; }

    public int Line { get; private set; }

    public int ExampleIndex { get; private set; }

    public string? Category { get; set; }

    public DatasetExample? Source { get; private set; }

    public JsonElement Root { get; set; }

    public List<MessageInfo> Messages { get; } = [];

    /// <summary>Gets the reader of string values that repeat from line to line (system prompts).</summary>
    public RepeatedStringReader RepeatedStrings { get; } = new();

    /// <summary>Gets the long texts found free of mojibake in this batch (each repeated text is scanned once).</summary>
    public RecentTexts CleanOfMojibake { get; } = new();

    /// <summary>Gets the long texts found free of personal data and secrets in this batch.</summary>
    public RecentTexts CleanOfSensitiveData { get; } = new();

    /// <summary>Gets or sets a value indicating whether the example's shape was readable enough to check its messages.</summary>
    public bool HasShape { get; set; }

    public JsonElement Tools { get; set; }

    public int TotalTokens { get; set; }

    public int AssistantTokens { get; set; }

    public List<ValidationIssue>? Issues { get; private set; }

    public void Reset(int line, int exampleIndex, string? category, DatasetExample? source)
    {
        Line = line;
        ExampleIndex = exampleIndex;
        Category = category;
        Source = source;
        Root = default;
        Tools = default;
        Messages.Clear();
        HasShape = false;
        TotalTokens = 0;
        AssistantTokens = 0;
        Issues = null;
    }

    public bool IsEnabled(string code) => Options.IsEnabled(code);

    /// <summary>Gets the prefix of issue messages: the file name, or the given label (for example "validation set"), then ", ".</summary>
    public static string LabelOf(string? filePath, string? label) =>
        label is not null ? label + ", " : filePath is null ? string.Empty : Path.GetFileName(filePath) + ", ";

    public void Report(string code, string message, int? messageIndex = null, string? field = null) =>
        Report(code, Severities.TryGetValue(code, out var severity) ? severity : ValidationSeverity.Error, message, messageIndex, field);

    public void Report(string code, ValidationSeverity severity, string message, int? messageIndex = null, string? field = null)
    {
        if (!Options.IsEnabled(code))
        {
            return;
        }

        var example = ExampleIndex >= 0 ? string.Create(CultureInfo.InvariantCulture, $" (example {ExampleIndex})") : string.Empty;
        var where = field is null
            ? string.Create(CultureInfo.InvariantCulture, $"{FileLabel}line {Line}{example}")
            : string.Create(CultureInfo.InvariantCulture, $"{FileLabel}line {Line}{example}, {field}");
        (Issues ??= []).Add(new ValidationIssue(code, severity, where + ": " + message)
        {
            Line = Line,
            ExampleIndex = ExampleIndex >= 0 ? ExampleIndex : null,
            MessageIndex = messageIndex,
            Field = field,
            FilePath = FilePath,
        });
    }
}
