namespace FineTuning.Toolkit.Benchmarks;

/// <summary>An <see cref="IProgress{T}"/> that reports on the caller's thread (no synchronization context hop).</summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
