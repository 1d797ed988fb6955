namespace FineTuning.Toolkit.Cli.Output;

/// <summary>An <see cref="IProgress{T}"/> that runs its handler on the reporting thread, in order (the BCL's
/// <see cref="Progress{T}"/> posts to the thread pool and can reorder reports).</summary>
internal sealed class SyncProgress<T> : IProgress<T>
{
    private readonly Action<T> _handler;
    private readonly Lock _gate = new();

    public SyncProgress(Action<T> handler) => _handler = handler;

    public void Report(T value)
    {
        lock (_gate)
        {
            _handler(value);
        }
    }
}
