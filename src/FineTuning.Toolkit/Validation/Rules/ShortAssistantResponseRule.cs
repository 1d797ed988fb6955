using System.Runtime.CompilerServices;
using System.Globalization;

namespace FineTuning.Toolkit.Validation.Rules;

/// <summary>Warns on assistant answers shorter than <see cref="ValidationOptions.MinAssistantLength"/> characters (the lab's quality check).</summary>
internal sealed class ShortAssistantResponseRule : IBuiltInExampleRule
{
    public IReadOnlyList<string> Codes { get; } = [ValidationIssueCodes.ShortAssistantResponse];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Validate(ExampleRuleContext context)
    {
        var minimum = context.Options.MinAssistantLength;
        foreach (var message in context.Messages)
        {
            if (!message.IsAssistant || message.Origin == MessageOrigin.NonPreferred || message.HasToolCalls || message.Text.IsEmpty)
            {
                continue;
            }

            // Characters as Python's len() counts them: code points, so an emoji is one character.
            var length = message.Text.Length < minimum * 2 ? CountRunes(message.Text.Span) : message.Text.Length;
            if (length < minimum)
            {
                context.Report(
                    ValidationIssueCodes.ShortAssistantResponse,
                    string.Create(CultureInfo.InvariantCulture, $"the assistant answer has {length} characters, fewer than {minimum}."),
                    message.Index,
                    message.Path + ".content");
            }
        }
    }

    private static int CountRunes(ReadOnlySpan<char> text)
    {
        var count = 0;
        foreach (var unused in text.EnumerateRunes())
        {
            count++;
        }

        return count;
    }
}
