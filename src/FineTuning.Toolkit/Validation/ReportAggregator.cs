using FineTuning.Toolkit.Validation.Rules;
using System.Runtime.CompilerServices;

namespace FineTuning.Toolkit.Validation;

/// <summary>
/// Consumes line results in file order: keeps the issues (at most <see cref="ValidationOptions.MaxIssuesPerCode"/> per
/// code, all counted), runs the dataset-wide checks, and accumulates token statistics in bounded memory.
/// </summary>
internal sealed class ReportAggregator
{
    private readonly ValidationOptions _options;
    private readonly string? _filePath;
    private readonly string _fileLabel;
    private readonly int _tokenLimit;
    private readonly List<IDatasetCheck> _checks;
    private readonly List<ValidationIssue> _issues = [];
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly Histogram _tokens = new();
    private readonly Histogram _assistantTokens = new();
    private readonly Histogram _messages = new();
    private readonly Action<ValidationIssue> _datasetIssue;
    private long _total;
    private long _billable;
    private int _counted;

    public ReportAggregator(ValidationOptions options, string? filePath, int tokenLimit, bool collectConversations, IEnumerable<IDatasetCheck>? extraChecks = null, string? label = null)
    {
        _options = options;
        _filePath = filePath;
        _fileLabel = ExampleRuleContext.LabelOf(filePath, label);
        _tokenLimit = tokenLimit;
        _checks =
        [
            new DuplicateExampleRule(options),
            new SystemPromptConsistencyRule(options),
            new CategoryCoverageRule(),
            new ExampleCountRule(),
        ];
        _checks.AddRange(extraChecks ?? []);
        Conversations = collectConversations ? new HashIndex() : null;
        _datasetIssue = issue => AddIssue(issue with { Message = _fileLabel + issue.Message, FilePath = _filePath });
    }

    /// <summary>Gets the conversation hashes (system messages aside) of the examples, when collected for an overlap check.</summary>
    public HashIndex? Conversations { get; }

    public int ExampleCount { get; private set; }

    public int ErrorCount { get; private set; }

    public int WarningCount { get; private set; }

    public long TotalTokens => _total;

    public IReadOnlyList<ValidationIssue> Issues => _issues;

    public IReadOnlyDictionary<string, int> Counts => _counts;

    public bool IsEnabled(string code) => _options.IsEnabled(code);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(in LineResult result)
    {
        if (result.IsExample)
        {
            ExampleCount++;
        }

        if (result.Issues is not null)
        {
            foreach (var issue in result.Issues)
            {
                AddIssue(issue);
            }
        }

        if (result.Unlisted is not null)
        {
            foreach (var unlisted in result.Unlisted)
            {
                CountUnlisted(unlisted.Code, unlisted.Severity, unlisted.Count);
            }
        }

        if (result.Counted)
        {
            _counted++;
            _total += result.TotalTokens;
            _billable += Math.Min(_tokenLimit, result.TotalTokens);
            _tokens.Add(result.TotalTokens);
            _assistantTokens.Add(result.AssistantTokens);
            _messages.Add(result.MessageCount);
            Conversations?.TryAdd(result.OverlapHash, result.Line, out _);
        }

        foreach (var check in _checks)
        {
            check.Observe(in result, _datasetIssue);
        }
    }

    public void AddIssue(ValidationIssue issue)
    {
        _counts[issue.Code] = _counts.TryGetValue(issue.Code, out var n) ? n + 1 : 1;
        if (issue.Severity == ValidationSeverity.Error)
        {
            ErrorCount++;
        }
        else
        {
            WarningCount++;
        }

        if (n < _options.MaxIssuesPerCode)
        {
            _issues.Add(issue);
        }
    }

    /// <summary>Counts issues that were found but not kept one by one (memory bounds of the dataset-wide checks).</summary>
    public void CountUnlisted(string code, ValidationSeverity severity, int count)
    {
        if (count <= 0)
        {
            return;
        }

        _counts[code] = _counts.TryGetValue(code, out var n) ? n + count : count;
        if (severity == ValidationSeverity.Error)
        {
            ErrorCount += count;
        }
        else
        {
            WarningCount += count;
        }
    }

    /// <summary>Runs the dataset-wide checks' final step.</summary>
    public void Complete()
    {
        var state = new DatasetState(ExampleCount, _options, _fileLabel, _filePath, CountUnlisted);
        foreach (var check in _checks)
        {
            check.Complete(state, _datasetIssue);
        }
    }

    public TokenStatistics BuildTokens() =>
        new(_total, _billable, _tokens.ToStatistics(), _assistantTokens.ToStatistics(), _messages.ToStatistics());

    public CostEstimate BuildCost() => CostEstimator.Estimate(_billable, _counted, _options.Model, _options.Epochs, _options.Catalog, _options.Provider);

    public static List<ValidationIssue> Sort(IEnumerable<ValidationIssue> issues) =>
        [.. issues.OrderBy(i => i.Line ?? int.MaxValue)];
}
