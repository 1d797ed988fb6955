using System.Collections.ObjectModel;
using FineTuning.Toolkit.Datasets;
using FineTuning.Toolkit.Validation;

namespace FineTuning.Toolkit.Jobs;

/// <summary>
/// An immutable description of a fine-tuning job, built fluently:
/// <c>FineTuneRequest.For("gpt-4o-mini-2024-07-18").WithTrainingData(train).WithSuffix("techflow-support").WithEpochs(3)</c>.
/// Every <c>With...</c> method returns a new request.
/// </summary>
public sealed class FineTuneRequest
{
    private static readonly IReadOnlyDictionary<string, string> EmptyMetadata = new ReadOnlyDictionary<string, string>(new Dictionary<string, string>());

    private FineTuneRequest(string model)
    {
        Model = model;
    }

    /// <summary>Gets the base model.</summary>
    public string Model { get; private set; }

    /// <summary>Gets the training data as a dataset, or <see langword="null"/>.</summary>
    public Dataset? TrainingDataset { get; private set; }

    /// <summary>Gets the training data as a local JSONL file path, or <see langword="null"/>.</summary>
    public string? TrainingFilePath { get; private set; }

    /// <summary>Gets the training data as an already uploaded file id, or <see langword="null"/>.</summary>
    public string? TrainingFileId { get; private set; }

    /// <summary>Gets the held-out data (the service's <c>validation_file</c>, scored during training) as a dataset, or <see langword="null"/>.</summary>
    public Dataset? HeldOutDataset { get; private set; }

    /// <summary>Gets the held-out data as a local JSONL file path, or <see langword="null"/>.</summary>
    public string? HeldOutFilePath { get; private set; }

    /// <summary>Gets the held-out data as an already uploaded file id, or <see langword="null"/>.</summary>
    public string? HeldOutFileId { get; private set; }

    /// <summary>Gets the suffix added to the fine-tuned model's name, or <see langword="null"/>.</summary>
    public string? Suffix { get; private set; }

    /// <summary>Gets the seed, or <see langword="null"/>.</summary>
    public int? Seed { get; private set; }

    /// <summary>Gets the method.</summary>
    /// <value>Defaults to <see cref="FineTuneMethod.Supervised"/>.</value>
    public FineTuneMethod Method { get; private set; }

    /// <summary>Gets the number of epochs, or <see langword="null"/> for the service's automatic choice.</summary>
    public int? Epochs { get; private set; }

    /// <summary>Gets the batch size, or <see langword="null"/> for automatic.</summary>
    public int? BatchSize { get; private set; }

    /// <summary>Gets the learning-rate multiplier, or <see langword="null"/> for automatic.</summary>
    public double? LearningRateMultiplier { get; private set; }

    /// <summary>Gets the DPO beta, or <see langword="null"/> for automatic.</summary>
    public double? Beta { get; private set; }

    /// <summary>Gets the absolute learning rate (Together AI's <c>learning_rate</c>), or <see langword="null"/> for the service's default.</summary>
    public double? LearningRate { get; private set; }

    /// <summary>Gets the LoRA rank (<c>lora_r</c>), or <see langword="null"/> for the service's default.</summary>
    public int? LoraRank { get; private set; }

    /// <summary>Gets the LoRA alpha (<c>lora_alpha</c>), or <see langword="null"/> for the service's default.</summary>
    public int? LoraAlpha { get; private set; }

    /// <summary>Gets the LoRA dropout (<c>lora_dropout</c>), or <see langword="null"/> for the service's default.</summary>
    public double? LoraDropout { get; private set; }

    /// <summary>Gets the number of checkpoints to save (<c>n_checkpoints</c>), or <see langword="null"/> for the service's default.</summary>
    public int? CheckpointCount { get; private set; }

    /// <summary>Gets the job metadata (up to 16 pairs; one more is added by the runner to find the job again).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; private set; } = EmptyMetadata;

    /// <summary>Gets the Weights and Biases integrations.</summary>
    internal IReadOnlyList<WandbPayload> Integrations { get; private set; } = [];

    /// <summary>Gets a value indicating whether the data is uploaded even when the validation report has errors.</summary>
    public bool ValidationErrorsIgnored { get; private set; }

    /// <summary>
    /// Gets the idempotency key, or <see langword="null"/> to derive one from the request (model, data hashes,
    /// hyperparameters, suffix, seed, metadata). A run whose key matches an existing, not failed or cancelled job
    /// attaches to that job instead of creating another.
    /// </summary>
    public string? IdempotencyKey { get; private set; }

    /// <summary>
    /// Gets the report of the caller's local validation of the training data (made with the caller's options), or
    /// <see langword="null"/>. A request with a report is uploaded without validating again; with errors in the report it
    /// is refused unless <see cref="IgnoreValidationErrors"/> was called.
    /// </summary>
    public ValidationReport? ValidationReport { get; private set; }

    /// <summary>Starts a request for a base model.</summary>
    /// <param name="model">The base model, for example <c>gpt-4o-mini-2024-07-18</c>.</param>
    /// <returns>The request.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is <see langword="null"/>.</exception>
    public static FineTuneRequest For(string model)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        return new FineTuneRequest(model);
    }

    /// <summary>Uses a dataset as training data (written as JSONL and uploaded).</summary>
    /// <param name="dataset">The training examples.</param>
    /// <returns>A new request.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="dataset"/> is <see langword="null"/>.</exception>
    public FineTuneRequest WithTrainingData(Dataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return With(r => (r.TrainingDataset, r.TrainingFilePath, r.TrainingFileId) = (dataset, null, null));
    }

    /// <summary>Uses a local JSONL file as training data.</summary>
    /// <param name="path">The file path.</param>
    /// <returns>A new request.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    public FineTuneRequest WithTrainingFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return With(r => (r.TrainingDataset, r.TrainingFilePath, r.TrainingFileId) = (null, path, null));
    }

    /// <summary>Uses an already uploaded file as training data (no local validation, no upload).</summary>
    /// <param name="fileId">The file id.</param>
    /// <returns>A new request.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="fileId"/> is <see langword="null"/>.</exception>
    public FineTuneRequest WithTrainingFileId(string fileId)
    {
        ArgumentNullException.ThrowIfNull(fileId);
        ArgumentException.ThrowIfNullOrWhiteSpace(fileId);
        return With(r => (r.TrainingDataset, r.TrainingFilePath, r.TrainingFileId) = (null, null, fileId));
    }

    /// <summary>Uses a dataset as held-out data: uploaded as the job's <c>validation_file</c> and scored during training (not a local check; see <see cref="WithValidationReport"/>).</summary>
    /// <param name="dataset">The held-out examples.</param>
    /// <returns>A new request.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="dataset"/> is <see langword="null"/>.</exception>
    public FineTuneRequest WithHeldOutData(Dataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return With(r => (r.HeldOutDataset, r.HeldOutFilePath, r.HeldOutFileId) = (dataset, null, null));
    }

    /// <summary>Uses a local JSONL file as held-out data (the job's <c>validation_file</c>).</summary>
    /// <param name="path">The file path.</param>
    /// <returns>A new request.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    public FineTuneRequest WithHeldOutFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return With(r => (r.HeldOutDataset, r.HeldOutFilePath, r.HeldOutFileId) = (null, path, null));
    }

    /// <summary>Uses an already uploaded file as held-out data (the job's <c>validation_file</c>).</summary>
    /// <param name="fileId">The file id.</param>
    /// <returns>A new request.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="fileId"/> is <see langword="null"/>.</exception>
    public FineTuneRequest WithHeldOutFileId(string fileId)
    {
        ArgumentNullException.ThrowIfNull(fileId);
        ArgumentException.ThrowIfNullOrWhiteSpace(fileId);
        return With(r => (r.HeldOutDataset, r.HeldOutFilePath, r.HeldOutFileId) = (null, null, fileId));
    }

    /// <summary>Sets the suffix of the fine-tuned model's name (1 to 64 characters).</summary>
    /// <param name="suffix">The suffix, for example <c>techflow-support</c>.</param>
    /// <returns>A new request.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="suffix"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="suffix"/> is empty or longer than 64 characters.</exception>
    public FineTuneRequest WithSuffix(string suffix)
    {
        ArgumentNullException.ThrowIfNull(suffix);
        ArgumentOutOfRangeException.ThrowIfZero(suffix.Length, nameof(suffix));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(suffix.Length, 64, nameof(suffix));
        return With(r => r.Suffix = suffix);
    }

    /// <summary>Sets the seed.</summary>
    /// <param name="seed">A seed from 0 to 2147483647.</param>
    /// <returns>A new request.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="seed"/> is negative.</exception>
    public FineTuneRequest WithSeed(int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(seed);
        return With(r => r.Seed = seed);
    }

    /// <summary>Sets the number of epochs.</summary>
    /// <param name="epochs">From 1 to 50.</param>
    /// <returns>A new request.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="epochs"/> is outside 1 to 50.</exception>
    public FineTuneRequest WithEpochs(int epochs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(epochs, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(epochs, 50);
        return With(r => r.Epochs = epochs);
    }

    /// <summary>Sets the batch size.</summary>
    /// <param name="batchSize">From 1 to 256.</param>
    /// <returns>A new request.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batchSize"/> is outside 1 to 256.</exception>
    public FineTuneRequest WithBatchSize(int batchSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(batchSize, 256);
        return With(r => r.BatchSize = batchSize);
    }

    /// <summary>Sets the learning-rate multiplier.</summary>
    /// <param name="multiplier">A positive number.</param>
    /// <returns>A new request (without an absolute learning rate).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="multiplier"/> is not positive and finite.</exception>
    public FineTuneRequest WithLearningRateMultiplier(double multiplier)
    {
        if (!(multiplier > 0) || double.IsInfinity(multiplier))
        {
            throw new ArgumentOutOfRangeException(nameof(multiplier), multiplier, "The learning-rate multiplier must be a positive number.");
        }

        return With(r => (r.LearningRateMultiplier, r.LearningRate) = (multiplier, null));
    }

    /// <summary>Sets the absolute learning rate (Together AI's <c>learning_rate</c>; OpenAI takes a multiplier instead, see <see cref="WithLearningRateMultiplier"/>).</summary>
    /// <param name="rate">A positive number, for example <c>1e-5</c>.</param>
    /// <returns>A new request (without a learning-rate multiplier).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rate"/> is not positive and finite.</exception>
    public FineTuneRequest WithLearningRate(double rate)
    {
        if (!(rate > 0) || double.IsInfinity(rate))
        {
            throw new ArgumentOutOfRangeException(nameof(rate), rate, "The learning rate must be a positive number.");
        }

        return With(r => (r.LearningRate, r.LearningRateMultiplier) = (rate, null));
    }

    /// <summary>Trains a LoRA adapter with this rank and alpha (Together AI's <c>training_type</c> <c>Lora</c>).</summary>
    /// <param name="rank">The rank (<c>lora_r</c>), 1 or more; the service may require a power of two.</param>
    /// <param name="alpha">The scaling (<c>lora_alpha</c>), 1 or more; often twice the rank.</param>
    /// <param name="dropout">The dropout (<c>lora_dropout</c>) from 0 to below 1, or <see langword="null"/> for the service's default.</param>
    /// <returns>A new request.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is outside its range.</exception>
    public FineTuneRequest WithLora(int rank, int alpha, double? dropout = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rank, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(alpha, 1);
        if (dropout is { } d && !(d >= 0 && d < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(dropout), dropout, "The LoRA dropout must be at least 0 and below 1.");
        }

        return With(r => (r.LoraRank, r.LoraAlpha, r.LoraDropout) = (rank, alpha, dropout));
    }

    /// <summary>Sets how many checkpoints the job saves (Together AI's <c>n_checkpoints</c>; at most one per epoch).</summary>
    /// <param name="count">1 or more.</param>
    /// <returns>A new request.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is less than 1.</exception>
    public FineTuneRequest WithCheckpoints(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return With(r => r.CheckpointCount = count);
    }

    /// <summary>Uses supervised fine-tuning (the default).</summary>
    /// <returns>A new request.</returns>
    public FineTuneRequest WithSupervised() => With(r => (r.Method, r.Beta) = (FineTuneMethod.Supervised, null));

    /// <summary>Uses direct preference optimization.</summary>
    /// <param name="beta">The beta (how strongly to stay near the base model), or <see langword="null"/> for automatic.</param>
    /// <returns>A new request.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="beta"/> is not positive and finite.</exception>
    public FineTuneRequest WithDpo(double? beta = null)
    {
        if (beta is { } b && (!(b > 0) || double.IsInfinity(b)))
        {
            throw new ArgumentOutOfRangeException(nameof(beta), beta, "Beta must be a positive number.");
        }

        return With(r => (r.Method, r.Beta) = (FineTuneMethod.Dpo, beta));
    }

    /// <summary>Adds one metadata pair to the job.</summary>
    /// <param name="key">The key (up to 64 characters).</param>
    /// <param name="value">The value (up to 512 characters).</param>
    /// <returns>A new request.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> or <paramref name="value"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The key or value is too long, or there would be more than 15 pairs.</exception>
    public FineTuneRequest WithMetadata(string key, string value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentOutOfRangeException.ThrowIfZero(key.Length, nameof(key));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(key.Length, 64, nameof(key));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value.Length, 512, nameof(value));
        var copy = new Dictionary<string, string>(Metadata, StringComparer.Ordinal) { [key] = value };
        ArgumentOutOfRangeException.ThrowIfGreaterThan(copy.Count, 15, "metadata count");
        return With(r => r.Metadata = new ReadOnlyDictionary<string, string>(copy));
    }

    /// <summary>Adds metadata pairs to the job.</summary>
    /// <param name="metadata">The pairs.</param>
    /// <returns>A new request.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="metadata"/> is <see langword="null"/>.</exception>
    public FineTuneRequest WithMetadata(IEnumerable<KeyValuePair<string, string>> metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var request = this;
        foreach (var pair in metadata)
        {
            request = request.WithMetadata(pair.Key, pair.Value);
        }

        return request;
    }

    /// <summary>Sends the job's metrics to Weights and Biases.</summary>
    /// <param name="project">The project that receives the metrics.</param>
    /// <param name="name">The run's display name.</param>
    /// <param name="entity">The entity (team or user).</param>
    /// <param name="tags">Tags for the run.</param>
    /// <returns>A new request.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="project"/> is <see langword="null"/>.</exception>
    public FineTuneRequest WithWeightsAndBiases(string project, string? name = null, string? entity = null, IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentException.ThrowIfNullOrWhiteSpace(project);
        var tagList = tags?.ToArray();
        var integration = new WandbPayload(project, name, entity, tagList is { Length: > 0 } ? tagList : null);
        return With(r => r.Integrations = [.. Integrations, integration]);
    }

    /// <summary>Sets the idempotency key explicitly (for example to run the same request twice on purpose).</summary>
    /// <param name="key">The key (up to 128 characters).</param>
    /// <returns>A new request.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is <see langword="null"/>.</exception>
    public FineTuneRequest WithIdempotencyKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(key.Length, 128, nameof(key));
        return With(r => r.IdempotencyKey = key);
    }

    /// <summary>
    /// Attaches the report of the caller's own validation of the training data (made with the caller's options), so the
    /// runner uploads without validating again. A report with errors refuses the run unless <see cref="IgnoreValidationErrors"/> is called.
    /// </summary>
    /// <param name="report">The report, from <c>DatasetValidator.ValidateAsync</c> or <c>ValidateFileAsync</c>.</param>
    /// <returns>A new request.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="report"/> is <see langword="null"/>.</exception>
    public FineTuneRequest WithValidationReport(ValidationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return With(r => r.ValidationReport = report);
    }

    /// <summary>Uploads and trains even when the validation report has errors (the report is still on the result).</summary>
    /// <param name="ignore"><see langword="true"/> to ignore validation errors.</param>
    /// <returns>A new request.</returns>
    public FineTuneRequest IgnoreValidationErrors(bool ignore = true) => With(r => r.ValidationErrorsIgnored = ignore);

    /// <inheritdoc />
    public override string ToString() => $"{Model} ({Method}, epochs {Epochs?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "auto"}, suffix {Suffix ?? "none"})";

    private FineTuneRequest With(Action<FineTuneRequest> change)
    {
        var copy = (FineTuneRequest)MemberwiseClone();
        change(copy);
        return copy;
    }
}
