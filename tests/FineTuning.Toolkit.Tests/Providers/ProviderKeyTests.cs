using System.ClientModel.Primitives;
using FineTuning.Toolkit.Jobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace FineTuning.Toolkit.Tests.Providers;

public sealed class ProviderKeyTests
{
    private const string OpenAIKey = "sk-openai-only-0123456789";
    private const string AzureKey = "azure-only-key-9876543210";
    private static readonly Uri AzureEndpoint = new("https://techflow.openai.azure.com/openai/v1/");

    [Fact]
    public async Task KeyedProviders_EachKey_GoesOnlyToItsOwnHost()
    {
        var handler = new RecordingHandler();
        var transport = new HttpClientPipelineTransport(new HttpClient(handler));
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddFineTuningToolkit(o => (o.Runner.ApiKey, o.Runner.Transport) = (OpenAIKey, transport));
        builder.Services.AddKeyedFineTuningToolkit("azure", o =>
        {
            o.Runner.Provider = "azure";
            o.Runner.ApiKey = AzureKey;
            o.Runner.Endpoint = AzureEndpoint;
            o.Runner.Transport = transport;
        });
        using var host = builder.Build();
        await host.StartAsync();

        await foreach (var _ in host.Services.GetRequiredService<FineTuneJobRunner>().ListJobsAsync())
        {
        }

        await foreach (var _ in host.Services.GetRequiredKeyedService<FineTuneJobRunner>("azure").ListJobsAsync())
        {
        }

        var openAi = handler.Requests.Where(r => r.Host == "api.openai.com").ToList();
        var azure = handler.Requests.Where(r => r.Host == AzureEndpoint.Host).ToList();
        Assert.NotEmpty(openAi);
        Assert.NotEmpty(azure);
        Assert.Equal(handler.Requests.Count, openAi.Count + azure.Count);
        Assert.All(openAi, r => Assert.Equal("Bearer " + OpenAIKey, r.Authorization));
        Assert.All(openAi, r => Assert.Null(r.ApiKeyHeader));
        Assert.All(azure, r => Assert.Equal(AzureKey, r.ApiKeyHeader));
        Assert.All(azure, r => Assert.Null(r.Authorization)); // the OpenAI key is never sent to Azure, in any header
        await host.StopAsync();
    }

    [SkippableFact]
    public async Task KeyedAzure_NoKeyOfItsOwn_StartFailsNamingTheSettingAndNeverBorrows()
    {
        Skip.If(Environment.GetEnvironmentVariable("AZURE_OPENAI_API_KEY") is { Length: > 0 }, "AZURE_OPENAI_API_KEY is set in this environment.");
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["FineTuning:Azure:Runner:Provider"] = "azure",
            ["FineTuning:Azure:Runner:Endpoint"] = AzureEndpoint.ToString(),
        });
        builder.Services.AddFineTuningToolkit(o => o.Runner.ApiKey = OpenAIKey);
        builder.Services.AddKeyedFineTuningToolkit("azure", builder.Configuration.GetSection("FineTuning:Azure"));
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("FineTuning:Azure:Runner:ApiKey", error.Message, StringComparison.Ordinal);
        Assert.Contains("AZURE_OPENAI_API_KEY", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(OpenAIKey, error.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => new FineTuneJobRunner(new FineTuneJobRunnerOptions { Provider = "azure", Endpoint = AzureEndpoint }));
    }

    [Fact]
    public async Task KeyedAzure_EndpointWithoutTheV1Path_StartFailsNamingIt()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddKeyedFineTuningToolkit("azure", o =>
        {
            o.Runner.Provider = "azure";
            o.Runner.ApiKey = AzureKey;
            o.Runner.Endpoint = new Uri("https://techflow.openai.azure.com/");
        });
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("/openai/v1/", error.Message, StringComparison.Ordinal);
        Assert.Contains("Runner:Endpoint", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AzureJobBody_CarriesTrainingType_OpenAIBodyDoesNot()
    {
        var request = FineTuneRequest.For("gpt-4.1-mini-2025-04-14");

        var azure = CreateJobBody.Write(request, request.Model, "file-1", null, "key", "globalStandard").ToString();
        var openAi = CreateJobBody.Write(request, request.Model, "file-1", null, "key").ToString();

        Assert.Contains("\"trainingType\":\"globalStandard\"", azure, StringComparison.Ordinal);
        Assert.DoesNotContain("trainingType", openAi, StringComparison.Ordinal);
    }
}
