namespace FineTuning.Toolkit.Cli.Providers;

/// <summary>The Azure OpenAI settings of the tool: the management plane (Azure Resource Manager) where deployments live,
/// the deployment's name and SKU, and the job's <c>trainingType</c>. <see cref="ToString"/> never shows the token.</summary>
internal sealed record AzureSettings
{
    /// <summary>The environment variable an Entra ID access token may come from (for a local emulator or a CI job that
    /// already has one); without it the tool asks <c>DefaultAzureCredential</c>.</summary>
    public const string AccessTokenVariable = "AZURE_ACCESS_TOKEN";

    public Uri? ManagementEndpoint { get; init; }

    public string? Subscription { get; init; }

    public string? ResourceGroup { get; init; }

    public string? Account { get; init; }

    public string? Deployment { get; init; }

    public string? TrainingType { get; init; }

    public string? DeploymentSku { get; init; }

    public string? AccessToken { get; init; }

    public override string ToString() =>
        $"subscription {Subscription ?? "(none)"}, resource group {ResourceGroup ?? "(none)"}, account {Account ?? "(none)"}, token {(AccessToken is null ? "from DefaultAzureCredential" : "***")}";
}
