using System.Text;
using System.Text.Json;
using FineTuning.Toolkit.Comparison.Execution;
using FineTuning.Toolkit.Comparison.Scorers;
using Microsoft.Win32.SafeHandles;

namespace FineTuning.Toolkit.Comparison.Results;

/// <summary>
/// The answers of one comparison, one slot per model × case × repeat in the order the comparer asks them, kept on disk:
/// each answer (text, error, measurements), each version of its scores and of its <see cref="AnswerFacts"/> (what the
/// statistics read) is appended to a scratch file, and memory holds only where each slot's latest facts are (16 bytes a
/// slot). So a run's memory does not grow with the answers. The file is an <see cref="AnonymousFile"/>: nothing is left behind, also when the process ends
/// without disposing.
/// </summary>
internal sealed class CaseResultStore : IDisposable
{
    private readonly SafeFileHandle _file;
    private readonly (long Offset, int Length)[] _slots;
    private readonly Dictionary<string, int> _criterionIds = new(StringComparer.Ordinal);
    private readonly List<string> _criteria = [];
    private long _length;

    private CaseResultStore(SafeFileHandle file, int count)
    {
        _file = file;
        _slots = new (long Offset, int Length)[count];
    }

    /// <summary>Gets the number of slots.</summary>
    public int Count => _slots.Length;

    /// <summary>
    /// Gets the slot of model <paramref name="model"/>'s answer to case <paramref name="caseIndex"/>, repeat
    /// <paramref name="repeat"/>, of a comparison of <paramref name="models"/> models with <paramref name="repeats"/>
    /// repeats: slots are in the order the comparer asks, (case × repeats + repeat) × models + model.
    /// </summary>
    public static int SlotOf(int caseIndex, int repeat, int model, int repeats, int models) => (caseIndex * repeats + repeat) * models + model;

    /// <summary>Creates an empty store of <paramref name="count"/> slots with its file in <paramref name="directory"/> (the temporary folder by default).</summary>
    public static CaseResultStore Create(int count, string? directory = null) => new(AnonymousFile.Create("ftk-results", directory), count);

    /// <summary>Stores an answer with its scores in slot <paramref name="slot"/> (replacing what it held).</summary>
    public void Put(int slot, CaseResult result)
    {
        var (offset, length) = Append(JsonSerializer.SerializeToUtf8Bytes(AnswerEntry.WithoutScores(result), ComparisonJsonContext.Default.AnswerEntry));
        var facts = new AnswerFacts(
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
        Store(slot, new Record(offset, length, 0, 0, facts), result.Scores);
    }

    /// <summary>Replaces the scores of the answer in slot <paramref name="slot"/>.</summary>
    public void SetScores(int slot, IReadOnlyList<Score> scores) => Store(slot, Load(slot), scores);

    /// <summary>Appends <paramref name="score"/> to the scores of the answer in slot <paramref name="slot"/>.</summary>
    public void AppendScore(int slot, Score score)
    {
        var record = Load(slot);
        Store(slot, record, [.. ReadScores(record), score]);
    }

    /// <summary>Gets the facts of the answer in a slot (read from disk: nothing per answer is held in memory but where it is).</summary>
    public AnswerFacts Facts(int slot) => Load(slot).Facts;

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
        var record = Load(slot);
        var entry = JsonSerializer.Deserialize(ReadBytes(record.AnswerOffset, record.AnswerLength), ComparisonJsonContext.Default.AnswerEntry)
            ?? throw new InvalidDataException("A stored answer is empty.");
        return entry.ToResult(ReadScores(record));
    }

    /// <summary>Reads the current scores of the answer in a slot.</summary>
    public IReadOnlyList<Score> ReadScores(int slot) => ReadScores(Load(slot));

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

    private void Store(int slot, Record record, IReadOnlyList<Score> scores)
    {
        List<ScoreEntry> entries = [.. scores.Select(ScoreEntry.From)];
        var (offset, length) = Append(JsonSerializer.SerializeToUtf8Bytes(entries, ComparisonJsonContext.Default.ListScoreEntry));
        var packed = new int[scores.Count];
        for (var i = 0; i < scores.Count; i++)
        {
            packed[i] = AnswerFacts.Pack(CriterionId(scores[i].Criterion), scores[i].Outcome);
        }

        var bytes = Encode(record with { ScoresOffset = offset, ScoresLength = length, Facts = record.Facts with { Scores = packed } });
        _slots[slot] = Append(bytes);
    }

    private Record Load(int slot)
    {
        var (offset, length) = _slots[slot];
        return length == 0 ? throw new InvalidOperationException($"Result slot {slot} is empty.") : Decode(ReadBytes(offset, length));
    }

    private IReadOnlyList<Score> ReadScores(Record record)
    {
        var entries = JsonSerializer.Deserialize(ReadBytes(record.ScoresOffset, record.ScoresLength), ComparisonJsonContext.Default.ListScoreEntry)
            ?? throw new InvalidDataException("Stored scores are empty.");
        return [.. entries.Select(s => s.ToScore())];
    }

    private static byte[] Encode(Record record)
    {
        using var stream = new MemoryStream(128);
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            var facts = record.Facts;
            writer.Write(record.AnswerOffset);
            writer.Write(record.AnswerLength);
            writer.Write(record.ScoresOffset);
            writer.Write(record.ScoresLength);
            writer.Write(facts.Model);
            writer.Write(facts.CaseId);
            writer.Write(facts.Repeat);
            writer.Write(facts.Failed);
            writer.Write(facts.LatencyMilliseconds);
            writer.Write(facts.FirstTokenMilliseconds.HasValue);
            writer.Write(facts.FirstTokenMilliseconds.GetValueOrDefault());
            writer.Write(facts.OutputTokensPerSecond.HasValue);
            writer.Write(facts.OutputTokensPerSecond.GetValueOrDefault());
            writer.Write(facts.InputTokens.HasValue);
            writer.Write(facts.InputTokens.GetValueOrDefault());
            writer.Write(facts.OutputTokens.HasValue);
            writer.Write(facts.OutputTokens.GetValueOrDefault());
            writer.Write(facts.Scores.Length);
            foreach (var packed in facts.Scores)
            {
                writer.Write(packed);
            }
        }

        return stream.ToArray();
    }

    private static Record Decode(byte[] bytes)
    {
        using var reader = new BinaryReader(new MemoryStream(bytes), Encoding.UTF8);
        var (answerOffset, answerLength, scoresOffset, scoresLength) = (reader.ReadInt64(), reader.ReadInt32(), reader.ReadInt64(), reader.ReadInt32());
        var (model, caseId, repeat, failed, latency) = (reader.ReadString(), reader.ReadString(), reader.ReadInt32(), reader.ReadBoolean(), reader.ReadDouble());
        double? firstToken = Optional(reader.ReadBoolean(), reader.ReadDouble());
        double? perSecond = Optional(reader.ReadBoolean(), reader.ReadDouble());
        long? input = Optional(reader.ReadBoolean(), reader.ReadInt64());
        long? output = Optional(reader.ReadBoolean(), reader.ReadInt64());
        var scores = new int[reader.ReadInt32()];
        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] = reader.ReadInt32();
        }

        var facts = new AnswerFacts(model, caseId, repeat, failed, latency, firstToken, perSecond, input, output, scores);
        return new Record(answerOffset, answerLength, scoresOffset, scoresLength, facts);
    }

    private static T? Optional<T>(bool present, T value)
        where T : struct => present ? value : null;

    private (long Offset, int Length) Append(byte[] bytes)
    {
        // Each writer reserves its own range, so concurrent answers write without a lock.
        var offset = Interlocked.Add(ref _length, bytes.Length) - bytes.Length;
        RandomAccess.Write(_file, bytes, offset);
        return (offset, bytes.Length);
    }

    private byte[] ReadBytes(long offset, int length) => AnonymousFile.Read(_file, offset, length);

    /// <summary>Where an answer and its current scores are, with its facts: one record in the file per version.</summary>
    private readonly record struct Record(long AnswerOffset, int AnswerLength, long ScoresOffset, int ScoresLength, AnswerFacts Facts);
}
