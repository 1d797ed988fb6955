using System.ClientModel.Primitives;
using FineTuning.Toolkit.Jobs;
using FineTuning.Toolkit.Validation;

namespace FineTuning.Toolkit.Tests.Jobs;

/// <summary>A runner wired to a <see cref="FakeOpenAIServer"/> and a <see cref="SteppingTimeProvider"/>, with the global log.</summary>
internal sealed class RunnerTestContext : IDisposable
{
    public RunnerTestContext(Action<FineTuneJobRunnerOptions>? configure = null)
    {
        Time = new SteppingTimeProvider(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));
        Server = new FakeOpenAIServer(Time);
        Options = new FineTuneJobRunnerOptions
        {
            ApiKey = Server.ApiKey,
            Endpoint = Server.Endpoint,
            Transport = new HttpClientPipelineTransport(new HttpClient(Server)),
        };
        Options.Resilience.UseJitter = false;

        // Attempt timeouts sit beyond the driver's horizon, so only real waits (polls, backoffs) move fake time.
        Options.Resilience.AttemptTimeout = TimeSpan.FromHours(1);
        Time.Horizon = TimeSpan.FromMinutes(30);
        configure?.Invoke(Options);
        Runner = new FineTuneJobRunner(Options, new DatasetValidator(), Time, CollectingLoggerProvider.GlobalFactory, randomizer: () => 0.5);
    }

    public SteppingTimeProvider Time { get; }

    public FakeOpenAIServer Server { get; }

    public FineTuneJobRunnerOptions Options { get; }

    public FineTuneJobRunner Runner { get; }

    public string WriteTrainingFile(int examples = 12, string? tag = null)
    {
        var path = Path.Combine(Path.GetTempPath(), $"runner-test-{Guid.NewGuid():N}.jsonl");
        var lines = Enumerable.Range(0, examples).Select(i =>
            $$"""{"messages":[{"role":"system","content":"You are TechFlow's helpful support assistant."},{"role":"user","content":"Question {{i}} {{tag}}"},{"role":"assistant","content":"A friendly, complete answer number {{i}} with clear next steps for the customer."}]}""");
        File.WriteAllText(path, string.Join('\n', lines) + "\n");
        _files.Add(path);
        return path;
    }

    /// <summary>Runs <paramref name="task"/> to completion on the fake clock (see <see cref="SteppingTimeProvider.DriveAsync"/>).</summary>
    public Task<T> DriveAsync<T>(Task<T> task, TimeSpan? limit = null) => Time.DriveAsync(task, limit);

    public void Dispose()
    {
        foreach (var file in _files)
        {
            File.Delete(file);
        }
    }

    private readonly List<string> _files = [];
}
