using System.Runtime.CompilerServices;
using System.Globalization;

namespace FineTuning.Toolkit.Validation.Rules;

/// <summary>
/// Warns on examples whose system prompt differs from the one most examples use (memory bounded: at most
/// <see cref="MaxDistinctPrompts"/> distinct prompts and <see cref="MaxLinesPerPrompt"/> lines each are remembered).
/// </summary>
internal sealed class SystemPromptConsistencyRule : IDatasetCheck
{
    public const int MaxDistinctPrompts = 1000;
    public const int MaxLinesPerPrompt = 200;

    private readonly Dictionary<ulong, PromptStats> _prompts = [];
    private readonly bool _enabled;

    public SystemPromptConsistencyRule(ValidationOptions options)
    {
        _enabled = options.IsEnabled(ValidationIssueCodes.InconsistentSystemPrompt);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Observe(in LineResult result, Action<ValidationIssue> report)
    {
        if (!_enabled || !result.HasSystemPrompt)
        {
            return;
        }

        if (!_prompts.TryGetValue(result.SystemPromptHash, out var stats))
        {
            if (_prompts.Count >= MaxDistinctPrompts)
            {
                return;
            }

            stats = new PromptStats(result.Line);
            _prompts[result.SystemPromptHash] = stats;
        }

        if (stats.Preview is null && result.SystemPrompt is { } prompt)
        {
            stats.Preview = prompt.Length <= 60 ? prompt : prompt[..60] + "…";
        }

        stats.Count++;
        if (stats.Lines.Count < MaxLinesPerPrompt)
        {
            stats.Lines.Add((result.Line, result.ExampleIndex));
        }
    }

    public void Complete(DatasetState state, Action<ValidationIssue> report)
    {
        if (_prompts.Count < 2)
        {
            return;
        }

        var main = _prompts.Values.OrderByDescending(p => p.Count).ThenBy(p => p.FirstLine).First();
        foreach (var other in _prompts.Values.Where(p => !ReferenceEquals(p, main)).OrderBy(p => p.FirstLine))
        {
            foreach (var (line, exampleIndex) in other.Lines)
            {
                report(new ValidationIssue(
                    ValidationIssueCodes.InconsistentSystemPrompt,
                    ValidationSeverity.Warning,
                    string.Create(CultureInfo.InvariantCulture,
                        $"line {line} (example {exampleIndex}): the system prompt \"{other.Preview}\" differs from the one {main.Count} examples use (\"{main.Preview}\", first on line {main.FirstLine})."))
                {
                    Line = line,
                    ExampleIndex = exampleIndex,
                });
            }

            state.CountUnlisted(ValidationIssueCodes.InconsistentSystemPrompt, ValidationSeverity.Warning, other.Count - other.Lines.Count);
        }
    }

    private sealed class PromptStats(int firstLine)
    {
        public string? Preview { get; set; }

        public int FirstLine { get; } = firstLine;

        public int Count { get; set; }

        public List<(int Line, int ExampleIndex)> Lines { get; } = [];
    }
}
