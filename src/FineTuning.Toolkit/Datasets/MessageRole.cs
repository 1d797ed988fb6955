namespace FineTuning.Toolkit.Datasets;

/// <summary>The author of a <see cref="TrainingMessage"/>, as named in OpenAI's chat fine-tuning format.</summary>
public enum MessageRole
{
    /// <summary>A <c>system</c> message: instructions that frame the conversation.</summary>
    System,

    /// <summary>A <c>developer</c> message: instructions from the application developer (newer models' name for system).</summary>
    Developer,

    /// <summary>A <c>user</c> message: what the end user said.</summary>
    User,

    /// <summary>An <c>assistant</c> message: what the model should learn to answer.</summary>
    Assistant,

    /// <summary>A <c>tool</c> message: the result of a tool call made by an earlier assistant message.</summary>
    Tool,
}
