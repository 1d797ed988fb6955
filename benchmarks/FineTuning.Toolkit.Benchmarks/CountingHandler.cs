namespace FineTuning.Toolkit.Benchmarks;

/// <summary>Counts the HTTP requests a process sends.</summary>
internal sealed class CountingHandler : DelegatingHandler
{
    private int _count;

    public CountingHandler()
        : base(new SocketsHttpHandler { MaxConnectionsPerServer = 64 })
    {
    }

    public int Count => Volatile.Read(ref _count);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _count);
        return base.SendAsync(request, cancellationToken);
    }
}
