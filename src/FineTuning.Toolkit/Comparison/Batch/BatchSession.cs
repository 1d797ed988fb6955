namespace FineTuning.Toolkit.Comparison.Batch;

/// <summary>The models a comparison asks after its batches ran, and the result files they answer from (deleted on dispose).</summary>
internal sealed class BatchSession(IReadOnlyList<ModelUnderTest> models, BatchAnswerStore? store) : IDisposable
{
    public IReadOnlyList<ModelUnderTest> Models { get; } = models;

    public void Dispose() => store?.Dispose();
}
