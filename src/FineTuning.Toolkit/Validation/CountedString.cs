namespace FineTuning.Toolkit.Validation;

/// <summary>A string <see cref="TokenCounter"/> has counted, with its hash and its token count (immutable, so threads share
/// the cache's slots without locks).</summary>
/// <param name="Text">The string.</param>
/// <param name="Hash">Its hash.</param>
/// <param name="Count">Its number of tokens.</param>
internal sealed record CountedString(string Text, int Hash, int Count);
