using FineTuning.Toolkit.Comparison.Results;
using FineTuning.Toolkit.Comparison.Scorers;

namespace FineTuning.Toolkit.Comparison.Statistics;

/// <summary>
/// Computes the per-criterion summaries and the paired tests of a report in one pass over the answers' facts, one case at
/// a time: the results hold each case's answers together (every repeat of every model), so a case's pass shares are
/// tallied when its block ends and nothing per case is kept. The figures are those of clustering the answers by case:
/// a case's share is its passing repeats over its scored repeats (errors count as not passing for the rates and are left
/// out of the paired tests), the shares are summed in case order, and a case counts when it has a scored repeat.
/// </summary>
internal sealed class CaseTally
{
    private const int Outcomes = 4;
    private readonly IReadOnlyList<string> _models;
    private readonly IReadOnlyList<string> _criteria;
    private readonly int[] _ids;
    private readonly Dictionary<string, int> _modelIndex;
    private readonly int[,,] _totals;
    private readonly double[,] _shareSums;
    private readonly int[,] _cases;
    private readonly int[,,,] _pairs;
    private readonly int[,,] _block;

    private CaseTally(IReadOnlyList<string> models, IReadOnlyList<string> criteria, Func<string, int> criterionId)
    {
        _models = models;
        _criteria = criteria;
        _ids = [.. criteria.Select(criterionId)];
        _modelIndex = models.Select((m, i) => (m, i)).ToDictionary(x => x.m, x => x.i, StringComparer.Ordinal);
        _totals = new int[models.Count, criteria.Count, Outcomes];
        _shareSums = new double[models.Count, criteria.Count];
        _cases = new int[models.Count, criteria.Count];
        _pairs = new int[models.Count, models.Count, criteria.Count, 4];
        _block = new int[models.Count, criteria.Count, Outcomes];
    }

    public static (List<CriterionSummary> Summaries, List<PairedComparison> Paired) Compute(
        IReadOnlyList<string> models, IReadOnlyList<string> criteria, IReadOnlyList<AnswerFacts> results, Func<string, int> criterionId)
    {
        var tally = new CaseTally(models, criteria, criterionId);
        foreach (var (_, block) in ByCase(results))
        {
            foreach (var facts in block)
            {
                tally.Add(facts);
            }

            tally.CloseCase();
        }

        return (tally.Summaries(), tally.Paired());
    }

    /// <summary>
    /// The results' blocks of consecutive answers to one case (the results hold each case's answers together), each with
    /// the slot of its first answer; one block is held at a time.
    /// </summary>
    public static IEnumerable<(int Start, List<AnswerFacts> Facts)> ByCase(IEnumerable<AnswerFacts> results)
    {
        var start = 0;
        List<AnswerFacts> block = [];
        foreach (var facts in results)
        {
            if (block.Count > 0 && !string.Equals(facts.CaseId, block[0].CaseId, StringComparison.Ordinal))
            {
                yield return (start, block);
                start += block.Count;
                block = [];
            }

            block.Add(facts);
        }

        if (block.Count > 0)
        {
            yield return (start, block);
        }
    }

    private void Add(AnswerFacts facts)
    {
        if (!_modelIndex.TryGetValue(facts.Model, out var m))
        {
            return;
        }

        for (var c = 0; c < _ids.Length; c++)
        {
            if (facts.Outcome(_ids[c]) is { } outcome)
            {
                _totals[m, c, (int)outcome]++;
                _block[m, c, (int)outcome]++;
            }
        }
    }

    private void CloseCase()
    {
        for (var c = 0; c < _ids.Length; c++)
        {
            for (var m = 0; m < _models.Count; m++)
            {
                var scored = Scored(m, c) + _block[m, c, (int)ScoreOutcome.Error];
                if (scored > 0)
                {
                    _shareSums[m, c] += (double)_block[m, c, (int)ScoreOutcome.Pass] / scored;
                    _cases[m, c]++;
                }
            }

            for (var a = 0; a < _models.Count; a++)
            {
                for (var b = a + 1; b < _models.Count; b++)
                {
                    if (Scored(a, c) > 0 && Scored(b, c) > 0)
                    {
                        var shareA = (double)_block[a, c, (int)ScoreOutcome.Pass] / Scored(a, c);
                        var shareB = (double)_block[b, c, (int)ScoreOutcome.Pass] / Scored(b, c);
                        _pairs[a, b, c, shareA.CompareTo(shareB) switch { > 0 => 1, < 0 => 2, _ => shareA >= 0.5 ? 0 : 3 }]++;
                    }
                }
            }
        }

        Array.Clear(_block);
    }

    /// <summary>The decisive (passed or failed) repeats of model <paramref name="m"/> on criterion <paramref name="c"/> in the current case.</summary>
    private int Scored(int m, int c) => _block[m, c, (int)ScoreOutcome.Pass] + _block[m, c, (int)ScoreOutcome.Fail];

    private List<CriterionSummary> Summaries()
    {
        var summaries = new List<CriterionSummary>();
        for (var m = 0; m < _models.Count; m++)
        {
            for (var c = 0; c < _criteria.Count; c++)
            {
                var interval = WilsonInterval.Compute(Math.Min(_shareSums[m, c], _cases[m, c]), _cases[m, c]);
                summaries.Add(new CriterionSummary(
                    _models[m],
                    _criteria[c],
                    _totals[m, c, (int)ScoreOutcome.Pass],
                    _totals[m, c, (int)ScoreOutcome.Fail],
                    _totals[m, c, (int)ScoreOutcome.Error],
                    _totals[m, c, (int)ScoreOutcome.NotApplicable],
                    _cases[m, c],
                    interval.Rate,
                    interval.Lower,
                    interval.Upper));
            }
        }

        return summaries;
    }

    private List<PairedComparison> Paired()
    {
        var paired = new List<PairedComparison>();
        for (var a = 0; a < _models.Count; a++)
        {
            for (var b = a + 1; b < _models.Count; b++)
            {
                for (var c = 0; c < _criteria.Count; c++)
                {
                    int both = _pairs[a, b, c, 0], onlyA = _pairs[a, b, c, 1], onlyB = _pairs[a, b, c, 2], neither = _pairs[a, b, c, 3];
                    paired.Add(new PairedComparison(_criteria[c], _models[a], _models[b], both, onlyA, onlyB, neither, BinomialTest.McNemarExact(onlyA, onlyB)));
                }
            }
        }

        return paired;
    }
}
