using System.Text.RegularExpressions;
using FineTuning.Toolkit.Testing;
using OpenAI;
using OpenAI.Chat;
using Xunit.Abstractions;

namespace FineTuning.Toolkit.Tests.Testing;

public sealed partial class EmulatorChatStyleTests(ITestOutputHelper output)
{
    [Fact]
    public async Task FineTunedModel_LabTestPrompts_ScoresMeasurablyCloserToTrainingStyleThanBaseModel()
    {
        await using var emulator = await EmulatorScenario.StartFrozenAsync();
        var (client, model) = await FineTuneAsync(emulator);

        var baseScores = new List<double>();
        var tunedScores = new List<double>();
        foreach (var prompt in TechFlowTrainingData.TestPrompts)
        {
            var baseAnswer = await AskAsync(client, "gpt-4o-mini", prompt);
            var tunedAnswer = await AskAsync(client, model, prompt);
            baseScores.Add(StyleScore(baseAnswer));
            tunedScores.Add(StyleScore(tunedAnswer));
            output.WriteLine($"PROMPT {prompt}\nBASE ({baseScores[^1]:0.00}): {baseAnswer}\nTUNED ({tunedScores[^1]:0.00}): {tunedAnswer}\n");
        }

        Assert.All(tunedScores.Zip(baseScores), pair => Assert.True(pair.First > pair.Second, $"fine-tuned {pair.First:0.00} <= base {pair.Second:0.00}"));
        Assert.True(tunedScores.Average() - baseScores.Average() >= 0.3, $"fine-tuned {tunedScores.Average():0.00} vs base {baseScores.Average():0.00}");
    }

    [Fact]
    public async Task ChatCompletions_SameSeed_AreDeterministicAndBaseAnswersArePlain()
    {
        await using var first = await EmulatorScenario.StartFrozenAsync(seed: 5);
        await using var second = await EmulatorScenario.StartFrozenAsync(seed: 5);
        var (firstClient, firstModel) = await FineTuneAsync(first);
        var (secondClient, secondModel) = await FineTuneAsync(second);

        foreach (var prompt in TechFlowTrainingData.TestPrompts)
        {
            Assert.Equal(await AskAsync(firstClient, firstModel, prompt), await AskAsync(secondClient, secondModel, prompt));
            var plain = await AskAsync(firstClient, "gpt-4o-mini", prompt);
            Assert.Equal(plain, await AskAsync(secondClient, "gpt-4o-mini", prompt));
            Assert.DoesNotContain("**", plain, StringComparison.Ordinal);
            Assert.DoesNotContain("#", plain, StringComparison.Ordinal);
            Assert.False(HasEmoji(plain), plain);
        }
    }

    [Fact]
    public async Task FineTunedModel_TrainingQuestion_AnswersWithItsTrainingAnswer()
    {
        await using var emulator = await EmulatorScenario.StartFrozenAsync();
        var (client, model) = await FineTuneAsync(emulator);

        var answer = await AskAsync(client, model, "What's your pricing?");

        Assert.Equal(TechFlowTrainingData.Examples[5].Assistant, answer);
    }

    internal static async Task<(OpenAIClient Client, string Model)> FineTuneAsync(OpenAIEmulator emulator)
    {
        using var http = new EmulatorHttp(emulator);
        var job = await EmulatorScenario.RunToEndAsync(emulator, http, await EmulatorScenario.CreateJobAsync(http, await EmulatorScenario.UploadProcessedAsync(emulator, http)));
        Assert.Equal("succeeded", job["status"]!.GetValue<string>());
        return (emulator.CreateOpenAIClient(), job["fine_tuned_model"]!.GetValue<string>());
    }

    private static async Task<string> AskAsync(OpenAIClient client, string model, string prompt)
    {
        ChatCompletion completion = await client.GetChatClient(model).CompleteChatAsync(
            [new SystemChatMessage("You are TechFlow's helpful support assistant."), new UserChatMessage(prompt)]);
        return completion.Content[0].Text;
    }

    /// <summary>How close an answer is to the TechFlow training style, from 0 to 1: half for the format markers the
    /// training answers share (emoji, bold, a list, an exclamation in the opening, a closing next-step line), half for
    /// the character-trigram cosine similarity to the nearest training answer.</summary>
    private static double StyleScore(string answer)
    {
        var lines = answer.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var markers = new[]
        {
            HasEmoji(answer),
            answer.Contains("**", StringComparison.Ordinal),
            lines.Any(l => ListLine().IsMatch(l)),
            lines.Length > 0 && lines[0].Contains('!', StringComparison.Ordinal),
            lines.Length > 1 && NextStepLine().IsMatch(lines[^1]),
        };
        var format = markers.Count(m => m) / (double)markers.Length;
        var similarity = TechFlowTrainingData.Examples.Max(e => TrigramCosine(answer, e.Assistant));
        return (0.5 * format) + (0.5 * similarity);
    }

    private static bool HasEmoji(string text) => text.Any(c => char.IsSurrogate(c) || (c >= '\u2190' && c <= '\u2BFF'));

    private static double TrigramCosine(string left, string right)
    {
        static Dictionary<string, int> Grams(string text)
        {
            var lower = text.ToLowerInvariant();
            var grams = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i + 3 <= lower.Length; i++)
            {
                var gram = lower.Substring(i, 3);
                grams[gram] = grams.GetValueOrDefault(gram) + 1;
            }

            return grams;
        }

        var a = Grams(left);
        var b = Grams(right);
        double dot = a.Sum(p => b.TryGetValue(p.Key, out var other) ? (double)p.Value * other : 0);
        var norm = Math.Sqrt(a.Values.Sum(v => (double)v * v)) * Math.Sqrt(b.Values.Sum(v => (double)v * v));
        return norm == 0 ? 0 : dot / norm;
    }

    [GeneratedRegex(@"^\s*(\d+\.|-)\s")]
    private static partial Regex ListLine();

    [GeneratedRegex(@"^\*\*[^*]+\*\*.*")]
    private static partial Regex NextStepLine();
}
