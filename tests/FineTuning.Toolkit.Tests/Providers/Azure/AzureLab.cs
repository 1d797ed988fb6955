using System.ClientModel.Primitives;
using Azure.Core.Pipeline;
using FineTuning.Toolkit.Jobs;
using FineTuning.Toolkit.Testing;
using FineTuning.Toolkit.Tests.Jobs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace FineTuning.Toolkit.Tests.Providers.Azure;

/// <summary>The runner against the emulator's Azure dialect (data plane and management plane over its HTTPS), one fake
/// clock for both, every request's credential headers recorded.</summary>
internal sealed class AzureLab : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    private readonly ILoggerFactory _loggerFactory;
    private readonly List<string> _files = [];

    private AzureLab(SteppingTimeProvider time, OpenAIEmulator emulator, HeaderRecordingHandler handler, FixedTokenCredential credential, FakeLoggerProvider logs, ILoggerFactory loggerFactory, FineTuneJobRunnerOptions options)
    {
        Time = time;
        Emulator = emulator;
        Handler = handler;
        Credential = credential;
        Logs = logs;
        _loggerFactory = loggerFactory;
        Options = options;
        Runner = new FineTuneJobRunner(options, time, loggerFactory);
    }

    public SteppingTimeProvider Time { get; }

    public OpenAIEmulator Emulator { get; }

    public HeaderRecordingHandler Handler { get; }

    public FixedTokenCredential Credential { get; }

    public FakeLoggerProvider Logs { get; }

    public FineTuneJobRunnerOptions Options { get; }

    public FineTuneJobRunner Runner { get; }

    public static async Task<AzureLab> StartAsync(bool withKey = true, Action<FineTuneJobRunnerOptions>? configure = null)
    {
        var time = new SteppingTimeProvider(Start) { HoldWhileHttpInFlight = true };
        var emulatorOptions = new OpenAIEmulatorOptions { Dialect = EmulatorDialect.Azure, TimeProvider = time, SpeedFactor = 1, StartTime = Start, Seed = 7 };
        var emulator = await OpenAIEmulator.StartAsync(emulatorOptions);
        var handler = new HeaderRecordingHandler(emulator.CreateHttpMessageHandler());
        var credential = new FixedTokenCredential(emulator.AzureAccessToken);
        var logs = new FakeLoggerProvider();
        var loggerFactory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(logs));
        var options = new FineTuneJobRunnerOptions
        {
            Provider = "azure",
            Endpoint = emulator.Endpoint,
            ApiKey = withKey ? emulator.ApiKey : null,
            TrainingType = "globalStandard",
            Transport = new HttpClientPipelineTransport(new HttpClient(handler, disposeHandler: false)),
        };
        options.Azure.ManagementEndpoint = emulator.ManagementEndpoint!;
        options.Azure.SubscriptionId = emulatorOptions.AzureSubscriptionId;
        options.Azure.ResourceGroup = emulatorOptions.AzureResourceGroup;
        options.Azure.AccountName = emulatorOptions.AzureAccountName;
        options.Azure.Credential = credential;
        options.Azure.DeploymentSku = "globalstandard";
        options.Azure.DeploymentTimeout = TimeSpan.FromHours(2); // beyond the stepping clock's horizon: only the poll wakes it
        options.Azure.ManagementTransport = new HttpClientTransport(new HttpClient(handler, disposeHandler: false));
        options.Resilience.AttemptTimeout = TimeSpan.FromHours(1);
        options.Resilience.MaxRetryAttempts = 6;
        configure?.Invoke(options);
        return new AzureLab(time, emulator, handler, credential, logs, loggerFactory, options);
    }

    public string WriteTrainingFile(int examples = 12)
    {
        var path = Path.Combine(Path.GetTempPath(), $"azure-lab-{Guid.NewGuid():N}.jsonl");
        var lines = Enumerable.Range(0, examples).Select(i =>
            $$"""{"messages":[{"role":"system","content":"You are TechFlow's helpful support assistant."},{"role":"user","content":"How do I reset my password? (case {{i}})"},{"role":"assistant","content":"I'd be happy to help! Open Settings, choose Security, then Reset password (case {{i}})."}]}""");
        File.WriteAllText(path, string.Join('\n', lines) + "\n");
        _files.Add(path);
        return path;
    }

    public async Task<string> TrainAsync()
    {
        var request = FineTuneRequest.For("gpt-4o-mini-2024-07-18").WithTrainingFile(WriteTrainingFile()).WithSuffix("techflow").WithEpochs(2);
        var result = await Time.DriveAsync(Runner.RunAsync(request));
        Assert.True(result.Succeeded, result.ToString());
        return result.FineTunedModel!;
    }

    public async ValueTask DisposeAsync()
    {
        await Emulator.DisposeAsync();
        Handler.Dispose();
        _loggerFactory.Dispose();
        Logs.Dispose();
        foreach (var file in _files)
        {
            File.Delete(file);
        }
    }
}
