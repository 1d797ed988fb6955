namespace FineTuning.Toolkit.Comparison.Execution;

/// <summary>A judge answered something its parser cannot read.</summary>
internal sealed class JudgeAnswerException : Exception
{
    public JudgeAnswerException(string answer)
        : base("unparseable judge answer: " + (answer.Length <= 80 ? answer : answer[..80] + "…"))
    {
    }

    public JudgeAnswerException()
    {
    }

    public JudgeAnswerException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
