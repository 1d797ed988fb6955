using System.CommandLine;
using FineTuning.Toolkit.Cli.Output;
using FineTuning.Toolkit.Testing;

namespace FineTuning.Toolkit.Cli.Commands;

/// <summary><c>ftk emulator</c>: the offline fine-tuning service as a standalone local server, for any language's
/// client (as Azurite and LocalStack serve their clouds), until Ctrl+C.</summary>
internal static class EmulatorCommand
{
    public static IReadOnlyList<string> Examples { get; } =
    [
        "ftk emulator                         # a free port; prints the endpoint and key",
        "ftk emulator --port 5080 --speed 600 # 10 simulated minutes per real second",
        "ftk emulator --json                  # one JSON line with endpoint and key, for scripts",
    ];

    public static Command Create(CliHost host)
    {
        var port = new Option<int>("--port", "-p") { Description = "Loopback port (0: a free one).", DefaultValueFactory = _ => 0 };
        var dialect = new Option<string>("--dialect") { Description = "Which service to imitate: openai.", DefaultValueFactory = _ => "openai" };
        dialect.AcceptOnlyFromAmong("openai");
        var speed = new Option<double>("--speed") { Description = "Simulated seconds per real second (jobs that take an hour finish in seconds).", DefaultValueFactory = _ => 600 };
        var key = new Option<string?>("--key") { Description = "API key the emulator accepts (default sk-emulator-local-test-key; it guards nothing real). [env: FTK_EMULATOR_KEY]" };
        var json = CommonOptions.Json();
        var command = new Command("emulator", "Serve a local, offline OpenAI-compatible fine-tuning API (files, jobs, events, checkpoints, models, chat) until Ctrl+C.")
        {
            port, dialect, speed, key, json,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var options = new OpenAIEmulatorOptions { Port = parseResult.GetValue(port), SpeedFactor = parseResult.GetValue(speed) };
            if ((parseResult.GetValue(key) ?? host.GetEnvironmentVariable("FTK_EMULATOR_KEY")) is { } apiKey)
            {
                options.ApiKey = apiKey;
            }

            if (options.Port is < 0 or > 65535 || options.SpeedFactor < 0 || double.IsNaN(options.SpeedFactor) || double.IsInfinity(options.SpeedFactor))
            {
                throw new CliUsageException("--port must be 0-65535 and --speed a finite number of zero or more.");
            }

            await using var emulator = await OpenAIEmulator.StartAsync(options, cancellationToken);
            await host.Out.WriteLineAsync(parseResult.GetValue(json)
                ? JobOutput.Json(w =>
                {
                    w.WriteStartObject();
                    w.WriteString("dialect", parseResult.GetValue(dialect));
                    w.WriteString("endpoint", emulator.Endpoint.ToString());
                    w.WriteString("apiKey", emulator.ApiKey);
                    w.WriteEndObject();
                }).ReplaceLineEndings(" ")
                : $"""
                   ftk emulator ({parseResult.GetValue(dialect)}) listening
                     endpoint: {emulator.Endpoint}
                     api key:  {emulator.ApiKey}
                   Point a client at it, e.g.:
                     export FTK_ENDPOINT={emulator.Endpoint} OPENAI_BASE_URL={emulator.Endpoint} OPENAI_API_KEY={emulator.ApiKey}
                   Press Ctrl+C to stop.
                   """);
            await host.Out.FlushAsync(cancellationToken);
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, TimeProvider.System, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await host.Error.WriteLineAsync("Stopping the emulator.");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
