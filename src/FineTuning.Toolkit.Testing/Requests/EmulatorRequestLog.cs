namespace FineTuning.Toolkit.Testing;

/// <summary>Every request the emulator received, in arrival order, for tests to assert on (route, method, status, count).</summary>
public sealed class EmulatorRequestLog
{
    private readonly object _gate = new();
    private readonly List<EmulatorRequest> _entries = new();

    internal EmulatorRequestLog()
    {
    }

    /// <summary>Gets a snapshot of the recorded requests, oldest first.</summary>
    public IReadOnlyList<EmulatorRequest> Entries
    {
        get
        {
            lock (_gate)
            {
                return _entries.ToArray();
            }
        }
    }

    /// <summary>Counts the requests to a route, optionally with a given status code.</summary>
    /// <param name="method">The HTTP method, or <c>*</c> for any.</param>
    /// <param name="route">The route template (placeholder names and the <c>/v1</c> prefix do not matter).</param>
    /// <param name="statusCode">When set, only requests answered with this status are counted.</param>
    /// <returns>The number of matching requests.</returns>
    public int Count(string method, string route, int? statusCode = null)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(route);
        var normalizedRoute = EmulatorFaults.NormalizeRoute(route);
        var normalizedMethod = method.Trim().ToUpperInvariant();
        lock (_gate)
        {
            return _entries.Count(e =>
                (normalizedMethod == "*" || string.Equals(e.Method, normalizedMethod, StringComparison.OrdinalIgnoreCase))
                && EmulatorFaults.NormalizeRoute(e.Route) == normalizedRoute
                && (statusCode is null || e.StatusCode == statusCode));
        }
    }

    /// <summary>Forgets every recorded request.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
        }
    }

    internal void Add(EmulatorRequest request)
    {
        lock (_gate)
        {
            _entries.Add(request);
        }
    }
}
