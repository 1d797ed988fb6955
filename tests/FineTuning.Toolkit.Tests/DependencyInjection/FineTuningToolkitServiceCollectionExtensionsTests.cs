using System.Text;
using FineTuning.Toolkit.Comparison;
using FineTuning.Toolkit.Datasets;
using FineTuning.Toolkit.Jobs;
using FineTuning.Toolkit.Tests.Jobs;
using FineTuning.Toolkit.Validation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace FineTuning.Toolkit.Tests.DependencyInjection;

public sealed class FineTuningToolkitServiceCollectionExtensionsTests
{
    private const string Key = "sk-di-test-key-0123456789";

    [Fact]
    public async Task AddFineTuningToolkit_RealHost_ResolvesEveryService()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.AddProvider(CollectingLoggerProvider.Global);
        builder.Services.AddFineTuningToolkit(o => o.Runner.ApiKey = Key);
        using var host = builder.Build();
        await host.StartAsync();

        var runner = host.Services.GetRequiredService<FineTuneJobRunner>();
        Assert.Same(runner, host.Services.GetRequiredService<FineTuneJobRunner>());
        Assert.NotNull(host.Services.GetRequiredService<DatasetValidator>());
        Assert.NotNull(host.Services.GetRequiredService<ModelComparer>());
        Assert.Equal(new Uri("https://api.openai.com/v1/"), runner.Endpoint);
        await host.StopAsync();
    }

    [Fact]
    public void AddFineTuningToolkit_JsonConfiguration_BindsEverySetting()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes("""
            {
              "FineTuning": {
                "Runner": {
                  "ApiKey": "sk-di-test-key-0123456789",
                  "Endpoint": "https://techflow.openai.azure.com/openai/v1/",
                  "Organization": "org-techflow",
                  "Project": "proj-support",
                  "DefaultModel": "gpt-4.1-mini-2025-04-14",
                  "CancelRemoteJobOnAbandon": true,
                  "Polling": { "FinishInterval": "00:00:01", "MaxInterval": "00:01:30" },
                  "Resilience": { "MaxRetryAttempts": 3, "MaxRetryAfter": "00:00:20" },
                  "TrainingPricesPerMillionTokens": { "gpt-4.1-mini": 4.5 }
                },
                "Comparer": { "MaxConcurrency": 2 }
              }
            }
            """)));
        builder.Services.AddFineTuningToolkit(builder.Configuration.GetSection("FineTuning"));
        using var host = builder.Build();

        var options = host.Services.GetRequiredService<IOptions<FineTuningToolkitOptions>>().Value;
        var runner = host.Services.GetRequiredService<FineTuneJobRunner>();

        Assert.Equal(new Uri("https://techflow.openai.azure.com/openai/v1/"), runner.Endpoint);
        Assert.Equal("org-techflow", options.Runner.Organization);
        Assert.Equal("proj-support", options.Runner.Project);
        Assert.Equal("gpt-4.1-mini-2025-04-14", options.Runner.DefaultModel);
        Assert.Equal("gpt-4.1-mini-2025-04-14", runner.DefaultModel);
        Assert.True(options.Runner.CancelRemoteJobOnAbandon);
        Assert.Equal(TimeSpan.FromSeconds(1), options.Runner.Polling.FinishInterval);
        Assert.Equal(TimeSpan.FromSeconds(90), options.Runner.Polling.MaxInterval);
        Assert.Equal(3, options.Runner.Resilience.MaxRetryAttempts);
        Assert.Equal(TimeSpan.FromSeconds(20), options.Runner.Resilience.MaxRetryAfter);
        Assert.Equal(4.5m, options.Runner.TrainingPricesPerMillionTokens["gpt-4.1-mini"]);
        Assert.Equal(2, options.Comparer.MaxConcurrency);
        Assert.Equal(2, host.Services.GetRequiredService<ModelComparer>().Options.MaxConcurrency);
    }

    [Fact]
    public async Task AddFineTuningToolkit_InvalidSettings_StartFailsNamingTheKeys()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["FineTuning:Runner:ApiKey"] = Key,
            ["FineTuning:Runner:Endpoint"] = "ftp://files.example.com/v1",
            ["FineTuning:Runner:Resilience:MaxRetryAttempts"] = "-2",
            ["FineTuning:Runner:Polling:FinishInterval"] = "00:00:00",
        });
        builder.Services.AddFineTuningToolkit(builder.Configuration.GetSection("FineTuning"));
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("FineTuning:Runner:Endpoint", error.Message, StringComparison.Ordinal);
        Assert.Matches(@"FineTuning: [^\n]*Runner\.Resilience[^\n]*MaxRetryAttempts", error.Message);
        Assert.Matches(@"FineTuning: [^\n]*Runner\.Polling[^\n]*FinishInterval", error.Message);
        Assert.DoesNotContain(Key, error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task AddFineTuningToolkit_NoKeyAnywhere_StartFailsNamingApiKeyAndTheVariable()
    {
        Skip.If(Environment.GetEnvironmentVariable("OPENAI_API_KEY") is { Length: > 0 }, "OPENAI_API_KEY is set in this environment.");
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddFineTuningToolkit(builder.Configuration.GetSection("FineTuning"));
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("FineTuning:Runner:ApiKey", error.Message, StringComparison.Ordinal);
        Assert.Contains("OPENAI_API_KEY", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddKeyedFineTuningToolkit_SecondProvider_ResolvesSideBySide()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddFineTuningToolkit(o => o.Runner.ApiKey = Key);
        builder.Services.AddKeyedFineTuningToolkit("azure", o =>
        {
            o.Runner.ApiKey = Key;
            o.Runner.Endpoint = new Uri("https://techflow.openai.azure.com/openai/v1/");
        });
        using var host = builder.Build();
        await host.StartAsync();

        var openAi = host.Services.GetRequiredService<FineTuneJobRunner>();
        var azure = host.Services.GetRequiredKeyedService<FineTuneJobRunner>("azure");

        Assert.NotSame(openAi, azure);
        Assert.Equal("api.openai.com", openAi.Endpoint.Host);
        Assert.Equal("techflow.openai.azure.com", azure.Endpoint.Host);
        Assert.NotNull(host.Services.GetRequiredKeyedService<ModelComparer>("azure"));
        Assert.Same(host.Services.GetRequiredService<DatasetValidator>(), host.Services.GetRequiredService<DatasetValidator>());
        await host.StopAsync();
    }

    [Fact]
    public async Task AddKeyedFineTuningToolkit_InvalidKeyedSettings_StartFailsNamingTheSection()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["FineTuning:Azure:Runner:ApiKey"] = Key,
            ["FineTuning:Azure:Runner:Resilience:FailureRatio"] = "3",
        });
        builder.Services.AddFineTuningToolkit(o => o.Runner.ApiKey = Key);
        builder.Services.AddKeyedFineTuningToolkit("azure", builder.Configuration.GetSection("FineTuning:Azure"));
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Matches(@"FineTuning:Azure: [^\n]*Resilience[^\n]*FailureRatio", error.Message);
    }

    [Theory]
    [InlineData("UploadPartSize", "0")]
    [InlineData("MaxParallelUploadParts", "0")]
    [InlineData("MultipartUploadThreshold", "0")]
    public async Task AddFineTuningToolkit_ZeroUploadSetting_StartFailsNamingIt(string setting, string value)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["FineTuning:Runner:ApiKey"] = Key,
            ["FineTuning:Runner:" + setting] = value,
        });
        builder.Services.AddFineTuningToolkit(builder.Configuration.GetSection("FineTuning"));
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
        Assert.Contains("FineTuning: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_InvalidOptionsOutsideAHost_ThrowsTheSameValidation()
    {
        var runner = Assert.Throws<OptionsValidationException>(() => new FineTuneJobRunner(new FineTuneJobRunnerOptions { ApiKey = Key, UploadPartSize = 0 }));

        Assert.Contains("UploadPartSize", runner.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddFineTuningToolkit_CalledTwice_RegistersOnce()
    {
        var services = new ServiceCollection();
        services.AddFineTuningToolkit(o => o.Runner.ApiKey = Key);
        var count = services.Count;
        services.AddFineTuningToolkit(o => o.Runner.Organization = "org-second");

        Assert.Single(services, d => d.ServiceType == typeof(FineTuneJobRunner));
        Assert.Single(services, d => d.ServiceType == typeof(IValidateOptions<FineTuningToolkitOptions>));
        Assert.Equal(count + 1, services.Count);
        using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<IOptions<FineTuningToolkitOptions>>().Value;
        Assert.Equal(Key, options.Runner.ApiKey);
        Assert.Equal("org-second", options.Runner.Organization);
    }

    [Fact]
    public async Task AddFineTuningToolkit_HostTimeProvider_IsUsed()
    {
        var builder = Host.CreateApplicationBuilder();
        var clock = new FakeTimeProvider();
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddFineTuningToolkit(o => o.Runner.ApiKey = Key);
        using var host = builder.Build();
        var validator = host.Services.GetRequiredService<DatasetValidator>();
        var dataset = DatasetBuilder.Create().AddExample("account", "How do I reset my password?", "Go to Settings, then Security, and choose Reset password. Need anything else?").Build();

        var report = await validator.ValidateAsync(dataset);

        // A frozen fake clock measures no time at all: the host's clock was used, not the system clock.
        Assert.Equal(TimeSpan.Zero, report.Duration);
    }

    [Fact]
    public void BuilderAndOptions_ConfigureComparerAndToString_NeverPrintTheKey()
    {
        var services = new ServiceCollection();
        services.AddFineTuningToolkit(o => o.Runner.ApiKey = Key).ConfigureComparer(c => c.Repeats = 3);
        using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<IOptions<FineTuningToolkitOptions>>().Value;

        Assert.Equal(3, options.Comparer.Repeats);
        Assert.DoesNotContain(Key, options.Runner.ToString(), StringComparison.Ordinal);
        Assert.Contains("ApiKey=***", options.Runner.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Arguments_Null_Throw()
    {
        var services = new ServiceCollection();
        var section = new ConfigurationBuilder().Build().GetSection("FineTuning");
        Assert.Throws<ArgumentNullException>("services", () => ((IServiceCollection)null!).AddFineTuningToolkit());
        Assert.Throws<ArgumentNullException>("services", () => ((IServiceCollection)null!).AddFineTuningToolkit(_ => { }));
        Assert.Throws<ArgumentNullException>("services", () => ((IServiceCollection)null!).AddFineTuningToolkit(section));
        Assert.Throws<ArgumentNullException>("configure", () => services.AddFineTuningToolkit((Action<FineTuningToolkitOptions>)null!));
        Assert.Throws<ArgumentNullException>("section", () => services.AddFineTuningToolkit((IConfigurationSection)null!));
        Assert.Throws<ArgumentNullException>("serviceKey", () => services.AddKeyedFineTuningToolkit(null!, _ => { }));
        Assert.Throws<ArgumentNullException>("configure", () => services.AddKeyedFineTuningToolkit("k", (Action<FineTuningToolkitOptions>)null!));
        Assert.Throws<ArgumentNullException>("section", () => services.AddKeyedFineTuningToolkit("k", (IConfigurationSection)null!));
        Assert.Throws<ArgumentNullException>("configure", () => services.AddFineTuningToolkit().Configure(null!));
        Assert.Throws<ArgumentNullException>("configure", () => services.AddFineTuningToolkit().ConfigureComparer(null!));
    }
}
