using FineTuning.Toolkit.Jobs;
using FineTuning.Toolkit.Providers;
using Microsoft.Extensions.AI;

namespace FineTuning.Toolkit.Comparison;

/// <summary>
/// A model taking part in a comparison: any <see cref="IChatClient"/> (OpenAI, Azure OpenAI, a local model, the emulator,
/// a replayed golden record) under a display name that appears in reports and in cache keys.
/// </summary>
public sealed class ModelUnderTest
{
    /// <summary>Initializes a new instance of the <see cref="ModelUnderTest"/> class.</summary>
    /// <param name="name">The display name; unique within a comparison.</param>
    /// <param name="client">The chat client that answers the prompts.</param>
    public ModelUnderTest(string name, IChatClient client)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(client);
        Name = name;
        Client = client;
    }

    /// <summary>Gets the display name.</summary>
    public string Name { get; }

    /// <summary>Gets the chat client that answers the prompts.</summary>
    public IChatClient Client { get; }

    /// <summary>
    /// Gets the id of the model that answers (for example <c>ft:gpt-4o-mini:org:name:abc123</c>). Cached and resumed
    /// answers are keyed by it (with the provider), never by <see cref="Name"/>, so a retrained model behind the same
    /// name is asked again.
    /// </summary>
    /// <value>Defaults to <see langword="null"/>: the client's <see cref="ChatClientMetadata.DefaultModelId"/>; without either, answers are not cached or resumed.</value>
    public string? ModelId { get; init; }

    /// <summary>Gets the prices used to compute the cost of the run, or <see langword="null"/> when unknown.</summary>
    /// <value>Defaults to <see langword="null"/>: the report shows tokens but no cost.</value>
    public ModelPrice? Pricing { get; init; }

    /// <summary>
    /// Gets the per-step training metrics of a fine-tuned model (typically <see cref="FineTuneResult.Metrics"/>),
    /// drawn as training and validation loss curves in the HTML report.
    /// </summary>
    /// <value>Defaults to <see langword="null"/>: the model has no loss curve in the report.</value>
    public IReadOnlyList<FineTuneStepMetrics>? TrainingMetrics { get; init; }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
