using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace FineTuning.Toolkit.Jobs;

/// <summary>Writes the body of <c>POST /fine_tuning/jobs</c> and derives the request's idempotency key.</summary>
internal static class CreateJobBody
{
    /// <summary>The metadata key that tags every job the runner creates, so a create whose response was lost is found again.</summary>
    public const string IdempotencyMetadataKey = "ftt_idempotency_key";

    /// <summary>
    /// Derives the key from the request and its data's identities (the content hash of data this run uploaded, else the
    /// file id), so running the same request on the same data again attaches to the job the first run created.
    /// </summary>
    public static string IdempotencyKey(FineTuneRequest request, string model, string trainingIdentity, string? validationIdentity)
    {
        if (request.IdempotencyKey is { } explicitKey)
        {
            return explicitKey;
        }

        var canonical = new StringBuilder()
            .Append("model=").Append(model).Append('\n')
            .Append("training_file=").Append(trainingIdentity).Append('\n')
            .Append("validation_file=").Append(validationIdentity).Append('\n')
            .Append("method=").Append(request.Method).Append('\n')
            .Append("epochs=").Append(request.Epochs?.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append("batch=").Append(request.BatchSize?.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append("lr=").Append(request.LearningRateMultiplier?.ToString("R", CultureInfo.InvariantCulture)).Append('\n')
            .Append("beta=").Append(request.Beta?.ToString("R", CultureInfo.InvariantCulture)).Append('\n')
            .Append("learning_rate=").Append(request.LearningRate?.ToString("R", CultureInfo.InvariantCulture)).Append('\n')
            .Append("lora=").Append(request.LoraRank?.ToString(CultureInfo.InvariantCulture)).Append('/').Append(request.LoraAlpha?.ToString(CultureInfo.InvariantCulture))
            .Append('/').Append(request.LoraDropout?.ToString("R", CultureInfo.InvariantCulture)).Append('\n')
            .Append("checkpoints=").Append(request.CheckpointCount?.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append("suffix=").Append(request.Suffix).Append('\n')
            .Append("seed=").Append(request.Seed?.ToString(CultureInfo.InvariantCulture)).Append('\n');
        foreach (var pair in request.Metadata.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            canonical.Append("meta:").Append(pair.Key).Append('=').Append(pair.Value).Append('\n');
        }

        foreach (var integration in request.Integrations)
        {
            canonical.Append("wandb=").Append(integration.Project).Append('/').Append(integration.Name).Append('/').Append(integration.Entity).Append('\n');
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString()));
        return "ftreq-" + Convert.ToHexString(hash.AsSpan(0, 16)).ToLowerInvariant();
    }

    public static BinaryData Write(FineTuneRequest request, string model, string trainingFileId, string? validationFileId, string idempotencyKey, string? trainingType = null)
    {
        var hyperparameters = new MethodDetailsPayload(new HyperparametersPayload(
            request.Epochs,
            request.BatchSize,
            request.LearningRateMultiplier,
            request.Method == FineTuneMethod.Dpo ? request.Beta : null));
        var method = request.Method == FineTuneMethod.Dpo
            ? new MethodPayload("dpo", null, hyperparameters)
            : new MethodPayload("supervised", hyperparameters, null);
        var metadata = new Dictionary<string, string>(request.Metadata, StringComparer.Ordinal) { [IdempotencyMetadataKey] = idempotencyKey };
        var payload = new CreateJobPayload(
            model,
            trainingFileId,
            validationFileId,
            request.Suffix,
            request.Seed,
            method,
            metadata,
            request.Integrations.Count == 0 ? null : request.Integrations.Select(i => new IntegrationPayload("wandb", i)).ToArray())
        {
            TrainingType = trainingType,
        };
        return BinaryData.FromObjectAsJson(payload, JobsJsonContext.Default.CreateJobPayload);
    }
}
