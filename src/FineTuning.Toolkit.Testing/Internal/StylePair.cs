namespace FineTuning.Toolkit.Testing.Internal;

/// <summary>One user question and the assistant answer the training data gives for it.</summary>
internal sealed record StylePair(string User, string Assistant);
