using System.Text.Json;
using FineTuning.Toolkit.Comparison.Execution;
using FineTuning.Toolkit.Comparison.Scorers;
using Microsoft.Win32.SafeHandles;

namespace FineTuning.Toolkit.Comparison.Results;

/// <summary>
/// The answers of one comparison, one slot per model × case × repeat in the order the comparer asks them, kept on disk:
/// each answer (text, error, measurements) and each version of its scores is appended to a temporary file, and memory
/// holds only where they are and the small <see cref="AnswerFacts"/> the statistics read. So a run's memory does not grow
/// with the answers' text. The file is an <see cref="AnonymousFile"/>: nothing is left behind, also when the process ends
/// without disposing.
/// </summary>
internal sealed class CaseResultStore : IDisposable
{
    private readonly SafeFileHandle _file;
    private readonly Slot[] _slots;
    private readonly Dictionary<string, int> _criterionIds = new(StringComparer.Ordinal);
    private readonly List<string> _criteria = [];
    private long _length;

    private CaseResultStore(SafeFileHandle file, int count)
    {
        _file = file;
        _slots = new Slot[count];
    }

    /// <summary>Gets the number of slots.</summary>
    public int Count => _slots.Length;

    /// <summary>Gets the bytes written to the file so far.</summary>
    public long Length => Interlocked.Read(ref _length);

    /// <summary>Creates an empty store of <paramref name="count"/> slots with its file in <paramref name="directory"/> (the temporary folder by default).</summary>
    public static CaseResultStore Create(int count, string? directory = null) => new(AnonymousFile.Create("ftk-results", directory), count);

    /// <summary>Stores an answer with its scores in slot <paramref name="slot"/> (replacing what it held).</summary>
    public void Put(int slot, CaseResult result)
    {
        var entry = AnswerEntry.From(result);
        entry.Scores = [];
        var (offset, length) = Append(JsonSerializer.SerializeToUtf8Bytes(entry, ComparisonJsonContext.Default.AnswerEntry));
        _slots[slot].AnswerOffset = offset;
        _slots[slot].AnswerLength = length;
        _slots[slot].Facts = new AnswerFacts(
            result.Model,
            result.CaseId,
            result.Repeat,
            result.Error is not null,
            result.LatencyMilliseconds,
            result.TimeToFirstTokenMilliseconds,
            result.OutputTokensPerSecond,
            result.InputTokens,
            result.OutputTokens,
            []);
        SetScores(slot, result.Scores);
    }

    /// <summary>Replaces the scores of the answer in slot <paramref name="slot"/>.</summary>
    public void SetScores(int slot, IReadOnlyList<Score> scores)
    {
        List<ScoreEntry> entries = [.. scores.Select(s => new ScoreEntry(s.Criterion, s.Outcome, s.Reason, s.Label, s.Value))];
        var (offset, length) = Append(JsonSerializer.SerializeToUtf8Bytes(entries, ComparisonJsonContext.Default.ListScoreEntry));
        var packed = new int[scores.Count];
        for (var i = 0; i < scores.Count; i++)
        {
            packed[i] = AnswerFacts.Pack(CriterionId(scores[i].Criterion), scores[i].Outcome);
        }

        _slots[slot].ScoresOffset = offset;
        _slots[slot].ScoresLength = length;
        _slots[slot].Facts = _slots[slot].Facts with { Scores = packed };
    }

    /// <summary>Gets the facts of the answer in a slot.</summary>
    public AnswerFacts Facts(int slot) => _slots[slot].Facts;

    /// <summary>Gets the name of a criterion id.</summary>
    public string Criterion(int id)
    {
        lock (_criteria)
        {
            return _criteria[id];
        }
    }

    /// <summary>Gets the id of a criterion, or -1 when no score has it.</summary>
    public int FindCriterion(string criterion)
    {
        lock (_criteria)
        {
            return _criterionIds.GetValueOrDefault(criterion, -1);
        }
    }

    /// <summary>Reads the answer in a slot back, with its current scores.</summary>
    public CaseResult Read(int slot)
    {
        var entry = JsonSerializer.Deserialize(ReadBytes(_slots[slot].AnswerOffset, _slots[slot].AnswerLength), ComparisonJsonContext.Default.AnswerEntry)
            ?? throw new InvalidDataException("A stored answer is empty.");
        return entry.ToResult(ReadScores(slot));
    }

    /// <summary>Reads the current scores of the answer in a slot.</summary>
    public IReadOnlyList<Score> ReadScores(int slot)
    {
        var entries = JsonSerializer.Deserialize(ReadBytes(_slots[slot].ScoresOffset, _slots[slot].ScoresLength), ComparisonJsonContext.Default.ListScoreEntry)
            ?? throw new InvalidDataException("Stored scores are empty.");
        return [.. entries.Select(s => s.ToScore())];
    }

    public void Dispose() => _file.Dispose();

    private int CriterionId(string criterion)
    {
        lock (_criteria)
        {
            if (!_criterionIds.TryGetValue(criterion, out var id))
            {
                id = _criteria.Count;
                _criteria.Add(criterion);
                _criterionIds[criterion] = id;
            }

            return id;
        }
    }

    private (long Offset, int Length) Append(byte[] bytes)
    {
        // Each writer reserves its own range, so concurrent answers write without a lock.
        var offset = Interlocked.Add(ref _length, bytes.Length) - bytes.Length;
        RandomAccess.Write(_file, bytes, offset);
        return (offset, bytes.Length);
    }

    private byte[] ReadBytes(long offset, int length) => AnonymousFile.Read(_file, offset, length);

    private struct Slot
    {
        public long AnswerOffset;
        public int AnswerLength;
        public long ScoresOffset;
        public int ScoresLength;
        public AnswerFacts Facts;
    }
}
