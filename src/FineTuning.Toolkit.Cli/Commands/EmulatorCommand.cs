using System.CommandLine;
using System.Text;
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
        "ftk emulator --dialect azure --certificate emulator.pem   # Azure OpenAI data and management planes over HTTPS; prints the exports for ftk --provider azure",
        "ftk emulator --dialect together",
        "ftk emulator --json                  # one JSON line with endpoint and key, for scripts",
        "ftk emulator --start-time 2026-12-01T09:00:00Z   # simulated clock starts there (tests that must not depend on today)",
    ];

    public static Command Create(CliHost host)
    {
        var port = new Option<int>("--port", "-p") { Description = "Loopback port (0: a free one).", DefaultValueFactory = _ => 0 };
        var dialect = new Option<string>("--dialect") { Description = "Which service to imitate: openai, azure (HTTPS, with a management plane) or together.", DefaultValueFactory = _ => "openai" };
        dialect.AcceptOnlyFromAmong("openai", "azure", "together");
        var speed = new Option<double>("--speed") { Description = "Simulated seconds per real second (jobs that take an hour finish in seconds).", DefaultValueFactory = _ => 600 };
        var key = new Option<string?>("--key") { Description = "API key the emulator accepts (default: the dialect's emulator key; it guards nothing real). [env: FTK_EMULATOR_KEY]" };
        var certificate = new Option<string?>("--certificate") { Description = "Write the HTTPS development certificate (public part, PEM) here, for clients to trust (azure dialect)." };
        var startTime = new Option<string?>("--start-time") { Description = "Simulated time the emulator's clock starts at (ISO 8601, e.g. 2026-12-01T09:00:00Z; default: now). Cut-offs are judged on it. [env: FTK_EMULATOR_START_TIME]" };
        var json = CommonOptions.Json();
        var command = new Command("emulator", "Serve a local, offline fine-tuning API (files, jobs, events, checkpoints, models, chat; Azure deployments) until Ctrl+C.")
        {
            port, dialect, speed, key, certificate, startTime, json,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var options = new OpenAIEmulatorOptions
            {
                Dialect = parseResult.GetValue(dialect) switch { "azure" => EmulatorDialect.Azure, "together" => EmulatorDialect.Together, _ => EmulatorDialect.OpenAI },
                Port = parseResult.GetValue(port),
                SpeedFactor = parseResult.GetValue(speed),
            };
            if ((parseResult.GetValue(key) ?? host.GetEnvironmentVariable("FTK_EMULATOR_KEY")) is { } apiKey)
            {
                options.ApiKey = apiKey;
            }

            if ((parseResult.GetValue(startTime) ?? host.GetEnvironmentVariable("FTK_EMULATOR_START_TIME")) is { } start)
            {
                options.StartTime = ParseStartTime(start);
            }

            if (options.Port is < 0 or > 65535 || options.SpeedFactor < 0 || !double.IsFinite(options.SpeedFactor))
            {
                throw new CliUsageException("--port must be 0-65535 and --speed a finite number of zero or more.");
            }

            await using var emulator = await OpenAIEmulator.StartAsync(options, cancellationToken);
            string? written = null;
            if (emulator.Certificate is { } served)
            {
                // Always written for HTTPS dialects (a client needs it to trust the emulator): where asked, else beside the temp files.
                written = parseResult.GetValue(certificate) is { } certificatePath
                    ? host.ResolvePath(certificatePath)
                    : Path.Combine(Path.GetTempPath(), $"ftk-emulator-{emulator.BaseAddress.Port}.pem");
                await File.WriteAllTextAsync(written, served.ExportCertificatePem(), cancellationToken);
            }

            await host.Out.WriteLineAsync(parseResult.GetValue(json) ? AnnouncementJson(emulator, options, written) : Announcement(emulator, options, written));
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

    private static readonly System.Globalization.CultureInfo C = System.Globalization.CultureInfo.InvariantCulture;

    private static DateTimeOffset ParseStartTime(string value) =>
        DateTimeOffset.TryParse(value, C, System.Globalization.DateTimeStyles.AssumeUniversal, out var start)
            ? start
            : throw new CliUsageException($"--start-time must be a date and time such as 2026-12-01T09:00:00Z, not '{value}'.");

    private static string Announcement(OpenAIEmulator emulator, OpenAIEmulatorOptions options, string? certificatePath)
    {
        var sb = new StringBuilder();
        sb.AppendLine(C, $"ftk emulator ({options.Dialect.ToString().ToLowerInvariant()}) listening");
        sb.AppendLine(C, $"  endpoint: {emulator.Endpoint}");
        sb.AppendLine(C, $"  api key:  {emulator.ApiKey}");
        if (emulator.ManagementEndpoint is { } management)
        {
            sb.AppendLine(C, $"  management endpoint: {management}");
            sb.AppendLine(C, $"  access token (management plane, Authorization: Bearer): {emulator.AzureAccessToken}");
            sb.AppendLine(C, $"  subscription: {options.AzureSubscriptionId}  resource group: {options.AzureResourceGroup}  account: {options.AzureAccountName}");
        }

        if (emulator.Certificate is { } certificate)
        {
            sb.AppendLine(C, $"  HTTPS development certificate, SHA-256 {certificate.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256)}");
            sb.AppendLine(C, $"  certificate (PEM): {certificatePath}  — trust it for loopback only: ftk --trust-certificate / FTK_TRUST_CERTIFICATE, or your client's own pinning; never install it");
        }

        sb.AppendLine("Point a client at it, e.g.:");
        sb.AppendLine(options.Dialect switch
        {
            EmulatorDialect.Azure => $"  export AZURE_OPENAI_ENDPOINT={emulator.Endpoint}/ AZURE_OPENAI_API_KEY={emulator.ApiKey} AZURE_MANAGEMENT_ENDPOINT={emulator.ManagementEndpoint} AZURE_ACCESS_TOKEN={emulator.AzureAccessToken} AZURE_SUBSCRIPTION_ID={options.AzureSubscriptionId} AZURE_RESOURCE_GROUP={options.AzureResourceGroup} AZURE_OPENAI_ACCOUNT={options.AzureAccountName} FTK_TRUST_CERTIFICATE={certificatePath}"
                + $"{Environment.NewLine}  ftk train train.jsonl --provider azure --deploy --ask \"How do I reset my password?\"",
            EmulatorDialect.Together => $"  export TOGETHER_BASE_URL={emulator.Endpoint} TOGETHER_API_KEY={emulator.ApiKey}",
            _ => $"  export FTK_ENDPOINT={emulator.Endpoint} OPENAI_BASE_URL={emulator.Endpoint} OPENAI_API_KEY={emulator.ApiKey}",
        });
        sb.Append("Press Ctrl+C to stop.");
        return sb.ToString();
    }

    private static string AnnouncementJson(OpenAIEmulator emulator, OpenAIEmulatorOptions options, string? certificatePath) => JobOutput.Json(w =>
    {
        w.WriteStartObject();
        w.WriteString("dialect", options.Dialect.ToString().ToLowerInvariant());
        w.WriteString("endpoint", emulator.Endpoint.ToString());
        w.WriteString("apiKey", emulator.ApiKey);
        if (emulator.ManagementEndpoint is { } management)
        {
            w.WriteString("managementEndpoint", management.ToString());
            w.WriteString("accessToken", emulator.AzureAccessToken);
            w.WriteString("subscription", options.AzureSubscriptionId);
            w.WriteString("resourceGroup", options.AzureResourceGroup);
            w.WriteString("account", options.AzureAccountName);
        }

        if (emulator.Certificate is { } certificate)
        {
            w.WriteString("certificateSha256", certificate.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256));
            w.WriteString("certificatePath", certificatePath);
        }

        w.WriteEndObject();
    }).ReplaceLineEndings(" ");
}
