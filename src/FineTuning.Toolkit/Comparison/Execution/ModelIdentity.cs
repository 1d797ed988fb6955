using Microsoft.Extensions.AI;

namespace FineTuning.Toolkit.Comparison.Execution;

/// <summary>
/// What decides which model answers: the provider, its endpoint and the model id (from <see cref="ModelUnderTest.ModelId"/>
/// or the client's <see cref="ChatClientMetadata"/>). Cache and resume keys are built from it, never from a display name.
/// </summary>
/// <param name="Provider">The provider's name, when known.</param>
/// <param name="Endpoint">The provider's endpoint, when known.</param>
/// <param name="ModelId">The model id, or <see langword="null"/> when neither the model nor its client names one.</param>
internal sealed record ModelIdentity(string? Provider, string? Endpoint, string? ModelId)
{
    /// <summary>Gets whether the model is identified well enough to reuse its answers.</summary>
    public bool IsKnown => !string.IsNullOrWhiteSpace(ModelId);

    public static ModelIdentity Of(ModelUnderTest model)
    {
        var metadata = model.Client.GetService<ChatClientMetadata>();
        return new ModelIdentity(metadata?.ProviderName, metadata?.ProviderUri?.ToString(), model.ModelId ?? metadata?.DefaultModelId);
    }

    /// <summary>Identifies a judge; a judge without a model id is identified by its client type.</summary>
    public static ModelIdentity OfJudge(IChatClient judge)
    {
        var metadata = judge.GetService<ChatClientMetadata>();
        return new ModelIdentity(metadata?.ProviderName, metadata?.ProviderUri?.ToString(), metadata?.DefaultModelId ?? judge.GetType().FullName);
    }
}
