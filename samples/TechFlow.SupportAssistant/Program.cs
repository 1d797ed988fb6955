using System.Text;
using FineTuning.Toolkit.Comparison;
using FineTuning.Toolkit.Jobs;
using FineTuning.Toolkit.Comparison.Statistics;
using FineTuning.Toolkit.Testing;
using Microsoft.Extensions.Configuration;
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

// No --provider: OpenAI while it still takes fine-tuning jobs, Azure OpenAI after its cut-off (the library's catalog
// decides, on the clock the host uses). An explicit --provider openai after the cut-off fails with the library's reason.
var (provider, providerReason) = arguments.Provider is { } chosen ? (chosen, (string?)null) : DefaultProvider.Choose(TimeProvider.System);

var environment = new ConfigurationBuilder().AddEnvironmentVariables().Build();
if (arguments.Live && ProviderSetup.MissingLiveSettings(provider, environment) is { } missing)
{
    Console.Error.WriteLine(missing + " Without --live the lab runs offline on the embedded emulator.");
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
    Provider = provider,
    AssumeYes = arguments.AssumeYes,
    Keep = arguments.Keep,
    OutputDirectory = Path.GetFullPath(arguments.OutputDirectory ?? SampleFolders.DefaultOutputDirectory()),
    MigrateFrom = arguments.MigrateFrom is null ? null : Path.GetFullPath(arguments.MigrateFrom),
    DataDirectory = Path.Combine(AppContext.BaseDirectory, "Data"),
    Interactive = !Console.IsOutputRedirected,
};

output.WriteLine("TechFlow support assistant — the \"Fine-tune with OpenAI API\" lab, end to end");
if (providerReason is not null)
{
    output.WriteLine(providerReason);
}

// Offline (the default): an emulator of the chosen provider runs in this process on a loopback port, with a simulated
// clock that turns a 20-minute fine-tuning job into a second or two. Live: the same code talks to the real service.
var emulatorOptions = settings.Live ? null : ProviderSetup.EmulatorOptions(settings.Provider);
await using var emulator = emulatorOptions is null ? null : await OpenAIEmulator.StartAsync(emulatorOptions, cancellation.Token);

if (emulator is not null)
{
    output.WriteLine($"Mode: offline ({settings.Provider}) — started the {emulator.Dialect} emulator in-process at {emulator.Endpoint} (no API key, no cost).");
    if (emulator.ManagementEndpoint is { } management)
    {
        output.WriteLine($"      Azure Resource Manager stand-in (deployments) at {management}.");
    }

    output.WriteLine("      Run with --live and the provider's settings (see --help) to do the same against the real service.");
}
else
{
    output.WriteLine($"Mode: live — {settings.Provider} with the settings from the environment (see --help).");
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

var catalog = TechFlowLab.LoadCatalog(settings.DataDirectory);

// DatasetValidator, FineTuneJobRunner and ModelComparer, with the host's logging and TimeProvider.
builder.Services
    .AddFineTuningToolkit(options =>
    {
        ProviderSetup.Configure(options.Runner, settings.Provider, emulator, emulatorOptions, builder.Configuration);
        options.Runner.CancelRemoteJobOnAbandon = true; // Ctrl+C during training cancels the job, so nothing is billed for it
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
builder.Services.AddSingleton(sp => new ChatClientFactory(sp.GetRequiredService<FineTuneJobRunner>(), output));
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
