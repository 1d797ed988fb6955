using System.Runtime.CompilerServices;
using System.Globalization;
using FineTuning.Toolkit.Datasets;
using FineTuning.Toolkit.Datasets.Jsonl;

namespace FineTuning.Toolkit.Validation;

/// <summary>
/// The example an <see cref="IExampleRule"/> checks: the typed example, where it comes from (file, line, index) and where
/// to report what is wrong. One context serves a worker's batch of examples in turn; do not keep it.
/// </summary>
public sealed class ExampleRuleContext
{
    private static readonly Dictionary<string, ValidationSeverity> Severities =
        ValidationIssueCodes.All.ToDictionary(e => e.Code, e => e.Severity, StringComparer.Ordinal);

    private DatasetExample? _example;
    private bool _parsed;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal ExampleRuleContext(ValidationOptions options, TokenCounter counter, int tokenLimit, string? filePath, string? label = null)
    {
        Options = options;
        Counter = counter;
        TokenLimit = tokenLimit;
        FilePath = filePath;
        FileLabel = LabelOf(filePath, label);
    }

    internal ValidationOptions Options { get; }

    internal TokenCounter Counter { get; }

    internal int TokenLimit { get; }

    /// <summary>Gets the file being validated, or <see langword="null"/> for a <see cref="Dataset"/> or a stream.</summary>
    public string? FilePath { get; }

    internal string FileLabel { get; }

    /// <summary>Gets the 1-based line of the example (for a <see cref="Dataset"/>: its index + 1).</summary>
    public int Line { get; private set; }

    /// <summary>Gets the 0-based index of the example among the examples (blank lines are not examples).</summary>
    public int ExampleIndex { get; private set; }

    /// <summary>Gets the example's category, when it has one.</summary>
    public string? Category { get; internal set; }

    /// <summary>
    /// Gets the typed example, or <see langword="null"/> when the line is not a valid example (its problems are reported by
    /// the built-in rules). A file's line is built from what the toolkit's JSONL reader read (the line is not read again)
    /// the first time a rule asks for it.
    /// </summary>
    public DatasetExample? Example
    {
        get
        {
            if (Source is not null)
            {
                return Source;
            }

            if (!_parsed)
            {
                _parsed = true;
                if (Facts.ToExample() is { } example)
                {
                    _example = example.Category is null && Category is not null ? example with { Category = Category } : example;
                }
            }

            return _example;
        }
    }

    internal DatasetExample? Source { get; private set; }

    /// <summary>Gets the line as the reader read it: the facts the built-in rules check (reused from line to line).</summary>
    internal JsonlLine Facts { get; } = new();

    internal List<MessageInfo> Messages { get; } = [];

    /// <summary>Gets the last long texts this worker found free of mojibake (a text repeated from line to line is scanned
    /// once).</summary>
    internal RecentTexts CleanOfMojibake { get; } = new();

    /// <summary>Gets the last long texts this worker found free of personal data and secrets.</summary>
    internal RecentTexts CleanOfSensitiveData { get; } = new();

    /// <summary>Gets or sets a value indicating whether the example's shape was readable enough to check its messages.</summary>
    internal bool HasShape { get; set; }

    /// <summary>Gets or sets the example's tool definitions as read, when it has a list of them.</summary>
    internal List<JsonlTool>? Tools { get; set; }

    internal int TotalTokens { get; set; }

    internal int AssistantTokens { get; set; }

    internal List<ValidationIssue>? Issues { get; private set; }

    /// <summary>Gets the issues of this line counted but not kept one by one: past <see cref="ValidationOptions.MaxIssuesPerCode"/>
    /// of one code in one line (a line of millions of bad messages keeps memory bounded; the report's counts stay exact).</summary>
    internal List<UnlistedIssues>? Unlisted { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal void Reset(int line, int exampleIndex, string? category, DatasetExample? source)
    {
        Line = line;
        ExampleIndex = exampleIndex;
        Category = category;
        Source = source;
        _example = null;
        _parsed = false;
        Tools = null;
        Messages.Clear();
        HasShape = false;
        TotalTokens = 0;
        AssistantTokens = 0;
        Issues = null;
        Unlisted = null;
    }

    internal bool IsEnabled(string code) => Options.IsEnabled(code);

    /// <summary>Gets the prefix of issue messages: the file name, or the given label (for example "validation set"), then ", ".</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static string LabelOf(string? filePath, string? label) =>
        label is not null ? label + ", " : filePath is null ? string.Empty : Path.GetFileName(filePath) + ", ";

    internal void Report(string code, string message, int? messageIndex = null, string? field = null) =>
        Report(code, Severities.TryGetValue(code, out var severity) ? severity : ValidationSeverity.Error, message, messageIndex, field);

    /// <summary>Reports an issue about the example (unless its code is disabled in the options).</summary>
    /// <param name="code">The issue code (snake_case recommended).</param>
    /// <param name="severity">The severity.</param>
    /// <param name="message">What is wrong and how to fix it.</param>
    /// <param name="field">The JSON path of the field at fault (for example <c>messages[2].content</c>), or <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="code"/> or <paramref name="message"/> is <see langword="null"/>.</exception>
    public void Report(string code, ValidationSeverity severity, string message, string? field = null)
    {
        ArgumentNullException.ThrowIfNull(code);
        ArgumentNullException.ThrowIfNull(message);
        Report(code, severity, message, null, field);
    }

    internal void Report(string code, ValidationSeverity severity, string message, int? messageIndex, string? field)
    {
        if (!IsEnabled(code))
        {
            return;
        }

        if (Issues is { Count: > 0 } kept && kept.Count >= Options.MaxIssuesPerCode && CountIfFull(kept, code, severity))
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

    // True when the line already keeps MaxIssuesPerCode issues of this code: the issue is then only counted.
    private bool CountIfFull(List<ValidationIssue> kept, string code, ValidationSeverity severity)
    {
        var unlisted = -1;
        for (var i = 0; Unlisted is not null && i < Unlisted.Count; i++)
        {
            if (Unlisted[i].Code == code)
            {
                unlisted = i;
                break;
            }
        }

        if (unlisted < 0)
        {
            var same = 0;
            foreach (var issue in kept)
            {
                same += issue.Code == code ? 1 : 0;
            }

            if (same < Options.MaxIssuesPerCode)
            {
                return false;
            }

            (Unlisted ??= []).Add(new UnlistedIssues(code, severity, 0));
            unlisted = Unlisted.Count - 1;
        }

        var entry = Unlisted![unlisted];
        Unlisted[unlisted] = entry with { Count = entry.Count + 1 };
        return true;
    }
}
