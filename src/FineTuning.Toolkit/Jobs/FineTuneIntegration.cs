namespace FineTuning.Toolkit.Jobs;

/// <summary>An integration enabled for a job (today the service supports Weights and Biases).</summary>
public sealed class FineTuneIntegration
{
    private FineTuneIntegration(string project, string? name, string? entity, IReadOnlyList<string> tags)
    {
        Project = project;
        Name = name;
        Entity = entity;
        Tags = tags;
    }

    /// <summary>Gets the integration type (<c>wandb</c>).</summary>
    public string Type => "wandb";

    /// <summary>Gets the Weights and Biases project.</summary>
    public string Project { get; }

    /// <summary>Gets the run's display name, or <see langword="null"/>.</summary>
    public string? Name { get; }

    /// <summary>Gets the entity (team or user), or <see langword="null"/>.</summary>
    public string? Entity { get; }

    /// <summary>Gets the tags.</summary>
    public IReadOnlyList<string> Tags { get; }

    /// <summary>Creates a Weights and Biases integration.</summary>
    /// <param name="project">The project that receives the metrics.</param>
    /// <param name="name">The run's display name.</param>
    /// <param name="entity">The entity (team or user).</param>
    /// <param name="tags">Tags for the run.</param>
    /// <returns>The integration.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="project"/> is <see langword="null"/>.</exception>
    public static FineTuneIntegration WeightsAndBiases(string project, string? name = null, string? entity = null, IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentException.ThrowIfNullOrWhiteSpace(project);
        return new FineTuneIntegration(project, name, entity, tags?.ToArray() ?? []);
    }
}
