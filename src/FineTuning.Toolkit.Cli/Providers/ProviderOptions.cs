using System.CommandLine;

namespace FineTuning.Toolkit.Cli.Providers;

/// <summary>
/// The provider settings every command that talks to a service accepts: each one an option and an environment
/// variable. Keys are never options (they would land in shell history and CI logs): only environment variables or
/// the config file.
/// </summary>
internal sealed class ProviderOptions
{
    public const string DefaultProvider = "openai";

    private readonly Dictionary<Option, string> _variables = [];

    public ProviderOptions()
    {
        Provider = Create("--provider", "FTK_PROVIDER", $"The service: {string.Join(", ", ProviderCatalog.Names)} (default {DefaultProvider}).");
        Provider.AcceptOnlyFromAmong([.. ProviderCatalog.Names]);
        Endpoint = Create("--endpoint", "FTK_ENDPOINT", "Base URL of an OpenAI-compatible API (a proxy, a regional endpoint or `ftk emulator`); also read from OPENAI_BASE_URL.");
        Organization = Create("--organization", "OPENAI_ORG_ID", "OpenAI organization id.");
        Project = Create("--project", "OPENAI_PROJECT_ID", "OpenAI project id.");
        Config = Create("--config", "FTK_CONFIG", $"Config file with keys and settings per provider (default {ProviderConfigFile.DefaultPathDisplay}).");
        ManagementEndpoint = Create("--management-endpoint", "AZURE_MANAGEMENT_ENDPOINT", "Azure: Resource Manager endpoint for deployments (default https://management.azure.com/; a sovereign cloud or `ftk emulator --dialect azure`).");
        Subscription = Create("--subscription", "AZURE_SUBSCRIPTION_ID", "Azure: subscription id of the Azure OpenAI account.");
        ResourceGroup = Create("--resource-group", "AZURE_RESOURCE_GROUP", "Azure: resource group of the Azure OpenAI account.");
        Account = Create("--account", "AZURE_OPENAI_ACCOUNT", "Azure: the Azure OpenAI account (resource) name.");
        Deployment = Create("--deployment", "AZURE_OPENAI_DEPLOYMENT", "Azure: deployment name (default: derived from the model).");
        TrainingType = Create("--training-type", "AZURE_OPENAI_TRAINING_TYPE", "Azure: trainingType of new jobs: standard, globalStandard or developerTier.");
        DeploymentSku = Create("--deployment-sku", "AZURE_OPENAI_DEPLOYMENT_SKU", "Azure: deployment SKU: standard, globalstandard or developertier (default standard).");
        TrustCertificate = Create("--trust-certificate", "FTK_TRUST_CERTIFICATE", "PEM certificate to trust for loopback hosts only (what `ftk emulator --dialect azure` writes); never used for other hosts.");
    }

    public Option<string?> ManagementEndpoint { get; }

    public Option<string?> Subscription { get; }

    public Option<string?> ResourceGroup { get; }

    public Option<string?> Account { get; }

    public Option<string?> Deployment { get; }

    public Option<string?> TrainingType { get; }

    public Option<string?> DeploymentSku { get; }

    public Option<string?> TrustCertificate { get; }

    public Option<string?> Provider { get; }

    public Option<string?> Endpoint { get; }

    public Option<string?> Organization { get; }

    public Option<string?> Project { get; }

    public Option<string?> Config { get; }

    private Option<string?>[] All =>
        [Provider, Endpoint, Organization, Project, Config, ManagementEndpoint, Subscription, ResourceGroup, Account, Deployment, TrainingType, DeploymentSku, TrustCertificate];

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (var option in All)
        {
            command.Options.Add(option);
        }
    }

    /// <summary>Resolves every setting: the option, else its environment variable, else the config file.</summary>
    public ProviderSettings Resolve(ParseResult parseResult, CliHost host)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        ArgumentNullException.ThrowIfNull(host);
        var configPath = Value(parseResult, host, Config) ?? ProviderConfigFile.DefaultPath;
        var provider = (Value(parseResult, host, Provider) ?? DefaultProvider).ToLowerInvariant();
        if (!ProviderCatalog.Names.Contains(provider))
        {
            throw new CliUsageException($"Unknown provider '{provider}'; use one of: {string.Join(", ", ProviderCatalog.Names)}.");
        }

        var config = ProviderConfigFile.Load(host.ResolvePath(configPath), provider);
        var info = ProviderCatalog.Get(provider);
        string? Setting(Option<string?> option, string configKey, params string[] fallbackVariables)
        {
            var value = Value(parseResult, host, option);
            value ??= fallbackVariables.Select(host.GetEnvironmentVariable).FirstOrDefault(v => v is not null);
            return value ?? config.Get(configKey);
        }

        var (apiKey, keySource) = ResolveKey(host, info, config);
        return new ProviderSettings
        {
            Provider = provider,
            Endpoint = ParseUri(Setting(Endpoint, "endpoint", info.EndpointVariables), "--endpoint"),
            ApiKey = apiKey,
            ApiKeySource = keySource,
            Organization = Setting(Organization, "organization"),
            Project = Setting(Project, "project"),
            ConfigPath = configPath,
            Time = host.Time,
            Azure = provider == "azure" ? new AzureSettings
            {
                ManagementEndpoint = ParseUri(Setting(ManagementEndpoint, "managementEndpoint"), "--management-endpoint"),
                Subscription = Setting(Subscription, "subscription"),
                ResourceGroup = Setting(ResourceGroup, "resourceGroup"),
                Account = Setting(Account, "account"),
                Deployment = Setting(Deployment, "deployment"),
                TrainingType = Setting(TrainingType, "trainingType"),
                DeploymentSku = Setting(DeploymentSku, "deploymentSku"),
                AccessToken = host.GetEnvironmentVariable(AzureSettings.AccessTokenVariable),
            } : null,
            TrustedCertificatePath = Setting(TrustCertificate, "trustCertificate") is { } pem ? host.ResolvePath(pem) : null,
        };
    }

    private static (string? Key, string? Source) ResolveKey(CliHost host, ProviderInfo info, ProviderConfigSection config)
    {
        foreach (var variable in info.KeyVariables)
        {
            if (host.GetEnvironmentVariable(variable) is { } key)
            {
                return (key, variable);
            }
        }

        return config.Get("apiKey") is { } fromFile ? (fromFile, config.Path) : (null, null);
    }

    private string? Value(ParseResult parseResult, CliHost host, Option<string?> option)
    {
        var value = parseResult.GetValue(option);
        if (!string.IsNullOrWhiteSpace(value))
        {
            return value;
        }

        var variable = EnvironmentVariableOf(option);
        return variable is null ? null : host.GetEnvironmentVariable(variable);
    }

    private static Uri? ParseUri(string? value, string name) =>
        value is null ? null
        : Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) ? uri
        : throw new CliUsageException($"{name} must be an absolute http(s) URL (it is '{value}').");

    private string? EnvironmentVariableOf(Option option) => _variables.GetValueOrDefault(option);

    private Option<string?> Create(string name, string variable, string description)
    {
        var option = new Option<string?>(name) { Description = $"{description} [env: {variable}]" };
        _variables[option] = variable;
        return option;
    }
}
