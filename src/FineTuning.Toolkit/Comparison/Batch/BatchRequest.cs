using Microsoft.Extensions.AI;

namespace FineTuning.Toolkit.Comparison.Batch;

/// <summary>One chat request of a batch: the model id sent in the body, the messages and the options.</summary>
internal readonly record struct BatchRequest(string ModelId, IReadOnlyList<ChatMessage> Messages, ChatOptions Options);
