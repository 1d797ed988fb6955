using System.Text;
using FineTuning.Toolkit.Comparison.Scorers;

namespace FineTuning.Toolkit.Comparison;

/// <summary>
/// An ordered set of <see cref="TestCase"/>s with a shared system prompt. Load one from JSON or JSONL with
/// <see cref="LoadAsync"/> (format in the README's comparer section), or build one in code.
/// </summary>
public sealed class TestSuite
{
    /// <summary>Initializes a new instance of the <see cref="TestSuite"/> class.</summary>
    /// <param name="name">The suite name shown in reports.</param>
    /// <param name="cases">The cases; identifiers must be unique.</param>
    /// <param name="systemPrompt">The system prompt sent before every case, or <see langword="null"/>.</param>
    public TestSuite(string name, IEnumerable<TestCase> cases, string? systemPrompt = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(cases);
        var list = new List<TestCase>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var testCase in cases)
        {
            if (testCase is null)
            {
                throw new ArgumentException($"Suite '{name}' contains a null case.", nameof(cases));
            }

            if (!ids.Add(testCase.Id))
            {
                throw new ArgumentException($"Suite '{name}' contains the case id '{testCase.Id}' more than once.", nameof(cases));
            }

            list.Add(testCase);
        }

        if (list.Count == 0)
        {
            throw new ArgumentException($"Suite '{name}' has no cases.", nameof(cases));
        }

        Name = name;
        Cases = list.AsReadOnly();
        SystemPrompt = string.IsNullOrEmpty(systemPrompt) ? null : systemPrompt;
    }

    /// <summary>Gets the name.</summary>
    public string Name { get; }

    /// <summary>Gets the system prompt, or <see langword="null"/>.</summary>
    public string? SystemPrompt { get; }

    /// <summary>Gets the cases in order.</summary>
    public IReadOnlyList<TestCase> Cases { get; }

    /// <summary>
    /// Gets the format this suite's answers must follow, for the format-compliance scorer; overrides the scorer's own
    /// rules, so suites with different house styles can run through one comparer.
    /// </summary>
    /// <value>Defaults to <see langword="null"/> (the scorer's rules).</value>
    public FormatRules? FormatRules { get; init; }

    /// <summary>
    /// Loads a suite from a file: <c>.jsonl</c> files hold one case per line (optionally preceded by a
    /// <c>{"suite": {"name": ..., "systemPrompt": ...}}</c> header line); any other file is one JSON document
    /// <c>{"name", "systemPrompt", "cases": [...]}</c>.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The suite.</returns>
    /// <exception cref="DataFormatException">The file is malformed; the message names the line, case and field.</exception>
    public static async Task<TestSuite> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var text = await File.ReadAllTextAsync(path, Encoding.UTF8, cancellationToken).ConfigureAwait(false);
        var source = Path.GetFileName(path);
        var defaultName = Path.GetFileNameWithoutExtension(path);
        return path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase)
            ? TestSuiteSerializer.ParseJsonl(text, source, defaultName)
            : TestSuiteSerializer.ParseJson(text, source, defaultName);
    }

    /// <summary>Parses a suite from a JSON document.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="source">A name for error messages.</param>
    /// <returns>The suite.</returns>
    /// <exception cref="DataFormatException">The text is malformed.</exception>
    public static TestSuite FromJson(string json, string source = "(json)")
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(source);
        return TestSuiteSerializer.ParseJson(json, source, "suite");
    }

    /// <summary>Parses a suite from JSONL text: one case per line, optionally a <c>{"suite": {...}}</c> header line first.</summary>
    /// <param name="jsonl">The JSONL text.</param>
    /// <param name="source">A name for error messages (and the suite name when there is no header).</param>
    /// <returns>The suite.</returns>
    /// <exception cref="DataFormatException">The text is malformed.</exception>
    public static TestSuite FromJsonl(string jsonl, string source = "(jsonl)")
    {
        ArgumentNullException.ThrowIfNull(jsonl);
        ArgumentNullException.ThrowIfNull(source);
        return TestSuiteSerializer.ParseJsonl(jsonl, source, source);
    }

    /// <summary>Serializes the suite as one indented JSON document (the format <see cref="FromJson"/> reads).</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson() => TestSuiteWriter.ToJson(this);

    /// <summary>Serializes the suite as JSONL: a header line, then one case per line.</summary>
    /// <returns>The JSONL text.</returns>
    public string ToJsonl() => TestSuiteWriter.ToJsonl(this);

    /// <summary>Writes the suite to a file, as JSONL when the name ends in <c>.jsonl</c>, else as JSON.</summary>
    /// <param name="path">The file.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>A task that completes when the file is written.</returns>
    public async Task SaveAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var text = path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) ? ToJsonl() : ToJson();
        await File.WriteAllTextAsync(path, text, new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
    }
}
