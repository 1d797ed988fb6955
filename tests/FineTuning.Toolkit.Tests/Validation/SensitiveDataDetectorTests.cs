using FineTuning.Toolkit.Internal.Text;

namespace FineTuning.Toolkit.Tests.Validation;

public class SensitiveDataDetectorTests
{
    [Theory]
    [InlineData("Write to jane.doe@example.com today", nameof(SensitiveDataKind.Email), "jane.doe@example.com")]
    [InlineData("Call me at (555) 123-4567 please", nameof(SensitiveDataKind.PhoneNumber), "(555) 123-4567")]
    [InlineData("Call +44 20 7946 0958 now", nameof(SensitiveDataKind.PhoneNumber), "+44 20 7946 0958")]
    [InlineData("My card is 4111 1111 1111 1111, thanks", nameof(SensitiveDataKind.CardNumber), "4111 1111 1111 1111")]
    [InlineData("card 5500-0000-0000-0004", nameof(SensitiveDataKind.CardNumber), "5500-0000-0000-0004")]
    [InlineData("key: sk-proj-abcdefghijklmnopqrstuvwxyz0123456789", nameof(SensitiveDataKind.OpenAIApiKey), "sk-proj-abcdefghijklmnopqrstuvwxyz0123456789")]
    [InlineData("OPENAI_API_KEY=sk-abcdefghijklmnopqrstuvwx", nameof(SensitiveDataKind.OpenAIApiKey), "sk-abcdefghijklmnopqrstuvwx")]
    [InlineData("aws AKIAIOSFODNN7EXAMPLE here", nameof(SensitiveDataKind.AwsAccessKey), "AKIAIOSFODNN7EXAMPLE")]
    [InlineData("Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.abcdefgh", nameof(SensitiveDataKind.BearerToken), "Bearer eyJhbGciOiJIUzI1NiJ9.abcdefgh")]
    [InlineData("token ghp_abcdefghijklmnopqrstuvwxyz0123456789AB", nameof(SensitiveDataKind.GitHubToken), "ghp_abcdefghijklmnopqrstuvwxyz0123456789AB")]
    public void Detect_SensitiveValue_FindsKindIndexAndLength(string text, string kind, string value)
    {
        var finding = Assert.Single(SensitiveDataDetector.Detect(text));

        Assert.Equal(Enum.Parse<SensitiveDataKind>(kind), finding.Kind);
        Assert.Equal(text.IndexOf(value, StringComparison.Ordinal), finding.Index);
        Assert.Equal(value.Length, finding.Length);
        Assert.DoesNotContain(value, finding.RedactedPreview, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Go to techflow.com/reset and enter your email address.")]
    [InlineData("Pro: $19/mo - Unlimited tasks. Released 2024-07-18, version 1.2.3.")]
    [InlineData("Order 4111 1111 1111 1112 is not a valid card (Luhn fails).")]
    [InlineData("The sky-blue theme and ask-me-anything mode.")]
    [InlineData("I'd be happy to help you reset your password! Let me know within 5 minutes!")]
    public void Detect_OrdinaryText_FindsNothing(string text)
    {
        Assert.Empty(SensitiveDataDetector.Detect(text));
        Assert.False(SensitiveDataDetector.ContainsSensitiveData(text));
    }

    [Fact]
    public void Detect_SecretAndEmail_ReportsBothOrderedAndFlagsSecret()
    {
        var findings = SensitiveDataDetector.Detect("mail bob@corp.io the key sk-abcdefghijklmnopqrstuvwxyz");

        Assert.Equal([SensitiveDataKind.Email, SensitiveDataKind.OpenAIApiKey], findings.Select(f => f.Kind));
        Assert.False(findings[0].IsSecret);
        Assert.True(findings[1].IsSecret);
        Assert.Equal("b***@corp.io", findings[0].RedactedPreview);
    }

    [Fact]
    public void Detect_CardNumber_PreviewShowsOnlyLastFourDigits()
    {
        var finding = Assert.Single(SensitiveDataDetector.Detect("4111111111111111"));

        Assert.Equal("card ending 1111", finding.RedactedPreview);
    }

    [Fact]
    public void Detect_HugeAdversarialText_ReturnsQuickly()
    {
        var text = new string('a', 2_000_000) + "@" + new string('1', 100_000);

        var findings = SensitiveDataDetector.Detect(text);

        Assert.DoesNotContain(findings, f => f.Kind == SensitiveDataKind.Email);
    }
}
