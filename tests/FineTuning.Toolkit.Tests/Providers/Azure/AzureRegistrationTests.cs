using FineTuning.Toolkit.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace FineTuning.Toolkit.Tests.Providers.Azure;

public sealed class AzureRegistrationTests
{
    private static readonly Uri Endpoint = new("https://techflow.openai.azure.com/openai/v1/");

    [SkippableFact]
    public async Task AddKeyedFineTuningToolkit_AzureWithoutKeyOrCredential_StartFailsNamingTheSettings()
    {
        Skip.If(Environment.GetEnvironmentVariable("AZURE_OPENAI_API_KEY") is { Length: > 0 }, "AZURE_OPENAI_API_KEY is set in this environment.");
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddKeyedFineTuningToolkit("azure", o => (o.Runner.Provider, o.Runner.Endpoint) = ("azure", Endpoint));
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Runner:ApiKey", error.Message, StringComparison.Ordinal);
        Assert.Contains("AZURE_OPENAI_API_KEY", error.Message, StringComparison.Ordinal);
        Assert.Contains("Runner:Azure:Credential", error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task AddKeyedFineTuningToolkit_AzureWithACredentialOnly_Starts()
    {
        Skip.If(Environment.GetEnvironmentVariable("AZURE_OPENAI_API_KEY") is { Length: > 0 }, "AZURE_OPENAI_API_KEY is set in this environment.");
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddKeyedFineTuningToolkit("azure", o =>
        {
            (o.Runner.Provider, o.Runner.Endpoint) = ("azure", Endpoint);
            o.Runner.Azure.Credential = new FixedTokenCredential("entra-token");
        });
        using var host = builder.Build();

        await host.StartAsync();

        Assert.Equal(Endpoint, host.Services.GetRequiredKeyedService<FineTuneJobRunner>("azure").Endpoint);
        await host.StopAsync();
    }

    [SkippableFact]
    public void Constructor_AzureWithoutKeyOrCredential_ThrowsNamingTheSettings()
    {
        Skip.If(Environment.GetEnvironmentVariable("AZURE_OPENAI_API_KEY") is { Length: > 0 }, "AZURE_OPENAI_API_KEY is set in this environment.");

        var error = Assert.Throws<InvalidOperationException>(() => new FineTuneJobRunner(new FineTuneJobRunnerOptions { Provider = "azure", Endpoint = Endpoint, ApiKey = null }));

        Assert.Contains("FineTuneJobRunnerOptions.ApiKey", error.Message, StringComparison.Ordinal);
        Assert.Contains("AZURE_OPENAI_API_KEY", error.Message, StringComparison.Ordinal);
        Assert.Contains("FineTuneJobRunnerOptions.Azure.Credential", error.Message, StringComparison.Ordinal);
    }
}
