using System.Text;
using FineTuning.Toolkit.Comparison;
using FineTuning.Toolkit.Comparison.Statistics;
using FineTuning.Toolkit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TechFlow.SupportAssistant;

Console.OutputEncoding = Encoding.UTF8;
var output = Console.Out;

if (!SampleArguments.TryParse(args, out var arguments, out var argumentError))
{
    Console.Error.WriteLine(argumentError);
    return ExitCodes.Usage;
}

if (arguments.Help)
{
    output.WriteLine(SampleArguments.Usage);
    return ExitCodes.Success;
}

var apiKey = Environment.GetEnvironmentVariable("OPENAI_API_KEY");
if (arguments.Live && string.IsNullOrWhiteSpace(apiKey))
{
    Console.Error.WriteLine("--live needs an OpenAI API key in the OPENAI_API_KEY environment variable. Without --live the lab runs offline on the embedded emulator.");
    return ExitCodes.MissingApiKey;
}

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

var settings = new LabSettings
{
    Live = arguments.Live,
    AssumeYes = arguments.AssumeYes,
    Keep = arguments.Keep,
    OutputDirectory = Path.GetFullPath(arguments.OutputDirectory ?? SampleFolders.DefaultOutputDirectory()),
    MigrateFrom = arguments.MigrateFrom is null ? null : Path.GetFullPath(arguments.MigrateFrom),
    DataDirectory = Path.Combine(AppContext.BaseDirectory, "Data"),
    Interactive = !Console.IsOutputRedirected,
};

output.WriteLine("TechFlow support assistant — the \"Fine-tune with OpenAI API\" lab, end to end");

// Offline (the default): an OpenAI-compatible emulator runs in this process on a loopback port, with a simulated clock
// that turns a 20-minute fine-tuning job into a second or two. Live: the same code talks to api.openai.com.
await using var emulator = settings.Live ? null : await OpenAIEmulator.StartAsync(OfflineDefaults.EmulatorOptions(), cancellation.Token);

if (emulator is not null)
{
    output.WriteLine($"Mode: offline — started the OpenAI emulator in-process at {emulator.Endpoint} (no API key, no cost).");
    output.WriteLine("      Run with --live and OPENAI_API_KEY set to do the same against OpenAI.");
}
else
{
    output.WriteLine("Mode: live — OpenAI at https://api.openai.com/v1 with the key from OPENAI_API_KEY.");
}

output.WriteLine($"Output: {settings.OutputDirectory}");

var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
{
    Args = args.Where(a => a.StartsWith("--", StringComparison.Ordinal) && a.Contains('=', StringComparison.Ordinal)).ToArray(),
    ContentRootPath = AppContext.BaseDirectory,
});

// The lab's own output goes to the console; the toolkit's logs only when something goes wrong.
builder.Logging.ClearProviders();
builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
builder.Logging.SetMinimumLevel(LogLevel.Warning);

var endpoint = emulator?.Endpoint;
var key = emulator?.ApiKey ?? apiKey!;
var catalog = TechFlowLab.LoadCatalog(settings.DataDirectory);

// DatasetValidator, FineTuneJobRunner and ModelComparer, with the host's logging and TimeProvider.
builder.Services
    .AddFineTuningToolkit(options =>
    {
        options.Runner.Endpoint = endpoint;             // null: https://api.openai.com/v1
        options.Runner.ApiKey = emulator?.ApiKey;       // null: read from OPENAI_API_KEY
        options.Runner.CancelRemoteJobOnAbandon = true; // Ctrl+C during training cancels the job, so nothing is billed for it
        if (emulator is not null)
        {
            options.Runner.Polling = OfflineDefaults.Polling();
        }
    })
    .ConfigureComparer(comparer =>
    {
        comparer.Temperature = 0;
        comparer.Seed = 42;
        comparer.Scorers = ModelComparerOptions.DefaultScorers(catalog);
        // The library's own lab gates (format judged at the 95% lower bound over cases), so the criteria table agrees with PassesGates.
        comparer.Gates = [.. SuccessGate.Lab()];
        comparer.CacheDirectory = settings.Live ? Path.Combine(settings.OutputDirectory, "cache") : null;
    });
builder.Services.AddSingleton(new ChatClientFactory(key, endpoint));
builder.Services.AddSingleton(settings);
builder.Services.AddSingleton<TextWriter>(output);
builder.Services.AddSingleton<TechFlowLab>();

using var host = builder.Build();
try
{
    await host.StartAsync(cancellation.Token); // validates the toolkit's options, naming any wrong key
    var exitCode = await host.Services.GetRequiredService<TechFlowLab>().RunAsync(cancellation.Token);
    await host.StopAsync(CancellationToken.None);
    return exitCode;
}
catch (OptionsValidationException ex)
{
    Console.Error.WriteLine($"❌ Invalid configuration: {string.Join(" ", ex.Failures)}");
    return ExitCodes.Usage;
}
catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
{
    Console.Error.WriteLine("Cancelled.");
    return ExitCodes.Cancelled;
}
catch (Exception ex)
{
    Console.Error.WriteLine($"❌ The lab stopped: {ex.GetType().Name}: {ex.Message}");
    return ExitCodes.Failure;
}
