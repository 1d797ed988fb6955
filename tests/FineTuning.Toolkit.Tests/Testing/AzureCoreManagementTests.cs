using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using FineTuning.Toolkit.Testing;

namespace FineTuning.Toolkit.Tests.Testing;

/// <summary>The real Azure.Core pipeline (bearer-token policy, as Azure.ResourceManager uses it) against the emulator's
/// management plane: it refuses plain http, and works over the emulator's HTTPS with the pinned development certificate.</summary>
public sealed class AzureCoreManagementTests
{
    private const string Scope = "https://management.azure.com/.default";

    private static HttpPipeline Pipeline(OpenAIEmulator emulator, TokenCredential credential)
    {
        var options = new ManagementOptions { Transport = new HttpClientTransport(emulator.CreateHttpMessageHandler()) };
        options.Retry.MaxRetries = 0;
        return HttpPipelineBuilder.Build(options, new BearerTokenAuthenticationPolicy(credential, Scope));
    }

    private static async Task<Response> SendAsync(HttpPipeline pipeline, RequestMethod method, Uri uri, string? json = null)
    {
        var request = pipeline.CreateRequest();
        request.Method = method;
        request.Uri.Reset(uri);
        if (json is not null)
        {
            request.Headers.Add("Content-Type", "application/json");
            request.Content = RequestContent.Create(BinaryData.FromString(json));
        }

        return await pipeline.SendRequestAsync(request, CancellationToken.None);
    }

    [Fact]
    public async Task BearerTokenPolicy_OverPlainHttp_IsRefusedByAzureCore()
    {
        await using var emulator = await OpenAIEmulator.StartAsync(new OpenAIEmulatorOptions { Dialect = EmulatorDialect.Azure, UseHttps = false, SpeedFactor = 0, StartTime = EmulatorScenario.Start });
        var credential = new FixedToken(emulator.AzureAccessToken);

        Assert.Equal("http", emulator.ManagementEndpoint!.Scheme);
        await Assert.ThrowsAsync<InvalidOperationException>(() => SendAsync(Pipeline(emulator, credential), RequestMethod.Get, emulator.GetDeploymentUri("x")));
        Assert.Equal(0, credential.Calls);
    }

    [Fact]
    public async Task BearerTokenPolicy_OverTheEmulatorsHttps_CreatesPollsAndDeletesADeployment()
    {
        await using var emulator = await OpenAIEmulator.StartAsync(new OpenAIEmulatorOptions { Dialect = EmulatorDialect.Azure, SpeedFactor = 0, StartTime = EmulatorScenario.Start });
        var credential = new FixedToken(emulator.AzureAccessToken);
        var pipeline = Pipeline(emulator, credential);
        var uri = emulator.GetDeploymentUri("base-mini");

        using var created = await SendAsync(pipeline, RequestMethod.Put, uri, """{"sku":{"name":"GlobalStandard","capacity":10},"properties":{"model":{"format":"OpenAI","name":"gpt-4o-mini-2024-07-18","version":"1"}}}""");
        Assert.Equal(201, created.Status);
        emulator.Clock.Advance(TimeSpan.FromMinutes(5));
        using var state = await SendAsync(pipeline, RequestMethod.Get, uri);
        Assert.Contains("\"Succeeded\"", state.Content.ToString(), StringComparison.Ordinal);
        using var deleted = await SendAsync(pipeline, RequestMethod.Delete, uri);
        Assert.Equal(200, deleted.Status);
        Assert.Equal(Scope, Assert.Single(credential.Scopes));

        using var wrongToken = await SendAsync(Pipeline(emulator, new FixedToken("not-the-token")), RequestMethod.Get, uri);
        Assert.Equal(401, wrongToken.Status);
    }

    private sealed class ManagementOptions : ClientOptions
    {
    }

    /// <summary>A hand-written credential that hands out one token and records the scopes asked for.</summary>
    private sealed class FixedToken(string token) : TokenCredential
    {
        public int Calls { get; private set; }

        public HashSet<string> Scopes { get; } = new(StringComparer.Ordinal);

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            Calls++;
            Scopes.UnionWith(requestContext.Scopes);
            return new AccessToken(token, TimeProvider.System.GetUtcNow().AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new(GetToken(requestContext, cancellationToken));
    }
}
