namespace FineTuning.Toolkit.Providers.Together;

/// <summary>The body of Together's <c>POST /batches</c> (<c>CreateBatchRequest</c>): no metadata, unlike OpenAI's.</summary>
/// <param name="InputFileId">The uploaded request file (purpose <c>batch-api</c>).</param>
/// <param name="Endpoint">The endpoint every line is sent to, <c>/v1/chat/completions</c>.</param>
/// <param name="CompletionWindow">The completion window; Together documents 24 h as fixed.</param>
internal sealed record TogetherBatchCreateBody(string InputFileId, string Endpoint, string CompletionWindow);
