using System.Collections.Concurrent;
using Azure.Core;

namespace FineTuning.Toolkit.Tests.Providers.Azure;

/// <summary>A hand-written credential that hands out one token and records the scopes asked for.</summary>
internal sealed class FixedTokenCredential(string token) : TokenCredential
{
    public ConcurrentBag<string> Scopes { get; } = [];

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        foreach (var scope in requestContext.Scopes)
        {
            Scopes.Add(scope);
        }

        return new AccessToken(token, TimeProvider.System.GetUtcNow().AddHours(1));
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        new(GetToken(requestContext, cancellationToken));
}
