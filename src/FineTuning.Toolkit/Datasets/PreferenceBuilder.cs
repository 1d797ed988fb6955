namespace FineTuning.Toolkit.Datasets;

/// <summary>Builds one preference (DPO) <see cref="PreferenceExample"/>; used by <see cref="DatasetBuilder"/>.</summary>
public sealed class PreferenceBuilder
{
    private readonly List<TrainingMessage> _input = [];
    private readonly List<TrainingMessage> _preferred = [];
    private readonly List<TrainingMessage> _nonPreferred = [];
    private readonly List<ToolDefinition> _tools = [];
    private readonly List<string> _tags = [];
    private bool? _parallelToolCalls;

    internal PreferenceBuilder()
    {
    }

    /// <summary>Adds a <c>system</c> message to the input.</summary>
    /// <param name="content">The instructions.</param>
    /// <returns>This builder.</returns>
    public PreferenceBuilder System(string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        return Input(TrainingMessage.System(content));
    }

    /// <summary>Adds a <c>user</c> message to the input.</summary>
    /// <param name="content">What the user says.</param>
    /// <returns>This builder.</returns>
    public PreferenceBuilder User(string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        return Input(TrainingMessage.User(content));
    }

    /// <summary>Adds an earlier <c>assistant</c> turn to the input.</summary>
    /// <param name="content">The earlier answer.</param>
    /// <returns>This builder.</returns>
    public PreferenceBuilder Assistant(string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        return Input(TrainingMessage.Assistant(content));
    }

    /// <summary>Adds any message to the input.</summary>
    /// <param name="message">The message.</param>
    /// <returns>This builder.</returns>
    public PreferenceBuilder Input(TrainingMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        _input.Add(message);
        return this;
    }

    /// <summary>Sets the preferred answer (an assistant message).</summary>
    /// <param name="content">The preferred answer.</param>
    /// <returns>This builder.</returns>
    public PreferenceBuilder Preferred(string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        return Preferred(TrainingMessage.Assistant(content));
    }

    /// <summary>Adds a message to the preferred output.</summary>
    /// <param name="message">The message.</param>
    /// <returns>This builder.</returns>
    public PreferenceBuilder Preferred(TrainingMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        _preferred.Add(message);
        return this;
    }

    /// <summary>Sets the non-preferred answer (an assistant message).</summary>
    /// <param name="content">The answer to steer away from.</param>
    /// <returns>This builder.</returns>
    public PreferenceBuilder NonPreferred(string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        return NonPreferred(TrainingMessage.Assistant(content));
    }

    /// <summary>Adds a message to the non-preferred output.</summary>
    /// <param name="message">The message.</param>
    /// <returns>This builder.</returns>
    public PreferenceBuilder NonPreferred(TrainingMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        _nonPreferred.Add(message);
        return this;
    }

    /// <summary>Offers a tool in the input (<c>input.tools</c>).</summary>
    /// <param name="tool">The tool.</param>
    /// <returns>This builder.</returns>
    public PreferenceBuilder WithTool(ToolDefinition tool)
    {
        ArgumentNullException.ThrowIfNull(tool);
        _tools.Add(tool);
        return this;
    }

    /// <summary>Sets <c>input.parallel_tool_calls</c>.</summary>
    /// <param name="enabled">The flag.</param>
    /// <returns>This builder.</returns>
    public PreferenceBuilder WithParallelToolCalls(bool enabled)
    {
        _parallelToolCalls = enabled;
        return this;
    }

    /// <summary>Adds toolkit tags (not written for training).</summary>
    /// <param name="tags">The tags.</param>
    /// <returns>This builder.</returns>
    public PreferenceBuilder WithTags(params string[] tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        _tags.AddRange(tags);
        return this;
    }

    internal PreferenceExample Build(string? category) => new()
    {
        Category = category,
        Tags = [.. _tags],
        InputMessages = [.. _input],
        InputTools = _tools.Count == 0 ? null : [.. _tools],
        ParallelToolCalls = _parallelToolCalls,
        PreferredOutput = [.. _preferred],
        NonPreferredOutput = [.. _nonPreferred],
    };
}
