namespace FineTuning.Toolkit.Comparison.Scorers;

/// <summary>
/// The facts an answer may state: known prices, plan names, URLs and features, plus claims known to be false
/// (policies or features the product does not have). <see cref="InventedFactsScorer"/> flags anything else it recognises.
/// </summary>
public sealed class FactCatalog
{
    /// <summary>Gets or sets the prices that exist (for example 0, 19, 49).</summary>
    /// <value>Defaults to empty: any price is flagged.</value>
    public IList<decimal> Prices { get; set; } = [];

    /// <summary>Gets or sets the plan names that exist (for example Free, Pro, Team, Enterprise).</summary>
    /// <value>Defaults to empty: plan names are not checked.</value>
    public IList<string> Plans { get; set; } = [];

    /// <summary>Gets or sets the URLs (or URL prefixes, without scheme) that exist, for example <c>techflow.com/reset</c>.</summary>
    /// <value>Defaults to empty: any URL is flagged.</value>
    public IList<string> Urls { get; set; } = [];

    /// <summary>Gets or sets the product features and integrations that exist.</summary>
    /// <value>Defaults to empty: named features and integrations are flagged.</value>
    public IList<string> Features { get; set; } = [];

    /// <summary>Gets or sets claims that are false for every case (case-insensitive phrases such as "24/7 phone support").</summary>
    /// <value>Defaults to empty.</value>
    public IList<string> ForbiddenClaims { get; set; } = [];

    /// <summary>Creates the catalog of the lab's fictional TechFlow (plans and prices from its training example, its reset URL).</summary>
    /// <returns>A new catalog.</returns>
    public static FactCatalog TechFlow() => new()
    {
        Prices = [0m, 19m, 49m],
        Plans = ["Free", "Pro", "Team", "Enterprise"],
        Urls = ["techflow.com/reset", "techflow.com/billing", "techflow.com/status", "techflow.com/export", "techflow.com/settings", "techflow.com/support", "techflow.com"],
        Features = ["analytics", "collaboration", "data export", "two-factor authentication", "tasks"],
        ForbiddenClaims = ["phone support", "money-back guarantee", "lifetime plan", "free trial of enterprise"],
    };
}
