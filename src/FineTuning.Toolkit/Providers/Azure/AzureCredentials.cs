using System.ClientModel;
using System.ClientModel.Primitives;
using Azure.Core;
using Azure.Identity;
using FineTuning.Toolkit.Jobs;

namespace FineTuning.Toolkit.Providers.Azure;

/// <summary>
/// Which credential goes where on Azure OpenAI: the data plane takes the <c>api-key</c> header, or, when no key is set
/// and <see cref="AzureOpenAIOptions.Credential"/> is, an Entra ID bearer token for the Cognitive Services scope; the
/// management plane takes only an Entra ID token for its own scope. A key never travels as a bearer token, and a
/// management token never reaches the data plane.
/// </summary>
internal static class AzureCredentials
{
    /// <summary>The Entra ID scope of the Azure OpenAI data plane.</summary>
    public const string DataPlaneScope = "https://cognitiveservices.azure.com/.default";

    /// <summary>The setting names a missing-credential message points at.</summary>
    public static string MissingCredentialMessage(string keySetting, string credentialSetting) =>
        $"No credential for Azure OpenAI: set {keySetting} or the AZURE_OPENAI_API_KEY environment variable (sent as the api-key header), or {credentialSetting} (an Entra ID TokenCredential, set in code).";

    /// <summary>The data plane's authentication: the key in <c>api-key</c>, else a bearer token from the credential; <see langword="null"/> when there is neither.</summary>
    public static AuthenticationPolicy? DataPlanePolicy(string? apiKey, AzureOpenAIOptions options) =>
        apiKey is not null ? ApiKeyAuthenticationPolicy.CreateHeaderApiKeyPolicy(new ApiKeyCredential(apiKey), ProviderProfile.AzureOpenAI.KeyHeader!)
        : options.Credential is { } credential ? new BearerTokenPolicy(credential, DataPlaneScope)
        : null;

    /// <summary>The management plane's scope, <c>{ManagementEndpoint}/.default</c> (sovereign clouds have their own).</summary>
    public static string ManagementScope(Uri managementEndpoint) => managementEndpoint.GetLeftPart(UriPartial.Authority) + "/.default";

    /// <summary>The management plane's credential: the configured one, else a <c>DefaultAzureCredential</c> created now (only when needed).</summary>
    public static TokenCredential ManagementCredential(AzureOpenAIOptions options) => options.Credential ?? new DefaultAzureCredential();

    /// <summary>The message for a runner options object that cannot authenticate to Azure, or <see langword="null"/>.</summary>
    public static string? Check(FineTuneJobRunnerOptions options, string keySetting, string credentialSetting) =>
        ProviderProfile.AzureOpenAI.ResolveKey(options.ApiKey) is null && options.Azure?.Credential is null
            ? MissingCredentialMessage(keySetting, credentialSetting)
            : null;
}
