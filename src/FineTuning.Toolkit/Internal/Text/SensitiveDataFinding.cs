namespace FineTuning.Toolkit.Internal.Text;

/// <summary>One piece of sensitive data found in a text.</summary>
/// <param name="Kind">What was found.</param>
/// <param name="Index">The index of the first character in the text.</param>
/// <param name="Length">The number of characters.</param>
/// <param name="RedactedPreview">A preview safe to log and report: never the full value.</param>
internal readonly record struct SensitiveDataFinding(SensitiveDataKind Kind, int Index, int Length, string RedactedPreview)
{
    /// <summary>Gets a value indicating whether the finding is a secret (a credential) rather than personal data.</summary>
    public bool IsSecret => Kind is SensitiveDataKind.OpenAIApiKey or SensitiveDataKind.AwsAccessKey
        or SensitiveDataKind.BearerToken or SensitiveDataKind.GitHubToken;
}
