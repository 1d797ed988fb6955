using System.Runtime.CompilerServices;
using System.Collections.Immutable;
using System.Text.Json;

namespace FineTuning.Toolkit.Datasets.Jsonl;

/// <summary>A message list of a line as read: the token found (<see cref="JsonTokenType.None"/> when absent) and its
/// elements. The <see cref="JsonlMessage"/> objects are reused from line to line.</summary>
internal sealed class JsonlMessageList
{
    private readonly List<JsonlMessage> _pool = [];

    /// <summary>Gets the token found for the list.</summary>
    public JsonTokenType Kind { get; private set; }

    /// <summary>Gets the number of elements read.</summary>
    public int Count { get; private set; }

    public JsonlMessage this[int index] => index < Count ? _pool[index] : throw new ArgumentOutOfRangeException(nameof(index));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Reset(JsonTokenType kind)
    {
        Kind = kind;
        Count = 0;
    }

    /// <summary>Adds an element (a reused message, reset to the given token).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public JsonlMessage Add(JsonTokenType kind)
    {
        if (Count == _pool.Count)
        {
            _pool.Add(new JsonlMessage());
        }

        var message = _pool[Count++];
        message.Reset(kind);
        return message;
    }

    /// <summary>Builds the typed messages; only valid when the line was read without error.</summary>
    public ImmutableArray<TrainingMessage> ToTrainingMessages()
    {
        var builder = ImmutableArray.CreateBuilder<TrainingMessage>(Count);
        for (var i = 0; i < Count; i++)
        {
            builder.Add(_pool[i].ToTrainingMessage());
        }

        return builder.MoveToImmutable();
    }
}
