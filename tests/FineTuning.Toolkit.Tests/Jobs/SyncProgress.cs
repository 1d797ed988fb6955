namespace FineTuning.Toolkit.Tests.Jobs;

/// <summary>An <see cref="IProgress{T}"/> that reports synchronously (unlike <see cref="Progress{T}"/>), so tests see every report in order.</summary>
internal sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
