namespace FineTuning.Toolkit.Comparison.Batch;

/// <summary>How a provider wants the lines of a batch request file written.</summary>
internal enum BatchLineShape
{
    /// <summary>OpenAI and Azure OpenAI: <c>{custom_id, method, url, body}</c>, the token limit as <c>max_completion_tokens</c>.</summary>
    OpenAI,

    /// <summary>Together AI: <c>{custom_id, body}</c>, the token limit as its chat API's <c>max_tokens</c>.</summary>
    Together,
}
