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

    /// <summary>
    /// Gets the name <see cref="Jobs.FineTuneJobRunner.DeployAsync"/> gives a deployment when none is given: the model's
    /// name with every character other than letters, digits, <c>-</c>, <c>_</c> and <c>.</c> replaced by <c>-</c>, at most
    /// 64 characters. The same on every call, so a retried or repeated deployment updates the one it created.
    /// </summary>
    /// <param name="model">The model.</param>
    /// <returns>The deployment name.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is <see langword="null"/>.</exception>
    public static string DefaultName(string model)
    {
        ArgumentNullException.ThrowIfNull(model);
        Span<char> name = stackalloc char[Math.Min(model.Length, 64)];
        for (var i = 0; i < name.Length; i++)
        {
            var c = model[i];
            name[i] = char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-';
        }

        return new string(name).Trim('-', '.');
    }
}
