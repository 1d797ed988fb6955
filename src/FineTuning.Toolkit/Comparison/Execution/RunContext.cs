using FineTuning.Toolkit.Comparison.Scorers;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace FineTuning.Toolkit.Comparison.Execution;

/// <summary>What every part of one comparison run shares.</summary>
internal sealed class RunContext
{
    public required TestSuite Suite { get; init; }

    public required ModelComparerOptions Options { get; init; }

    public required RunCounters Counters { get; init; }

    public required ModelClients Clients { get; init; }

    public required CallStamp Stamp { get; init; }

    public required JudgeServices Judge { get; init; }

    public required ProgressReporter Progress { get; init; }

    public required ILogger Logger { get; init; }

    public required TimeProvider TimeProvider { get; init; }

    public required IReadOnlyDictionary<string, ModelIdentity> Identities { get; init; }

    public ResultsJournal? Journal { get; init; }

    /// <summary>Gets the per-answer scorers (suite-level scorers run after all answers are in).</summary>
    public IReadOnlyList<IScorer> AnswerScorers => field ??= [.. Options.Scorers.Where(s => s is not ISuiteScorer)];

    /// <summary>Returns this run with other judge services, progress and counters (the passes around a judge batch).</summary>
    public RunContext With(JudgeServices judge, ProgressReporter progress, RunCounters counters) => new()
    {
        Suite = Suite,
        Options = Options,
        Counters = counters,
        Clients = Clients,
        Stamp = Stamp,
        Judge = judge,
        Progress = progress,
        Logger = Logger,
        TimeProvider = TimeProvider,
        Identities = Identities,
        Journal = Journal,
    };

    public string? SystemPromptFor(TestCase testCase) => testCase.SystemPrompt ?? Suite.SystemPrompt ?? Options.SystemPrompt;

    public static List<ChatMessage> BuildMessages(TestCase testCase, string? systemPrompt)
    {
        var messages = new List<ChatMessage>(testCase.Messages.Count + 1);
        if (systemPrompt is not null)
        {
            messages.Add(new ChatMessage(ChatRole.System, systemPrompt));
        }

        messages.AddRange(testCase.Messages.Select(m => new ChatMessage(m.Role, m.Text)));
        return messages;
    }

    public ChatOptions BuildChatOptions(int repeat) => BuildChatOptions(Options, repeat);

    /// <summary>The options of repeat <paramref name="repeat"/>; batch execution builds its request bodies from the same.</summary>
    public static ChatOptions BuildChatOptions(ModelComparerOptions options, int repeat) => new()
    {
        Temperature = options.Temperature,
        Seed = options.Seed + repeat,
        MaxOutputTokens = options.MaxOutputTokens,
    };
}
