using FineTuning.Toolkit.Internal.Text;

namespace FineTuning.Toolkit.Tests.Validation;

public class SensitiveTextScanTests
{
    private static readonly string[] Prefixes = ["sk-", "AKIA", "ASIA", "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "Bearer", "bearer"];

    // Characters that matter to the scan (digits, separators, '@', the letters secret prefixes are made of), plain letters
    // and non-ASCII text, so that random texts hit every branch, the vectorised blocks and their edges.
    private const string Alphabet = "0123456789 -+().@skAKSIghpousr_itubaBexyzQ\u00e9\u65e5\u00c3";

    [Fact]
    public void Of_RandomTexts_EqualsCharacterByCharacterReference()
    {
        var random = new Random(20261201);
        for (var round = 0; round < 20_000; round++)
        {
            var length = random.Next(0, 90);
            var chars = new char[length];
            for (var i = 0; i < length; i++)
            {
                chars[i] = random.Next(4) == 0 ? 'w' : Alphabet[random.Next(Alphabet.Length)];
            }

            // Now and then a whole prefix, so that a match is not left to chance.
            if (length > 12 && random.Next(3) == 0)
            {
                var prefix = Prefixes[random.Next(Prefixes.Length)];
                prefix.CopyTo(0, chars, random.Next(length - prefix.Length), prefix.Length);
            }

            var text = new string(chars);
            var scan = SensitiveTextScan.Of(text);

            Assert.True(Prefixes.Any(p => text.Contains(p, StringComparison.Ordinal)) == scan.HasSecretPrefix, $"secret prefix in \"{text}\"");
            Assert.Equal(text.Contains('@'), scan.HasAt);
            Assert.Equal(MostDigitsInRun(text, "0123456789 -"), scan.MaxCardRunDigits);
            Assert.Equal(MostDigitsInRun(text, "0123456789+() .-"), scan.MaxPhoneRunDigits);
        }
    }

    [Theory]
    [InlineData("My card is 4111 1111 1111 1111, thanks", 16, 16)]
    [InlineData("Call me at (555) 123-4567 please, or 555.123.4567", 7, 10)]
    [InlineData("no digits at all in this sentence, which is longer than one block", 0, 0)]
    [InlineData("a run that spans blocks:     1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 end", 19, 19)]
    public void Of_KnownTexts_CountsDigitsOfLongestRun(string text, int card, int phone)
    {
        var scan = SensitiveTextScan.Of(text);

        Assert.Equal(card, scan.MaxCardRunDigits);
        Assert.Equal(phone, scan.MaxPhoneRunDigits);
    }

    // The reference: split the text into maximal runs of the allowed characters and count each run's digits.
    private static int MostDigitsInRun(string text, string allowed)
    {
        int best = 0, current = 0;
        foreach (var c in text)
        {
            current = allowed.Contains(c) ? current + (char.IsAsciiDigit(c) ? 1 : 0) : 0;
            best = Math.Max(best, current);
        }

        return best;
    }
}
