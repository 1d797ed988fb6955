using System.ClientModel.Primitives;
using Azure.Core.Pipeline;
using Azure.Identity;
using FineTuning.Toolkit.Jobs;
using FineTuning.Toolkit.Testing;
using Microsoft.Extensions.Configuration;

namespace TechFlow.SupportAssistant;

/// <summary>
/// Points the runner at the chosen provider: offline at the embedded emulator speaking that provider's dialect (Azure:
/// HTTPS with a development certificate this process trusts, and a management plane for deployments), live at the real
/// service with settings from configuration or the environment. Keys stay in their own provider's settings.
/// </summary>
internal static class ProviderSetup
{
    /// <summary>What a live run of the provider needs that is missing, or <see langword="null"/>.</summary>
    public static string? MissingLiveSettings(string provider, IConfiguration configuration) => provider switch
    {
        "azure" => Missing(configuration, "AZURE_OPENAI_ENDPOINT", "AZURE_SUBSCRIPTION_ID", "AZURE_RESOURCE_GROUP", "AZURE_OPENAI_ACCOUNT") is { } missing
            ? $"--live --provider azure needs {missing} (and AZURE_OPENAI_API_KEY, or an Entra ID login DefaultAzureCredential finds)."
            : null,
        "together" => Missing(configuration, "TOGETHER_API_KEY") is { } missing ? $"--live --provider together needs {missing}." : null,
        _ => Missing(configuration, "OPENAI_API_KEY") is { } missing ? $"--live needs an OpenAI API key in {missing}." : null,
    };

    public static OpenAIEmulatorOptions EmulatorOptions(string provider)
    {
        var options = OfflineDefaults.EmulatorOptions();
        options.Dialect = provider switch { "azure" => EmulatorDialect.Azure, "together" => EmulatorDialect.Together, _ => EmulatorDialect.OpenAI };
        return options;
    }

    /// <summary>Configures the runner for the provider: at the emulator when there is one, else at the real service.</summary>
    public static void Configure(FineTuneJobRunnerOptions runner, string provider, OpenAIEmulator? emulator, OpenAIEmulatorOptions? emulatorOptions, IConfiguration configuration)
    {
        runner.Provider = provider;
        if (emulator is not null)
        {
            runner.Endpoint = emulator.Endpoint;
            runner.ApiKey = emulator.ApiKey;
            runner.Polling = OfflineDefaults.Polling();
        }

        if (provider != "azure")
        {
            return; // OpenAI and Together: the endpoint default and the provider's own key variable (OPENAI_API_KEY, TOGETHER_API_KEY)
        }

        runner.TrainingType = "globalStandard";
        var azure = runner.Azure;
        azure.DeploymentSku = "globalstandard";
        if (emulator is not null && emulatorOptions is not null)
        {
            // The emulator's HTTPS certificate exists only in this process: both planes trust exactly it.
            runner.Transport = new HttpClientPipelineTransport(new HttpClient(emulator.CreateHttpMessageHandler()));
            azure.ManagementTransport = new HttpClientTransport(new HttpClient(emulator.CreateHttpMessageHandler()));
            azure.ManagementEndpoint = emulator.ManagementEndpoint!;
            azure.SubscriptionId = emulatorOptions.AzureSubscriptionId;
            azure.ResourceGroup = emulatorOptions.AzureResourceGroup;
            azure.AccountName = emulatorOptions.AzureAccountName;
            azure.Credential = new EmulatorTokenCredential(emulator.AzureAccessToken);
            azure.DeploymentPollInterval = TimeSpan.FromMilliseconds(100);
            return;
        }

        runner.Endpoint = new Uri(configuration["AZURE_OPENAI_ENDPOINT"]!);
        azure.SubscriptionId = configuration["AZURE_SUBSCRIPTION_ID"];
        azure.ResourceGroup = configuration["AZURE_RESOURCE_GROUP"];
        azure.AccountName = configuration["AZURE_OPENAI_ACCOUNT"];
        if (configuration["AZURE_MANAGEMENT_ENDPOINT"] is { Length: > 0 } management)
        {
            azure.ManagementEndpoint = new Uri(management); // a sovereign cloud
        }

        if (string.IsNullOrWhiteSpace(configuration["AZURE_OPENAI_API_KEY"]))
        {
            azure.Credential = new DefaultAzureCredential(); // Entra ID on both planes when there is no key
        }
    }

    private static string? Missing(IConfiguration configuration, params string[] names)
    {
        var missing = names.Where(n => string.IsNullOrWhiteSpace(configuration[n])).ToList();
        return missing.Count == 0 ? null : string.Join(", ", missing);
    }
}
