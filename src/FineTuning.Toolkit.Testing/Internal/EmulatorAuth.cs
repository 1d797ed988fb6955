using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace FineTuning.Toolkit.Testing.Internal;

/// <summary>Each dialect's credentials and its real 401 bodies: OpenAI and Together take <c>Authorization: Bearer {key}</c>;
/// Azure's data plane takes <c>api-key: {key}</c> or <c>Authorization: Bearer {key or Entra token}</c>; Azure's
/// management plane only <c>Authorization: Bearer {Entra token}</c>. Keys are compared in constant time, never logged.</summary>
internal sealed class EmulatorAuth
{
    private readonly OpenAIEmulatorOptions _options;
    private readonly byte[] _apiKeyHash;
    private readonly byte[] _accessTokenHash;

    public EmulatorAuth(OpenAIEmulatorOptions options)
    {
        _options = options;
        _apiKeyHash = SHA256.HashData(Encoding.UTF8.GetBytes(options.ApiKey));
        _accessTokenHash = SHA256.HashData(Encoding.UTF8.GetBytes(options.AzureAccessToken));
    }

    /// <summary>Checks the request's credentials; on failure writes the dialect's 401 and returns the reason.</summary>
    public async Task<string?> RejectAsync(HttpContext context)
    {
        var headers = context.Request.Headers;
        var bearer = Bearer(headers.Authorization.ToString());
        if (_options.Dialect == EmulatorDialect.Azure && context.Request.Path.StartsWithSegments(EmulatorState.ManagementPrefix.TrimEnd('/'), StringComparison.Ordinal))
        {
            if (bearer is null)
            {
                await AzureJson.Error(context, StatusCodes.Status401Unauthorized, "AuthenticationFailed", "Authentication failed. The 'Authorization' header is missing.").ConfigureAwait(false);
                return "missing";
            }

            if (!Matches(bearer, _accessTokenHash))
            {
                await AzureJson.Error(context, StatusCodes.Status401Unauthorized, "InvalidAuthenticationToken", "The access token is invalid.").ConfigureAwait(false);
                return "wrong";
            }

            return null;
        }

        if (_options.Dialect == EmulatorDialect.Azure)
        {
            var apiKey = headers["api-key"].ToString();
            if (apiKey.Length == 0 && bearer is null)
            {
                await AzureJson.Error(context, StatusCodes.Status401Unauthorized, "401", "Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API.").ConfigureAwait(false);
                return "missing";
            }

            var valid = apiKey.Length > 0 ? Matches(apiKey, _apiKeyHash) : Matches(bearer!, _apiKeyHash) || Matches(bearer!, _accessTokenHash);
            if (!valid)
            {
                await AzureJson.Error(context, StatusCodes.Status401Unauthorized, "401", "Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.").ConfigureAwait(false);
                return "wrong";
            }

            return null;
        }

        if (bearer is not null && Matches(bearer, _apiKeyHash))
        {
            return null;
        }

        if (_options.Dialect == EmulatorDialect.Together)
        {
            var message = bearer is null
                ? "Unauthorized: an API key is required. Pass it as 'Authorization: Bearer <TOGETHER_API_KEY>'."
                : "Invalid API key provided. You can find your API key at https://api.together.xyz/settings/api-keys.";
            await HttpResults.Error(context, StatusCodes.Status401Unauthorized, message, code: "invalid_api_key").ConfigureAwait(false);
            return bearer is null ? "missing" : "wrong";
        }

        var openAIMessage = bearer is null
            ? "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY)."
            : "Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.";
        await HttpResults.Error(context, StatusCodes.Status401Unauthorized, openAIMessage, code: bearer is null ? null : "invalid_api_key").ConfigureAwait(false);
        return bearer is null ? "missing" : "wrong";
    }

    private static string? Bearer(string header) =>
        header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && header.Length > 7 ? header[7..].Trim() : null;

    private static bool Matches(string presented, byte[] expectedHash) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), expectedHash);
}
