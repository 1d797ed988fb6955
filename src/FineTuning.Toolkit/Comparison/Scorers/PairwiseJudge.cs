using System.Text;
using System.Text.Json;
using FineTuning.Toolkit.Comparison.Execution;
using Microsoft.Extensions.AI;

namespace FineTuning.Toolkit.Comparison.Scorers;

/// <summary>
/// An LLM judge that compares two answers to the same case. It asks twice, with the answers in both orders, and
/// declares a winner only when both orders agree; a flip (position bias) or a tie in either order counts as a tie.
/// A judge that throws or answers unparseably in either order yields an error (<see cref="PairwiseResult.IsError"/>),
/// counted against the error budget.
/// </summary>
public sealed class PairwiseJudge
{
    /// <summary>The default criteria.</summary>
    public const string DefaultCriteria =
        "Which answer is the better reply from TechFlow's support assistant: friendly and professional, follows the format " +
        "(bold headings, numbered steps, a closing next-step line, an emoji), correct without invented facts, offers next steps, " +
        "and escalates to a human when needed?";

    private readonly IChatClient _judge;
    private readonly string _criteria;

    /// <summary>Initializes a new instance of the <see cref="PairwiseJudge"/> class.</summary>
    /// <param name="judge">The judge model.</param>
    /// <param name="criteria">What "better" means; defaults to <see cref="DefaultCriteria"/>.</param>
    public PairwiseJudge(IChatClient judge, string? criteria = null)
    {
        ArgumentNullException.ThrowIfNull(judge);
        _judge = judge;
        _criteria = string.IsNullOrWhiteSpace(criteria) ? DefaultCriteria : criteria;
    }

    /// <summary>Gets the judge model.</summary>
    internal IChatClient Judge => _judge;

    /// <summary>Gets a key that identifies this judge and its criteria in caches and resume records.</summary>
    internal string Key => (_judge.GetService<ChatClientMetadata>()?.DefaultModelId ?? _judge.GetType().FullName) + "|" + _criteria;

    /// <summary>Compares two models' answers to a case, asking in both orders.</summary>
    /// <param name="testCase">The case.</param>
    /// <param name="answerA">Model A's answer (its <see cref="CaseResult.Model"/> names the model).</param>
    /// <param name="answerB">Model B's answer.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The verdict; an error without asking the judge when either answer is a failed model call.</returns>
    public Task<PairwiseResult> JudgeAsync(TestCase testCase, CaseResult answerA, CaseResult answerB, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(testCase);
        ArgumentNullException.ThrowIfNull(answerA);
        ArgumentNullException.ThrowIfNull(answerB);
        return JudgeAsync(testCase, answerA, answerB, null, cancellationToken);
    }

    internal async Task<PairwiseResult> JudgeAsync(TestCase testCase, CaseResult answerA, CaseResult answerB, JudgeServices? services, CancellationToken cancellationToken)
    {
        PairwiseResult Result(PairwiseOutcome outcome, string reason, string? firstOrder, string? secondOrder) =>
            new(testCase.Id, answerA.Repeat, answerA.Model, answerB.Model, outcome, reason, firstOrder, secondOrder);

        if (answerA.Error is not null || answerB.Error is not null)
        {
            return Result(PairwiseOutcome.Error, "model call failed: " + (answerA.Error ?? answerB.Error), null, null);
        }

        var first = await AskAsync(testCase, answerA.Response, answerB.Response, services, cancellationToken).ConfigureAwait(false);
        var second = await AskAsync(testCase, answerB.Response, answerA.Response, services, cancellationToken).ConfigureAwait(false);
        if (first.Error is not null || second.Error is not null)
        {
            services?.Counters.JudgeError();
            return Result(PairwiseOutcome.Error, "judge error: " + (first.Error ?? second.Error), first.Choice is null ? null : MapFirst(first.Choice), second.Choice is null ? null : MapSecond(second.Choice));
        }

        var a = MapFirst(first.Choice!);
        var b = MapSecond(second.Choice!);
        if (a == b && a != "tie")
        {
            return Result(a == "A" ? PairwiseOutcome.ModelAWins : PairwiseOutcome.ModelBWins, $"preferred {a} in both orders: {first.Reason}", a, b);
        }

        var reason = a == b ? "tie in both orders" : $"inconsistent across orders (A first: {a}; B first: {b}), counted as a tie";
        return Result(PairwiseOutcome.Tie, reason, a, b);
    }

    private static string MapFirst(string choice) => choice switch { "1" => "A", "2" => "B", _ => "tie" };

    private static string MapSecond(string choice) => choice switch { "1" => "B", "2" => "A", _ => "tie" };

    private async Task<(string? Choice, string Reason, string? Error)> AskAsync(TestCase testCase, string first, string second, JudgeServices? services, CancellationToken cancellationToken)
    {
        var nonce = JudgePrompt.Nonce(JudgePrompt.Texts(testCase, first, second));
        var prompt = new StringBuilder().AppendLine(_criteria).AppendLine().AppendLine(JudgePrompt.DataNotInstructions).AppendLine()
            .AppendLine("Conversation:").AppendConversation(testCase, nonce);
        if (testCase.Expectations.ReferenceAnswer is { } reference)
        {
            prompt.AppendLine().AppendLine("Reference answer:").AppendFenced("reference", reference, nonce);
        }

        prompt.AppendLine().AppendFenced("answer 1", first, nonce).AppendLine()
            .AppendFenced("answer 2", second, nonce).AppendLine()
            .Append("Reply with JSON only: {\"winner\": \"1\" | \"2\" | \"tie\", \"reason\": \"<one sentence>\"}");
        ChatMessage[] messages =
        [
            new(ChatRole.System, "You are an impartial judge comparing two customer-support answers. You answer with JSON only. " + JudgePrompt.DataNotInstructions),
            new(ChatRole.User, prompt.ToString()),
        ];

        string text;
        try
        {
            text = await JudgeServices.AskAsync(services, _judge, "pairwise", static t => TryReadWinner(t) is not null, messages, new ChatOptions { Temperature = 0 }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return (null, string.Empty, ex is JudgeAnswerException ? ex.Message : $"{ex.GetType().Name}: {ex.Message}");
        }

        return TryReadWinner(text) is { } parsed ? (parsed.Choice, parsed.Reason, null) : (null, string.Empty, new JudgeAnswerException(text).Message);
    }

    /// <summary>Reads <c>{"winner": "1" | "2" | "tie", "reason": ...}</c>; <see langword="null"/> when the text is not such a verdict.</summary>
    private static (string Choice, string Reason)? TryReadWinner(string text)
    {
        if (!JudgeResponseParser.TryParseObject(text, out var root) || !root.TryGetProperty("winner", out var winner))
        {
            return null;
        }

        var choice = winner.ValueKind switch
        {
            JsonValueKind.String => winner.GetString()?.Trim().ToLowerInvariant(),
            JsonValueKind.Number => winner.GetRawText(),
            _ => null,
        };
        choice = choice switch
        {
            "1" or "answer 1" => "1",
            "2" or "answer 2" => "2",
            "tie" or "equal" or "none" => "tie",
            _ => null,
        };
        if (choice is null)
        {
            return null;
        }

        var reason = root.TryGetProperty("reason", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() ?? string.Empty : string.Empty;
        return (choice, reason);
    }
}
