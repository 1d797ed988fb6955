using System.Globalization;
using System.Text;
using System.Text.Json;
using FineTuning.Toolkit.Comparison.Execution;
using Microsoft.Extensions.AI;

namespace FineTuning.Toolkit.Comparison.Scorers;

/// <summary>
/// An LLM judge that rates each answer from 1 to 5 against a rubric (by default the lab's evaluation table: tone,
/// format, helpfulness, next steps) and passes answers at or above a threshold. A judge that throws, or answers
/// anything but the requested JSON with an integer score from 1 to 5, yields <see cref="ScoreOutcome.Error"/> —
/// never a pass — and counts against the comparison's error budget. Verdicts are cached by the comparer.
/// </summary>
internal sealed class RubricJudgeScorer : IScorer
{
    /// <summary>The default rubric: the lab's "Evaluation Questions" table.</summary>
    public const string DefaultRubric =
        "Rate the assistant's answer from 1 (poor) to 5 (excellent) as TechFlow's support assistant: " +
        "uses a friendly, professional tone; follows the format (bold headings, numbered steps where useful, a closing next-step line, a fitting emoji); " +
        "is helpful and correct without inventing prices, plans, features or policies; offers next steps; " +
        "escalates to a human when the issue needs one (outages, refunds, security, angry customers).";

    private readonly IChatClient _judge;
    private readonly string _rubric;
    private readonly int _passThreshold;

    /// <summary>Initializes a new instance of the <see cref="RubricJudgeScorer"/> class.</summary>
    /// <param name="judge">The judge model.</param>
    /// <param name="rubric">The rubric; defaults to <see cref="DefaultRubric"/>.</param>
    /// <param name="passThreshold">The lowest score that passes, 1 to 5.</param>
    /// <param name="criterion">The criterion name; defaults to <see cref="Criteria.Rubric"/>.</param>
    public RubricJudgeScorer(IChatClient judge, string? rubric = null, int passThreshold = 4, string criterion = Criteria.Rubric)
    {
        ArgumentNullException.ThrowIfNull(judge);
        ArgumentOutOfRangeException.ThrowIfLessThan(passThreshold, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(passThreshold, 5);
        ArgumentException.ThrowIfNullOrWhiteSpace(criterion);
        _judge = judge;
        _rubric = string.IsNullOrWhiteSpace(rubric) ? DefaultRubric : rubric;
        _passThreshold = passThreshold;
        Criterion = criterion;
    }

    /// <inheritdoc/>
    public string Criterion { get; }

    /// <summary>Gets the judge model.</summary>
    internal IChatClient Judge => _judge;

    /// <inheritdoc/>
    public async ValueTask<Score> ScoreAsync(ScoringContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var nonce = JudgePrompt.Nonce(JudgePrompt.Texts(context.TestCase, context.Response));
        var prompt = new StringBuilder()
            .AppendLine("Rubric:").AppendLine(_rubric).AppendLine()
            .AppendLine(JudgePrompt.DataNotInstructions).AppendLine()
            .AppendLine("Conversation:").AppendConversation(context.TestCase, nonce);
        if (context.TestCase.Expectations.ReferenceAnswer is { } reference)
        {
            prompt.AppendLine().AppendLine("Reference answer:").AppendFenced("reference", reference, nonce);
        }

        prompt.AppendLine().AppendFenced("answer to rate", context.Response, nonce).AppendLine()
            .Append("Reply with JSON only: {\"score\": <integer 1-5>, \"reason\": \"<one sentence>\"}");
        ChatMessage[] messages =
        [
            new(ChatRole.System, "You are a strict, impartial evaluator of customer-support answers. You answer with JSON only. " + JudgePrompt.DataNotInstructions),
            new(ChatRole.User, prompt.ToString()),
        ];

        string text;
        try
        {
            text = await JudgeServices.AskAsync(context.Judge, _judge, "rubric:" + Criterion, static t => TryRead(t, out _, out _), messages, new ChatOptions { Temperature = 0 }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            context.Judge?.Counters.JudgeError();
            return Score.Error(Criterion, ex is JudgeAnswerException ? ex.Message : $"judge failed: {ex.GetType().Name}: {ex.Message}");
        }

        if (!TryRead(text, out var score, out var reason))
        {
            context.Judge?.Counters.JudgeError();
            return Score.Error(Criterion, new JudgeAnswerException(text).Message);
        }

        var summary = string.Create(CultureInfo.InvariantCulture, $"{score}/5") + (reason.Length > 0 ? ": " + reason : string.Empty);
        return new Score(Criterion, score >= _passThreshold ? ScoreOutcome.Pass : ScoreOutcome.Fail, summary, value: score);
    }

    private static bool TryRead(string text, out int score, out string reason)
    {
        score = 0;
        reason = string.Empty;
        if (!JudgeResponseParser.TryParseObject(text, out var root) || !root.TryGetProperty("score", out var element) || !TryReadScore(element, out score))
        {
            return false;
        }

        reason = root.TryGetProperty("reason", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() ?? string.Empty : string.Empty;
        return true;
    }

    private static bool TryReadScore(JsonElement element, out int score)
    {
        score = 0;
        var ok = element.ValueKind switch
        {
            JsonValueKind.Number => element.TryGetInt32(out score),
            JsonValueKind.String => int.TryParse(element.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out score),
            _ => false,
        };
        return ok && score is >= 1 and <= 5;
    }

}
