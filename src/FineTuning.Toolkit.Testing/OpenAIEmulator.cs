using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using FineTuning.Toolkit.Testing.Internal;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenAI;

namespace FineTuning.Toolkit.Testing;

/// <summary>
/// A local, OpenAI-compatible fine-tuning service on real loopback HTTP: files, uploads, fine-tuning jobs (events,
/// checkpoints, result files), models and chat completions, on a simulated clock, with fault injection and a request
/// log. Point the official <c>OpenAI</c> SDK (or this toolkit) at <see cref="Endpoint"/> with <see cref="ApiKey"/>.
/// <see cref="OpenAIEmulatorOptions.Dialect"/> makes it speak Azure OpenAI (data plane and management plane, over
/// HTTPS) or Together AI instead.
/// </summary>
/// <example>
/// <code>
/// await using var emulator = await OpenAIEmulator.StartAsync(new OpenAIEmulatorOptions { SpeedFactor = 1200 });
/// var client = new OpenAIClient(new ApiKeyCredential(emulator.ApiKey), new OpenAIClientOptions { Endpoint = emulator.Endpoint });
/// </code>
/// </example>
public sealed class OpenAIEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly EmulatorState _state;
    private int _disposed;

    private OpenAIEmulator(WebApplication app, EmulatorState state, EmulatorFaults faults, EmulatorRequestLog requests, Uri baseAddress, X509Certificate2? certificate)
    {
        _app = app;
        _state = state;
        Faults = faults;
        Requests = requests;
        BaseAddress = baseAddress;
        Certificate = certificate;
        Endpoint = new Uri(baseAddress, state.Options.Dialect == EmulatorDialect.Azure ? "openai/v1" : "v1");
        ManagementEndpoint = state.Options.Dialect == EmulatorDialect.Azure ? baseAddress : null;
    }

    /// <summary>Gets the API base URL to use as <c>OpenAIClientOptions.Endpoint</c>: <c>http://127.0.0.1:{port}/v1</c>
    /// (OpenAI, Together) or <c>https://127.0.0.1:{port}/openai/v1</c> (Azure, like <c>https://{resource}.openai.azure.com/openai/v1</c>).</summary>
    public Uri Endpoint { get; }

    /// <summary>Gets the server's root address, <c>http(s)://127.0.0.1:{port}/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Gets the Azure Resource Manager base URL (the emulator's stand-in for <c>https://management.azure.com/</c>),
    /// or <see langword="null"/> for other dialects. Deployments live at
    /// <c>subscriptions/{AzureSubscriptionId}/resourceGroups/{AzureResourceGroup}/providers/Microsoft.CognitiveServices/accounts/{AzureAccountName}/deployments/{name}?api-version=2024-10-01</c>
    /// (see <see cref="GetDeploymentUri(string)"/>).</summary>
    public Uri? ManagementEndpoint { get; }

    /// <summary>Gets the dialect the emulator speaks.</summary>
    public EmulatorDialect Dialect => _state.Options.Dialect;

    /// <summary>Gets the self-signed development certificate the emulator serves HTTPS with, or <see langword="null"/>
    /// when it serves plain HTTP. It exists only in this process; trust it with <see cref="ValidateServerCertificate"/>
    /// or <see cref="CreateHttpMessageHandler"/>, never by installing it.</summary>
    public X509Certificate2? Certificate { get; }

    /// <summary>Gets the ARM resource URL of a deployment of the emulated Azure OpenAI account (with <c>api-version</c>).</summary>
    /// <param name="deploymentName">The deployment name.</param>
    /// <returns>The URL.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="deploymentName"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">The emulator does not speak the Azure dialect.</exception>
    public Uri GetDeploymentUri(string deploymentName)
    {
        ArgumentNullException.ThrowIfNull(deploymentName);
        var management = ManagementEndpoint ?? throw new InvalidOperationException("Only the Azure dialect has a management plane.");
        var options = _state.Options;
        return new Uri(management, $"subscriptions/{options.AzureSubscriptionId}/resourceGroups/{options.AzureResourceGroup}/providers/Microsoft.CognitiveServices/accounts/{options.AzureAccountName}/deployments/{Uri.EscapeDataString(deploymentName)}?api-version={AzureApiVersions.Management}");
    }

    /// <summary>A server-certificate validation callback that accepts exactly this emulator's <see cref="Certificate"/>
    /// (and any certificate the platform already trusts); use it as <c>HttpClientHandler.ServerCertificateCustomValidationCallback</c>.</summary>
    /// <param name="request">The request (unused).</param>
    /// <param name="certificate">The certificate the server presented.</param>
    /// <param name="chain">The chain (unused).</param>
    /// <param name="errors">The errors the platform found.</param>
    /// <returns><see langword="true"/> to accept the connection.</returns>
    public bool ValidateServerCertificate(HttpRequestMessage? request, X509Certificate2? certificate, X509Chain? chain, SslPolicyErrors errors) =>
        errors == SslPolicyErrors.None || (Certificate is not null && certificate is not null && certificate.RawDataMemory.Span.SequenceEqual(Certificate.RawDataMemory.Span));

    /// <summary>Creates an HTTP handler that trusts this emulator's development certificate (see <see cref="ValidateServerCertificate"/>);
    /// pass it to <c>new HttpClient(handler)</c>, Azure.Core's <c>HttpClientTransport</c> or System.ClientModel's
    /// <c>HttpClientPipelineTransport</c>. The caller disposes it.</summary>
    /// <returns>The handler.</returns>
    public HttpMessageHandler CreateHttpMessageHandler() => new HttpClientHandler { ServerCertificateCustomValidationCallback = ValidateServerCertificate };

    /// <summary>Gets the API key the emulator accepts.</summary>
    public string ApiKey => _state.Options.ApiKey;

    /// <summary>Gets the Entra ID access token the Azure dialect accepts as a bearer token (management plane and data
    /// plane); have a test <c>TokenCredential</c> return it.</summary>
    public string AzureAccessToken => _state.Options.AzureAccessToken;

    /// <summary>Gets the simulated clock; tests can move it forward with <see cref="EmulatorClock.Advance(TimeSpan)"/>.</summary>
    public EmulatorClock Clock => _state.Clock;

    /// <summary>Creates an official SDK client pointed at this emulator with its API key.</summary>
    /// <param name="options">Further client options (retry policy, network timeout, ...); its <c>Endpoint</c> is replaced.</param>
    /// <returns>The client.</returns>
    public OpenAIClient CreateOpenAIClient(OpenAIClientOptions? options = null)
    {
        options ??= new OpenAIClientOptions();
        options.Endpoint = Endpoint;
        if (Certificate is not null)
        {
#pragma warning disable CA2000 // The client owns the transport for its lifetime.
            options.Transport = new HttpClientPipelineTransport(new HttpClient(CreateHttpMessageHandler(), disposeHandler: true));
#pragma warning restore CA2000
        }

        return new OpenAIClient(new ApiKeyCredential(ApiKey), options);
    }

    /// <summary>Gets the per-route fault injection.</summary>
    public EmulatorFaults Faults { get; }

    /// <summary>Gets the log of every request received.</summary>
    public EmulatorRequestLog Requests { get; }

    /// <summary>Starts an emulator on <c>127.0.0.1</c>, on <see cref="OpenAIEmulatorOptions.Port"/> (by default a free port).</summary>
    /// <param name="options">The options; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the start-up.</param>
    /// <returns>The running emulator; dispose it to stop it.</returns>
    /// <exception cref="ArgumentException">An option is out of range (empty API key, negative speed factor or duration).</exception>
    public static async Task<OpenAIEmulator> StartAsync(OpenAIEmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new OpenAIEmulatorOptions();
        Validate(options);
        var clock = new EmulatorClock(options.TimeProvider, options.SpeedFactor, options.StartTime ?? options.TimeProvider.GetUtcNow());
        var state = new EmulatorState(options, clock);
        var faults = new EmulatorFaults(options.Seed);
        var requests = new EmulatorRequestLog();

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(OpenAIEmulator).Assembly.GetName().Name, ContentRootPath = AppContext.BaseDirectory });
        // Isolated from the host application's configuration (appsettings.json, ASPNETCORE_* variables, Kestrel sections).
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(2));
        if (options.LoggerFactory is { } loggerFactory)
        {
            builder.Services.AddSingleton(loggerFactory);
        }

        var certificate = options.UseHttps ?? options.Dialect == EmulatorDialect.Azure ? DevelopmentCertificate.Create() : null;
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, options.Port, listen =>
            {
                if (certificate is not null)
                {
                    listen.UseHttps(certificate);
                }
            });
            kestrel.Limits.MaxRequestBodySize = 600L * 1024 * 1024;
        });
        builder.Services.Configure<FormOptions>(form => form.MultipartBodyLengthLimit = 600L * 1024 * 1024);

        var app = builder.Build();
        var middleware = new EmulatorMiddleware(state, faults, requests);
        app.Use(middleware.LogAsync);
        app.UseRouting();
        app.Use(middleware.GuardAsync);
        state.MapRoutes(app);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address).Port;
        var scheme = certificate is null ? "http" : "https";
        var emulator = new OpenAIEmulator(app, state, faults, requests, new Uri($"{scheme}://127.0.0.1:{port}/"), certificate);
        EmulatorLog.Started(state.Logger, emulator.Endpoint, options.SpeedFactor, options.Seed);
        return emulator;
    }

    /// <summary>Stops the server and releases its port; requests still in flight (slow responses, streams) are aborted
    /// after at most two seconds.</summary>
    /// <returns>A task that completes when the server has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        Certificate?.Dispose();
    }

    private static void Validate(OpenAIEmulatorOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ApiKey, nameof(options));
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Organization, nameof(options));
        ArgumentException.ThrowIfNullOrWhiteSpace(options.OrganizationId, nameof(options));
        ArgumentNullException.ThrowIfNull(options.TimeProvider, nameof(options));
        if (options.Port is < 0 or > 65535)
        {
            throw new ArgumentException("Port must be between 0 (a free port) and 65535.", nameof(options));
        }

        ArgumentNullException.ThrowIfNull(options.Lifecycle, nameof(options));
        ArgumentException.ThrowIfNullOrWhiteSpace(options.AzureAccessToken, nameof(options));
        if (options.DeploymentProvisioningDuration < TimeSpan.Zero)
        {
            throw new ArgumentException("DeploymentProvisioningDuration must be zero or more.", nameof(options));
        }

        if (double.IsNaN(options.SpeedFactor) || double.IsInfinity(options.SpeedFactor) || options.SpeedFactor < 0)
        {
            throw new ArgumentException("SpeedFactor must be a finite number of zero or more.", nameof(options));
        }

        if (options.TrainingDuration <= TimeSpan.Zero || options.ValidationDuration < TimeSpan.Zero || options.QueueDuration < TimeSpan.Zero
            || options.FileProcessingDuration < TimeSpan.Zero || options.PauseDuration < TimeSpan.Zero)
        {
            throw new ArgumentException("TrainingDuration must be positive and the other durations zero or more.", nameof(options));
        }
    }
}
