using Azure.Core;

namespace TechFlow.SupportAssistant;

/// <summary>Offline only: hands out the emulator's Entra ID access token (live runs use DefaultAzureCredential).</summary>
internal sealed class EmulatorTokenCredential(string token) : TokenCredential
{
    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        new(token, DateTimeOffset.UtcNow.AddHours(1));

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        new(GetToken(requestContext, cancellationToken));
}
