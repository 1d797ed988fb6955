namespace FineTuning.Toolkit.Providers;

/// <summary>
/// A model made servable: on Azure OpenAI a deployment of a fine-tuned model on the management plane (chat then uses
/// <see cref="Name"/> as the model); on providers that serve trained models directly, the model under its own name.
/// </summary>
/// <param name="Name">The name chat requests use as the model (the deployment name on Azure).</param>
/// <param name="Model">The model deployed.</param>
/// <param name="Sku">The deployment SKU (<c>standard</c>, <c>globalstandard</c>, <c>developertier</c>); <see langword="null"/> where there is none.</param>
/// <param name="State">The provisioning state: <c>Creating</c>, <c>Succeeded</c>, <c>Failed</c>, ...</param>
/// <param name="CreatedAt">When the deployment was created, when the service says.</param>
/// <param name="ExpiresAt">When the service deletes it regardless of use (developer tier: 24 hours after creation); <see langword="null"/> otherwise.
/// Any Azure deployment idle for 15 days is deleted too.</param>
public sealed record ModelDeployment(string Name, string Model, string? Sku, string State, DateTimeOffset? CreatedAt = null, DateTimeOffset? ExpiresAt = null)
{
    /// <summary>Gets a value indicating whether the deployment answers chat (<see cref="State"/> is <c>Succeeded</c>).</summary>
    public bool IsSucceeded => string.Equals(State, "Succeeded", StringComparison.OrdinalIgnoreCase);
}
