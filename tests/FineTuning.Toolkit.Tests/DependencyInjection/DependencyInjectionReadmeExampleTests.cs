using FineTuning.Toolkit.Comparison;
using FineTuning.Toolkit.Jobs;
using FineTuning.Toolkit.Validation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FineTuning.Toolkit.Tests.DependencyInjection;

/// <summary>Runs the README's dependency injection snippet (readme-parts/runner.md), kept here verbatim so it compiles.</summary>
public sealed class DependencyInjectionReadmeExampleTests
{
    [Fact]
    public async Task Readme_DependencyInjectionSnippet_ResolvesEveryService()
    {
        string[] args =
        [
            "--FineTuning:Runner:ApiKey=sk-readme-di-key-0000000000",
            "--FineTuning:Azure:Runner:ApiKey=sk-readme-di-key-1111111111",
            "--FineTuning:Azure:Runner:Endpoint=https://techflow.openai.azure.com/openai/v1/",
        ];

        // README snippet (readme-parts/runner.md, dependency injection) — begin
        var builder = Host.CreateApplicationBuilder(args);
        builder.Services.AddFineTuningToolkit(builder.Configuration.GetSection("FineTuning"));
        builder.Services.AddKeyedFineTuningToolkit("azure", builder.Configuration.GetSection("FineTuning:Azure"));

        using var host = builder.Build();
        await host.StartAsync(); // validates the options: a wrong setting fails here, naming its key

        var validator = host.Services.GetRequiredService<DatasetValidator>();
        var runner = host.Services.GetRequiredService<FineTuneJobRunner>();
        var azureRunner = host.Services.GetRequiredKeyedService<FineTuneJobRunner>("azure");
        var comparer = host.Services.GetRequiredService<ModelComparer>();
        // README snippet — end

        Assert.NotNull(validator);
        Assert.NotNull(comparer);
        Assert.Equal("api.openai.com", runner.Endpoint.Host);
        Assert.Equal("techflow.openai.azure.com", azureRunner.Endpoint.Host);
        await host.StopAsync();
    }
}
