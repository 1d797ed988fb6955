namespace FineTuning.Toolkit.Internal.Text;

/// <summary>The kinds of sensitive data <see cref="SensitiveDataDetector"/> finds.</summary>
internal enum SensitiveDataKind
{
    /// <summary>An e-mail address (personal data).</summary>
    Email,

    /// <summary>A phone number (personal data).</summary>
    PhoneNumber,

    /// <summary>A payment card number that passes the Luhn check (personal data).</summary>
    CardNumber,

    /// <summary>An OpenAI-style API key (<c>sk-...</c>, <c>sk-proj-...</c>): a secret.</summary>
    OpenAIApiKey,

    /// <summary>An AWS access key id (<c>AKIA...</c>, <c>ASIA...</c>): a secret.</summary>
    AwsAccessKey,

    /// <summary>A bearer token in an <c>Authorization</c>-style text: a secret.</summary>
    BearerToken,

    /// <summary>A GitHub token (<c>ghp_...</c>, <c>github_pat_...</c>): a secret.</summary>
    GitHubToken,
}
