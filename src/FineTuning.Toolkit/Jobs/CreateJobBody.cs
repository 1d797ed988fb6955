using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace FineTuning.Toolkit.Jobs;

/// <summary>Writes the body of <c>POST /fine_tuning/jobs</c> and derives the request's idempotency key.</summary>
internal static class CreateJobBody
{
    /// <summary>The metadata key that tags every job the runner creates, so a create whose response was lost is found again.</summary>
    public const string IdempotencyMetadataKey = "ftt_idempotency_key";

    public static string IdempotencyKey(FineTuneRequest request, string model, string trainingFileId, string? validationFileId)
    {
        if (request.IdempotencyKey is { } explicitKey)
        {
            return explicitKey;
        }

        var canonical = new StringBuilder()
            .Append("model=").Append(model).Append('\n')
            .Append("training_file=").Append(trainingFileId).Append('\n')
            .Append("validation_file=").Append(validationFileId).Append('\n')
            .Append("method=").Append(request.Method).Append('\n')
            .Append("epochs=").Append(request.Epochs?.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append("batch=").Append(request.BatchSize?.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append("lr=").Append(request.LearningRateMultiplier?.ToString("R", CultureInfo.InvariantCulture)).Append('\n')
            .Append("beta=").Append(request.Beta?.ToString("R", CultureInfo.InvariantCulture)).Append('\n')
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

    public static BinaryData Write(FineTuneRequest request, string model, string trainingFileId, string? validationFileId, string idempotencyKey)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("model", model);
            writer.WriteString("training_file", trainingFileId);
            if (validationFileId is not null)
            {
                writer.WriteString("validation_file", validationFileId);
            }

            if (request.Suffix is not null)
            {
                writer.WriteString("suffix", request.Suffix);
            }

            if (request.Seed is { } seed)
            {
                writer.WriteNumber("seed", seed);
            }

            var type = request.Method == FineTuneMethod.Dpo ? "dpo" : "supervised";
            writer.WriteStartObject("method");
            writer.WriteString("type", type);
            writer.WriteStartObject(type);
            writer.WriteStartObject("hyperparameters");
            if (request.Epochs is { } epochs)
            {
                writer.WriteNumber("n_epochs", epochs);
            }

            if (request.BatchSize is { } batch)
            {
                writer.WriteNumber("batch_size", batch);
            }

            if (request.LearningRateMultiplier is { } lr)
            {
                writer.WriteNumber("learning_rate_multiplier", lr);
            }

            if (request.Method == FineTuneMethod.Dpo && request.Beta is { } beta)
            {
                writer.WriteNumber("beta", beta);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndObject();

            writer.WriteStartObject("metadata");
            foreach (var pair in request.Metadata)
            {
                writer.WriteString(pair.Key, pair.Value);
            }

            writer.WriteString(IdempotencyMetadataKey, idempotencyKey);
            writer.WriteEndObject();

            if (request.Integrations.Count > 0)
            {
                writer.WriteStartArray("integrations");
                foreach (var integration in request.Integrations)
                {
                    writer.WriteStartObject();
                    writer.WriteString("type", integration.Type);
                    writer.WriteStartObject("wandb");
                    writer.WriteString("project", integration.Project);
                    if (integration.Name is not null)
                    {
                        writer.WriteString("name", integration.Name);
                    }

                    if (integration.Entity is not null)
                    {
                        writer.WriteString("entity", integration.Entity);
                    }

                    if (integration.Tags.Count > 0)
                    {
                        writer.WriteStartArray("tags");
                        foreach (var tag in integration.Tags)
                        {
                            writer.WriteStringValue(tag);
                        }

                        writer.WriteEndArray();
                    }

                    writer.WriteEndObject();
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        return BinaryData.FromBytes(buffer.WrittenMemory);
    }
}
