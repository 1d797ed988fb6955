using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using FineTuning.Toolkit.Jobs;
using FineTuning.Toolkit.Testing;

namespace FineTuning.Toolkit.Benchmarks;

/// <summary>
/// Watches simulated 20-minute fine-tuning jobs on the emulator two ways in one run: the toolkit's
/// <see cref="FineTuneJobRunner"/> (adaptive cadence guided by <c>estimated_finish</c>) and the lab's fixed loop
/// (<c>retrieve; sleep(30)</c>). Reports API requests per job and the delay between the job finishing (its
/// <c>finished_at</c>) and the watcher reporting it. Both watchers and the emulator share one simulated clock that moves
/// only when every watcher sleeps, so the figures are exact and the run takes seconds.
/// </summary>
public sealed class RunnerPollingHarness : IHarness
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    /// <inheritdoc />
    public string Name => "runner-polling";

    /// <inheritdoc />
    public string Description => "FineTuneJobRunner vs the lab's 30-second loop on simulated 20-minute jobs: requests per job, completion-noticed delay";

    /// <inheritdoc />
    public async Task RunAsync(bool quick, CancellationToken cancellationToken)
    {
        var jobs = quick ? 3 : 10;
        var clock = new SteppingClock(Start);
        var path = WriteTrainingFile();
        try
        {
            var runnerRows = new List<(int Requests, int WatchRequests, double DelaySeconds)>();
            var naiveRows = new List<(int Requests, int WatchRequests, double DelaySeconds)>();
            for (var i = 0; i < jobs; i++)
            {
                // A different queue time per job, so the fixed loop's phase against the finish varies as it does in real life.
                await using var emulator = await OpenAIEmulator.StartAsync(
                    new OpenAIEmulatorOptions { TimeProvider = clock, SpeedFactor = 1, StartTime = clock.GetUtcNow(), TrainingDuration = TimeSpan.FromMinutes(20), QueueDuration = TimeSpan.FromSeconds(60 + (11 * (i + 1))), Seed = 11 + i },
                    cancellationToken).ConfigureAwait(false);
                var options = new FineTuneJobRunnerOptions { ApiKey = emulator.ApiKey, Endpoint = emulator.Endpoint };
                options.Resilience.AttemptTimeout = TimeSpan.FromHours(1);
                var runner = new FineTuneJobRunner(options, clock);
                using var http = new HttpClient { BaseAddress = new Uri(emulator.Endpoint.AbsoluteUri.TrimEnd('/') + "/") };
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", emulator.ApiKey);
                emulator.Requests.Clear();
                var result = await clock.DriveAsync(runner.RunAsync(FineTuneRequest.For("gpt-4o-mini-2024-07-18").WithTrainingFile(path).WithSuffix("bench").WithEpochs(3).WithSeed(i), cancellationToken: cancellationToken)).ConfigureAwait(false);
                var noticed = clock.GetUtcNow();
                if (!result.Succeeded || result.Job?.FinishedAt is not { } finished)
                {
                    throw new InvalidOperationException($"The benchmark job did not succeed: {result}");
                }

                var entries = emulator.Requests.Entries;
                runnerRows.Add((entries.Count, entries.Count(e => e.Path.Contains(result.JobId!, StringComparison.Ordinal)), (noticed - finished).TotalSeconds));

                emulator.Requests.Clear();
                var naive = await clock.DriveAsync(NaiveLabLoopAsync(http, clock, result.TrainingFileId!, i, cancellationToken)).ConfigureAwait(false);
                entries = emulator.Requests.Entries;
                naiveRows.Add((entries.Count + 1, entries.Count(e => e.Path.Contains(naive.JobId, StringComparison.Ordinal)), (naive.Noticed - naive.Finished).TotalSeconds));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{jobs} simulated jobs each way: 30 s validating, 71-{60 + (11 * jobs)} s queued, 20 min running; one shared simulated clock"));
            Print("FineTuneJobRunner", runnerRows);
            Print("lab loop (30 s)", naiveRows);
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"ratio: {naiveRows.Average(r => r.Requests) / runnerRows.Average(r => r.Requests):F2}x fewer requests per job, completion noticed {naiveRows.Average(r => r.DelaySeconds) - runnerRows.Average(r => r.DelaySeconds):F1} s sooner on average"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static void Print(string name, List<(int Requests, int WatchRequests, double DelaySeconds)> rows) =>
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{name,-18} requests/job {rows.Average(r => r.Requests),6:F1} (watching {rows.Average(r => r.WatchRequests),5:F1})   noticed after finish: mean {rows.Average(r => r.DelaySeconds),5:F1} s, max {rows.Max(r => r.DelaySeconds),5:F1} s"));

    /// <summary>The lab's Exercise 2 step 3-4: create the job (n_epochs 3), then retrieve it every 30 seconds until it ends.</summary>
    private static async Task<(string JobId, DateTimeOffset Finished, DateTimeOffset Noticed)> NaiveLabLoopAsync(HttpClient http, TimeProvider clock, string fileId, int seed, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.Serialize(new { training_file = fileId, model = "gpt-4o-mini-2024-07-18", suffix = "naive", seed = seed + 1000, hyperparameters = new { n_epochs = 3 } });
        using var created = await http.PostAsync(new Uri("fine_tuning/jobs", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"), cancellationToken).ConfigureAwait(false);
        created.EnsureSuccessStatusCode();
        using var job = JsonDocument.Parse(await created.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        var id = job.RootElement.GetProperty("id").GetString()!;
        while (true)
        {
            using var response = await http.GetAsync(new Uri($"fine_tuning/jobs/{id}", UriKind.Relative), cancellationToken).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            using var current = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
            var status = current.RootElement.GetProperty("status").GetString();
            if (status is "succeeded" or "failed" or "cancelled")
            {
                var finished = DateTimeOffset.FromUnixTimeSeconds(current.RootElement.GetProperty("finished_at").GetInt64());
                return (id, finished, clock.GetUtcNow());
            }

            await Task.Delay(TimeSpan.FromSeconds(30), clock, cancellationToken).ConfigureAwait(false);
        }
    }

    private static string WriteTrainingFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"ftt-runner-bench-{Guid.NewGuid():N}.jsonl");
        var lines = Enumerable.Range(0, 12).Select(i =>
            $$"""{"messages":[{"role":"system","content":"You are TechFlow's helpful support assistant."},{"role":"user","content":"How do I change setting {{i}}?"},{"role":"assistant","content":"Happy to help with setting {{i}}! Open Settings, pick the option, and save. Anything else I can do for you today?"}]}""");
        File.WriteAllText(path, string.Join('\n', lines) + "\n");
        return path;
    }

    /// <summary>
    /// A simulated clock whose timers fire only when it is advanced; <see cref="DriveAsync{T}"/> advances it to the next
    /// pending timer whenever the code under test is idle (waiting on a timer), and never while it works.
    /// </summary>
    private sealed class SteppingClock(DateTimeOffset start) : TimeProvider
    {
        private static readonly TimeSpan Horizon = TimeSpan.FromMinutes(30);
        private readonly object _gate = new();
        private readonly List<ClockTimer> _timers = [];
        private DateTimeOffset _now = start;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override DateTimeOffset GetUtcNow()
        {
            lock (_gate)
            {
                return _now;
            }
        }

        public override long GetTimestamp() => GetUtcNow().UtcTicks;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = new ClockTimer(this, callback, state);
            timer.Change(dueTime, period);
            return timer;
        }

        public async Task<T> DriveAsync<T>(Task<T> task)
        {
            var idle = 0;
            while (!task.IsCompleted)
            {
                await Task.Delay(1).ConfigureAwait(false);
                if (task.IsCompleted)
                {
                    break;
                }

                DateTimeOffset? next;
                lock (_gate)
                {
                    next = _timers.Where(t => t.Due is { } due && due - _now <= Horizon).Min(t => t.Due);
                }

                if (next is null)
                {
                    if (++idle > 60_000)
                    {
                        throw new TimeoutException("The watcher neither finished nor waited on a timer.");
                    }

                    continue;
                }

                idle = 0;
                AdvanceTo(next.Value);
            }

            return await task.ConfigureAwait(false);
        }

        private void AdvanceTo(DateTimeOffset when)
        {
            List<ClockTimer> due;
            lock (_gate)
            {
                if (when > _now)
                {
                    _now = when;
                }

                due = _timers.Where(t => t.Due <= _now).ToList();
                foreach (var timer in due)
                {
                    timer.Due = timer.Period > TimeSpan.Zero ? _now + timer.Period : null;
                }
            }

            foreach (var timer in due)
            {
                timer.Fire();
            }
        }

        private sealed class ClockTimer(SteppingClock clock, TimerCallback callback, object? state) : ITimer
        {
            public DateTimeOffset? Due { get; set; }

            public TimeSpan Period { get; private set; }

            public void Fire() => callback(state);

            public bool Change(TimeSpan dueTime, TimeSpan period)
            {
                lock (clock._gate)
                {
                    Period = period == Timeout.InfiniteTimeSpan ? TimeSpan.Zero : period;
                    Due = dueTime == Timeout.InfiniteTimeSpan ? null : clock._now + dueTime;
                    if (!clock._timers.Contains(this))
                    {
                        clock._timers.Add(this);
                    }
                }

                return true;
            }

            public void Dispose()
            {
                lock (clock._gate)
                {
                    clock._timers.Remove(this);
                }
            }

            public ValueTask DisposeAsync()
            {
                Dispose();
                return default;
            }
        }
    }
}
