using FineTuning.Toolkit.Comparison.Scorers;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace FineTuning.Toolkit.Comparison;

/// <summary>
/// One prompt of a <see cref="TestSuite"/>: a single user message or a multi-turn conversation (user and assistant turns
/// ending with a user turn, for the lab's "maintains context"), a category and the expectations that are scored.
/// </summary>
public sealed class TestCase
{
    /// <summary>Initializes a new instance of the <see cref="TestCase"/> class.</summary>
    /// <param name="id">A stable identifier, unique within the suite (it is part of resume records and reports).</param>
    /// <param name="messages">The conversation: user and assistant turns, the last one from the user.</param>
    /// <param name="category">An optional category such as "billing".</param>
    /// <param name="expectations">What a good answer must (not) do.</param>
    public TestCase(string id, IEnumerable<ChatMessage> messages, string? category = null, TestExpectations? expectations = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentNullException.ThrowIfNull(messages);
        var copy = new List<ChatMessage>();
        foreach (var message in messages)
        {
            if (message is null)
            {
                throw new ArgumentException($"Test case '{id}' contains a null message.", nameof(messages));
            }

            if (message.Role != ChatRole.User && message.Role != ChatRole.Assistant)
            {
                throw new ArgumentException(
                    $"Test case '{id}' message {copy.Count + 1} has role '{message.Role}'; only user and assistant turns are allowed (the system prompt is set on the suite or the case).",
                    nameof(messages));
            }

            copy.Add(new ChatMessage(message.Role, message.Text));
        }

        if (copy.Count == 0 || copy[^1].Role != ChatRole.User)
        {
            throw new ArgumentException($"Test case '{id}' must end with a user message.", nameof(messages));
        }

        Id = id;
        Messages = copy.AsReadOnly();
        Category = string.IsNullOrWhiteSpace(category) ? null : category;
        Expectations = expectations ?? TestExpectations.None;
    }

    /// <summary>Gets the identifier.</summary>
    public string Id { get; }

    /// <summary>Gets the category, or <see langword="null"/>.</summary>
    public string? Category { get; }

    /// <summary>Gets the conversation sent to each model (after the system prompt).</summary>
    public IReadOnlyList<ChatMessage> Messages { get; }

    /// <summary>Gets the expectations.</summary>
    public TestExpectations Expectations { get; }

    /// <summary>Gets a system prompt for this case only.</summary>
    /// <value>Defaults to <see langword="null"/>: the suite's system prompt is used.</value>
    public string? SystemPrompt { get; init; }

    /// <summary>Gets the last user message.</summary>
    public string Prompt => Messages[^1].Text;

    /// <summary>Gets whether the case has more than one turn.</summary>
    public bool IsMultiTurn => Messages.Count > 1;

    /// <summary>Creates a single-turn case.</summary>
    /// <param name="id">The identifier.</param>
    /// <param name="prompt">The user message.</param>
    /// <param name="category">An optional category.</param>
    /// <param name="expectations">Optional expectations.</param>
    /// <returns>The case.</returns>
    public static TestCase FromPrompt(string id, string prompt, string? category = null, TestExpectations? expectations = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentNullException.ThrowIfNull(prompt);
        return new TestCase(id, [new ChatMessage(ChatRole.User, prompt)], category, expectations);
    }

    /// <summary>
    /// Wraps the case (and so its expectations) as <c>Microsoft.Extensions.AI.Evaluation</c> additional context, for an
    /// evaluator made with <see cref="Scorer.AsEvaluator(IScorer)"/>.
    /// </summary>
    /// <returns>The context to pass in <c>additionalContext</c>.</returns>
    public EvaluationContext ToEvaluationContext() => new TestCaseEvaluationContext(this);

    /// <inheritdoc/>
    public override string ToString() => Id;
}
