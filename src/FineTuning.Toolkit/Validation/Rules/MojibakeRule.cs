using System.Runtime.CompilerServices;
using FineTuning.Toolkit.Internal.Text;

namespace FineTuning.Toolkit.Validation.Rules;

/// <summary>Warns on mojibake (UTF-8 decoded with the wrong code page) in message texts, showing what the text meant.</summary>
internal sealed class MojibakeRule : IBuiltInExampleRule
{
    public IReadOnlyList<string> Codes { get; } = [ValidationIssueCodes.Mojibake];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Validate(ExampleRuleContext context)
    {
        if (!context.IsEnabled(ValidationIssueCodes.Mojibake))
        {
            return;
        }

        foreach (var message in context.Messages)
        {
            if (message.Text.Length == 0 || context.CleanOfMojibake.Contains(message.Text))
            {
                continue;
            }

            if (!MojibakeDetector.ContainsMojibake(message.Text.Span))
            {
                context.CleanOfMojibake.Add(message.Text);
                continue;
            }

            var findings = MojibakeDetector.Detect(message.Text.ToString());
            var shown = string.Join(", ", findings.Take(3).Select(f => f.Preview));
            var more = findings.Count > 3 ? $" and {findings.Count - 3} more" : string.Empty;
            context.Report(ValidationIssueCodes.Mojibake, $"garbled text {shown}{more}; re-read the source as UTF-8.", message.Index, message.Path + ".content");
        }
    }
}
