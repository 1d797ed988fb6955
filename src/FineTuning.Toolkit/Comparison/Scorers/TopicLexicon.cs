namespace FineTuning.Toolkit.Comparison.Scorers;

/// <summary>
/// The topics of customer-support conversations and the words that signal them, for the relevance scorer. A keyword of
/// five letters or more also matches words it starts (<c>authenticat</c> matches "authentication"); shorter ones match
/// whole words only; a keyword with a space matches as a phrase.
/// </summary>
internal static class TopicLexicon
{
    public static IReadOnlyDictionary<string, string[]> Default { get; } = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase)
    {
        ["billing"] = ["refund", "charge", "charged", "charges", "payment", "pay", "paid", "paying", "invoice", "billing", "billed", "card", "paypal", "price", "pricing", "cost", "costs", "subscription", "discount", "receipt", "prorated", "plan", "plans", "upgrade", "downgrade", "/mo", "$"],
        ["account"] = ["password", "login", "log in", "sign in", "signed in", "email", "account", "username", "reset", "locked", "2fa", "two-factor", "authenticat", "verification", "security", "hacked", "backup code", "profile", "sso"],
        ["outage"] = ["is down", "are down", "went down", "down again", "down for", "outage", "status", "incident", "unavailable", "offline", "not loading", "won't load", "not working", "engineers"],
        ["data"] = ["export", "backup", "download", "csv", "json", "import"],
        ["mobile"] = ["app", "apps", "android", "ios", "iphone", "phone", "mobile", "tablet", "app store", "google play"],
        ["integrations"] = ["integrat", "github", "slack", "calendar", "zapier", "api", "connect", "webhook"],
        ["notifications"] = ["notification", "alert", "alerts", "push"],
        ["files"] = ["attach", "attachment", "upload", "file", "files", "mb", "gb", "video"],
        ["projects"] = ["project", "projects", "trash", "deleted", "restore", "vanished", "missing", "gantt", "timeline", "board", "view", "sync", "synced"],
        ["legal"] = ["dpa", "gdpr", "contract", "legal", "lawyer", "compliance", "privacy", "data processing"],
        ["cancellation"] = ["cancel", "delete my account", "close my account", "delete your account"],
        ["people"] = ["manager", "supervisor", "human", "person", "agent", "specialist", "representative", "speak to", "talk to", "someone"],
        ["analytics"] = ["analytics", "dashboard", "report", "reports", "per week", "metrics"],
    };
}
