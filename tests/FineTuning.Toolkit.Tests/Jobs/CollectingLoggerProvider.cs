using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace FineTuning.Toolkit.Tests.Jobs;

/// <summary>
/// Captures every log record (message, structured values, exception text) at every level. <see cref="Global"/> is shared
/// by all runner and DI tests, so the whole run's log can be checked for secrets.
/// </summary>
internal sealed class CollectingLoggerProvider : ILoggerProvider
{
    public static CollectingLoggerProvider Global { get; } = new();

    public static ILoggerFactory GlobalFactory { get; } = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(Global));

    public ConcurrentQueue<string> Records { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Collector(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Collector(CollectingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            owner.Records.Enqueue($"{category} scope: {state}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(";", pairs.Select(p => $"{p.Key}={p.Value}")) : string.Empty;
            owner.Records.Enqueue($"{logLevel} {category} [{eventId.Id}] {formatter(state, exception)} | {values} | {exception}");
        }
    }
}
