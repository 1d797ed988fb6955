using System.Runtime.CompilerServices;
using FineTuning.Toolkit.Internal.Text;

namespace FineTuning.Toolkit.Validation.Rules;

/// <summary>Warns on personal data (<c>pii_detected</c>) and secrets (<c>secret_detected</c>) in message texts; previews are redacted.</summary>
internal sealed class SensitiveDataRule : IBuiltInExampleRule
{
    public IReadOnlyList<string> Codes { get; } = [ValidationIssueCodes.PiiDetected, ValidationIssueCodes.SecretDetected];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Validate(ExampleRuleContext context)
    {
        var pii = context.IsEnabled(ValidationIssueCodes.PiiDetected);
        var secrets = context.IsEnabled(ValidationIssueCodes.SecretDetected);
        if (!pii && !secrets)
        {
            return;
        }

        foreach (var message in context.Messages)
        {
            if (message.Text.Length == 0 || context.CleanOfSensitiveData.Contains(message.Text))
            {
                continue;
            }

            var findings = SensitiveDataDetector.Detect(message.Text.Span);
            if (findings.Count == 0)
            {
                context.CleanOfSensitiveData.Add(message.Text);
                continue;
            }

            var secretFindings = findings.Where(f => f.IsSecret).ToList();
            var piiFindings = findings.Where(f => !f.IsSecret).ToList();
            if (secrets && secretFindings.Count > 0)
            {
                context.Report(ValidationIssueCodes.SecretDetected, "possible secret: " + Describe(secretFindings) + ". Remove credentials from training data.", message.Index, message.Path + ".content");
            }

            if (pii && piiFindings.Count > 0)
            {
                context.Report(ValidationIssueCodes.PiiDetected, "possible personal data: " + Describe(piiFindings) + ".", message.Index, message.Path + ".content");
            }
        }
    }

    private static string Describe(List<SensitiveDataFinding> findings) =>
        string.Join(", ", findings.Take(3).Select(f => $"{Name(f.Kind)} {f.RedactedPreview}")) + (findings.Count > 3 ? $" and {findings.Count - 3} more" : string.Empty);

    private static string Name(SensitiveDataKind kind) => kind switch
    {
        SensitiveDataKind.Email => "e-mail",
        SensitiveDataKind.PhoneNumber => "phone number",
        SensitiveDataKind.CardNumber => "card number",
        SensitiveDataKind.OpenAIApiKey => "OpenAI API key",
        SensitiveDataKind.AwsAccessKey => "AWS access key",
        SensitiveDataKind.BearerToken => "bearer token",
        SensitiveDataKind.GitHubToken => "GitHub token",
        _ => kind.ToString(),
    };
}
