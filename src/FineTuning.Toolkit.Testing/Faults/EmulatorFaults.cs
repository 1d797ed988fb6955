namespace FineTuning.Toolkit.Testing;

/// <summary>
/// Per-route fault injection. A route is an HTTP method (or <c>*</c>) and a path template as the emulator serves it,
/// for example <c>POST /v1/fine_tuning/jobs</c> or <c>GET /v1/fine_tuning/jobs/{id}</c> (placeholder names do not matter,
/// the <c>/v1</c> prefix may be left out). Scripted faults hit the next calls in order; rates hit a seeded share of calls.
/// </summary>
public sealed class EmulatorFaults
{
    private readonly object _gate = new();
    private readonly List<(string Method, string Route, Queue<EmulatorFault> Queue)> _scripts = new();
    private readonly List<(string Method, string Route, double Probability, EmulatorFault Fault)> _rates = new();
    private readonly Random _random;

    internal EmulatorFaults(int seed) => _random = new Random(unchecked(seed * 31 + 7));

    /// <summary>Scripts the next calls to a route: the first matching call gets <paramref name="faults"/>[0], the next
    /// one [1], and so on; after that the route is healthy again (unless a rate applies). Use <see cref="EmulatorFault.None"/>
    /// for a call that should pass inside the sequence.</summary>
    /// <param name="method">The HTTP method (<c>GET</c>, <c>POST</c>, <c>DELETE</c>) or <c>*</c> for any.</param>
    /// <param name="route">The path template, for example <c>/v1/fine_tuning/jobs/{id}</c>.</param>
    /// <param name="faults">The faults, in order.</param>
    /// <returns>This instance, for chaining.</returns>
    public EmulatorFaults Enqueue(string method, string route, params EmulatorFault[] faults)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(route);
        ArgumentNullException.ThrowIfNull(faults);
        lock (_gate)
        {
            _scripts.Add((NormalizeMethod(method), NormalizeRoute(route), new Queue<EmulatorFault>(faults)));
        }

        return this;
    }

    /// <summary>Makes a share of the calls to a route fail, drawn from a generator seeded with
    /// <see cref="OpenAIEmulatorOptions.Seed"/>, so the same sequence of requests fails the same way every run.</summary>
    /// <param name="method">The HTTP method or <c>*</c> for any.</param>
    /// <param name="route">The path template.</param>
    /// <param name="probability">The share of calls that fail, from 0 to 1 (0.3 = 30 %).</param>
    /// <param name="fault">The fault to inject.</param>
    /// <returns>This instance, for chaining.</returns>
    public EmulatorFaults SetRate(string method, string route, double probability, EmulatorFault fault)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(route);
        ArgumentNullException.ThrowIfNull(fault);
        if (double.IsNaN(probability) || probability < 0 || probability > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(probability), probability, "The probability must be between 0 and 1.");
        }

        lock (_gate)
        {
            _rates.Add((NormalizeMethod(method), NormalizeRoute(route), probability, fault));
        }

        return this;
    }

    /// <summary>Removes every scripted fault and rate.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _scripts.Clear();
            _rates.Clear();
        }
    }

    /// <summary>Gets the number of scripted faults not used yet.</summary>
    public int PendingCount
    {
        get
        {
            lock (_gate)
            {
                return _scripts.Sum(s => s.Queue.Count);
            }
        }
    }

    internal EmulatorFault? Next(string method, string routeTemplate)
    {
        var normalizedMethod = NormalizeMethod(method);
        var route = NormalizeRoute(routeTemplate);
        lock (_gate)
        {
            foreach (var script in _scripts)
            {
                if (Matches(script.Method, script.Route, normalizedMethod, route) && script.Queue.Count > 0)
                {
                    return script.Queue.Dequeue();
                }
            }

            foreach (var rate in _rates)
            {
                if (Matches(rate.Method, rate.Route, normalizedMethod, route) && _random.NextDouble() < rate.Probability)
                {
                    return rate.Fault;
                }
            }
        }

        return null;
    }

    internal static string NormalizeRoute(string route)
    {
        var trimmed = route.Trim();
        var queryStart = trimmed.IndexOf('?', StringComparison.Ordinal);
        if (queryStart >= 0)
        {
            trimmed = trimmed[..queryStart];
        }

        trimmed = "/" + trimmed.Trim('/');
        if (!trimmed.StartsWith("/v1/", StringComparison.OrdinalIgnoreCase) && !string.Equals(trimmed, "/v1", StringComparison.OrdinalIgnoreCase))
        {
            trimmed = "/v1" + trimmed;
        }

        var builder = new System.Text.StringBuilder(trimmed.Length);
        var inPlaceholder = false;
        foreach (var c in trimmed)
        {
            if (c == '{')
            {
                inPlaceholder = true;
                builder.Append("{}");
            }
            else if (c == '}')
            {
                inPlaceholder = false;
            }
            else if (!inPlaceholder)
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }

    private static string NormalizeMethod(string method) => method.Trim().ToUpperInvariant();

    private static bool Matches(string ruleMethod, string ruleRoute, string method, string route) =>
        (ruleMethod == "*" || ruleMethod == method) && ruleRoute == route;
}
