using System.ClientModel.Primitives;
using FineTuning.Toolkit.Jobs;
using FineTuning.Toolkit.Testing;
using FineTuning.Toolkit.Tests.Jobs;
using FineTuning.Toolkit.Tests.Testing;

namespace FineTuning.Toolkit.Tests.Providers.Together;

/// <summary>The runner on provider <c>together</c> against the emulator's Together dialect, both on one stepping fake clock.</summary>
internal sealed class TogetherLab : IAsyncDisposable
{
    public const string Llama = "meta-llama/Meta-Llama-3.1-8B-Instruct-Reference";

    private static readonly DateTimeOffset Start = new(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly string _folder = Directory.CreateTempSubdirectory("ftt-together-").FullName;

    private TogetherLab(SteppingTimeProvider time, OpenAIEmulator emulator, FineTuneJobRunnerOptions options)
    {
        Time = time;
        Emulator = emulator;
        Options = options;
        Runner = new FineTuneJobRunner(options, time, CollectingLoggerProvider.GlobalFactory);
    }

    public SteppingTimeProvider Time { get; }

    public OpenAIEmulator Emulator { get; }

    public FineTuneJobRunnerOptions Options { get; }

    public FineTuneJobRunner Runner { get; }

    public static async Task<TogetherLab> StartAsync(PipelineTransport? transport = null)
    {
        var time = new SteppingTimeProvider(Start);
        var emulator = await OpenAIEmulator.StartAsync(new OpenAIEmulatorOptions
        {
            Dialect = EmulatorDialect.Together, TimeProvider = time, SpeedFactor = 1, StartTime = Start, Seed = 11,
        });
        var options = new FineTuneJobRunnerOptions { Provider = "together", ApiKey = emulator.ApiKey, Endpoint = emulator.Endpoint, Transport = transport };
        options.Resilience.AttemptTimeout = TimeSpan.FromHours(1);
        options.Resilience.MaxRetryAttempts = 6;
        return new TogetherLab(time, emulator, options);
    }

    public string WriteTrainingFile()
    {
        var path = Path.Combine(_folder, "techflow_training.jsonl");
        File.WriteAllText(path, TechFlowTrainingData.ToJsonl());
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        await Emulator.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
