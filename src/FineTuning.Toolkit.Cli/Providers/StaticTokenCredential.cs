using Azure.Core;

namespace FineTuning.Toolkit.Cli.Providers;

/// <summary>An Entra ID access token the caller already has (from <c>AZURE_ACCESS_TOKEN</c>); never printed.</summary>
internal sealed class StaticTokenCredential(string token) : TokenCredential
{
    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        new(token, TimeProvider.System.GetUtcNow().AddHours(1));

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        new(GetToken(requestContext, cancellationToken));

    public override string ToString() => "StaticTokenCredential(***)";
}
