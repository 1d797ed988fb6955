using System.Globalization;

namespace FineTuning.Toolkit.Comparison.Scorers;

/// <summary>
/// Checks the TechFlow response format: bold headings, numbered steps, a closing next-step line, length and emoji, as
/// configured by <see cref="FormatRules"/>. Cases whose expectations set <see cref="TestExpectations.RequiresFormat"/>
/// to <see langword="false"/> are not applicable.
/// </summary>
internal sealed class FormatComplianceScorer : IScorer
{
    private readonly FormatRules _rules;

    /// <summary>Initializes a new instance of the <see cref="FormatComplianceScorer"/> class.</summary>
    /// <param name="rules">The rules; defaults to the lab's format.</param>
    public FormatComplianceScorer(FormatRules? rules = null)
    {
        _rules = rules ?? new FormatRules();
    }

    /// <inheritdoc/>
    public string Criterion => Criteria.Format;

    /// <inheritdoc/>
    public ValueTask<Score> ScoreAsync(ScoringContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.TestCase.Expectations.RequiresFormat == false)
        {
            return ValueTask.FromResult(Score.NotApplicable(Criterion, "the case does not require the format"));
        }

        var rules = context.FormatRules ?? _rules;
        var text = context.Response;
        var violations = new List<string>();
        if (rules.RequireBoldHeading && TextFeatures.CountHeadings(text, rules) == 0)
        {
            violations.Add("no bold heading");
        }

        if (rules.RequireNumberedSteps)
        {
            var steps = TextFeatures.CountNumberedSteps(text);
            if (steps < rules.MinimumNumberedSteps)
            {
                violations.Add(string.Create(CultureInfo.InvariantCulture, $"{steps} numbered steps (at least {rules.MinimumNumberedSteps} required)"));
            }
        }

        if (rules.RequireClosingNextStep && !TextFeatures.OffersNextStep(TextFeatures.ClosingLine(text)))
        {
            violations.Add("no closing next-step line");
        }

        if (rules.RequireEmoji && !TextFeatures.HasEmoji(text))
        {
            violations.Add("no emoji");
        }

        var length = text.Trim().Length;
        if (length < rules.MinimumLength)
        {
            violations.Add(string.Create(CultureInfo.InvariantCulture, $"too short ({length} < {rules.MinimumLength} characters)"));
        }
        else if (length > rules.MaximumLength)
        {
            violations.Add(string.Create(CultureInfo.InvariantCulture, $"too long ({length} > {rules.MaximumLength} characters)"));
        }

        return ValueTask.FromResult(violations.Count == 0
            ? Score.Pass(Criterion, "follows the format")
            : Score.Fail(Criterion, string.Join("; ", violations)));
    }
}
