using System.Globalization;
using System.Text.Json.Nodes;

namespace FineTuning.Toolkit.Testing.Internal;

/// <summary>An Azure OpenAI deployment (<c>Microsoft.CognitiveServices/accounts/deployments</c>) of a model, on the
/// simulated clock: <c>Creating</c>, then <c>Succeeded</c>; developer-tier deployments end after 24 hours and any
/// deployment idle for 15 days is deleted, as the service does.</summary>
internal sealed class EmulatedDeployment
{
    public static readonly TimeSpan DeveloperTierLifetime = TimeSpan.FromHours(24);

    public static readonly TimeSpan InactivityLimit = TimeSpan.FromDays(15);

    public required string ResourceId { get; init; }

    public required string Name { get; init; }

    public required string Model { get; init; }

    public required string Sku { get; init; }

    public required int Capacity { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset SucceedsAt { get; init; }

    public DateTimeOffset LastUsedAt { get; set; }

    public bool IsSucceeded(DateTimeOffset now) => now >= SucceedsAt;

    /// <summary>Whether the service has removed it by <paramref name="now"/> (developer tier expired, or idle too long).</summary>
    public bool IsExpired(DateTimeOffset now) =>
        (string.Equals(Sku, "developertier", StringComparison.OrdinalIgnoreCase) && now >= CreatedAt + DeveloperTierLifetime)
        || now >= LastUsedAt + InactivityLimit;

    public JsonObject ToJson(DateTimeOffset now) => new()
    {
        ["id"] = ResourceId,
        ["type"] = "Microsoft.CognitiveServices/accounts/deployments",
        ["name"] = Name,
        ["sku"] = new JsonObject { ["name"] = Sku, ["capacity"] = Capacity },
        ["properties"] = new JsonObject
        {
            ["model"] = new JsonObject { ["format"] = "OpenAI", ["name"] = Model, ["version"] = "1" },
            ["provisioningState"] = IsSucceeded(now) ? "Succeeded" : "Creating",
            ["rateLimits"] = new JsonArray(),
        },
        ["systemData"] = new JsonObject
        {
            ["createdAt"] = CreatedAt.ToString("o", CultureInfo.InvariantCulture),
            ["createdByType"] = "User",
            ["lastModifiedAt"] = CreatedAt.ToString("o", CultureInfo.InvariantCulture),
            ["lastModifiedByType"] = "User",
        },
        ["etag"] = "\"" + ((uint)DeterministicNoise.Hash(ResourceId + CreatedAt.Ticks.ToString(CultureInfo.InvariantCulture))).ToString("x8", CultureInfo.InvariantCulture) + "\"",
    };
}
