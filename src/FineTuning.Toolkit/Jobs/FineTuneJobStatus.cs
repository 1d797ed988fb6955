namespace FineTuning.Toolkit.Jobs;

/// <summary>
/// The status of a fine-tuning job as the service reports it. Extensible: a value the toolkit does not know is kept
/// as is, so new statuses never break a caller.
/// </summary>
public readonly struct FineTuneJobStatus : IEquatable<FineTuneJobStatus>
{
    private readonly string? _value;

    /// <summary>Initializes a new instance of the <see cref="FineTuneJobStatus"/> struct.</summary>
    /// <param name="value">The status as the service spells it.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public FineTuneJobStatus(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _value = value;
    }

    /// <summary>Gets the <c>validating_files</c> status.</summary>
    public static FineTuneJobStatus ValidatingFiles { get; } = new("validating_files");

    /// <summary>Gets the <c>queued</c> status.</summary>
    public static FineTuneJobStatus Queued { get; } = new("queued");

    /// <summary>Gets the <c>running</c> status.</summary>
    public static FineTuneJobStatus Running { get; } = new("running");

    /// <summary>Gets the <c>pausing</c> status (not in the official contract, sent by the service).</summary>
    public static FineTuneJobStatus Pausing { get; } = new("pausing");

    /// <summary>Gets the <c>paused</c> status (not in the official contract, sent by the service).</summary>
    public static FineTuneJobStatus Paused { get; } = new("paused");

    /// <summary>Gets the <c>succeeded</c> status.</summary>
    public static FineTuneJobStatus Succeeded { get; } = new("succeeded");

    /// <summary>Gets the <c>failed</c> status.</summary>
    public static FineTuneJobStatus Failed { get; } = new("failed");

    /// <summary>Gets the <c>cancelled</c> status.</summary>
    public static FineTuneJobStatus Cancelled { get; } = new("cancelled");

    /// <summary>Gets the status as the service spells it (<c>unknown</c> for the default value).</summary>
    public string Value => _value ?? "unknown";

    /// <summary>Gets a value indicating whether the job has ended (<c>succeeded</c>, <c>failed</c> or <c>cancelled</c>).</summary>
    public bool IsTerminal => this == Succeeded || this == Failed || this == Cancelled;

    /// <summary>Gets a value indicating whether the job waits before training (<c>validating_files</c> or <c>queued</c>).</summary>
    public bool IsWaiting => this == ValidatingFiles || this == Queued;

    /// <summary>Compares two statuses.</summary>
    /// <param name="left">The first status.</param>
    /// <param name="right">The second status.</param>
    /// <returns><see langword="true"/> when they are equal.</returns>
    public static bool operator ==(FineTuneJobStatus left, FineTuneJobStatus right) => left.Equals(right);

    /// <summary>Compares two statuses.</summary>
    /// <param name="left">The first status.</param>
    /// <param name="right">The second status.</param>
    /// <returns><see langword="true"/> when they differ.</returns>
    public static bool operator !=(FineTuneJobStatus left, FineTuneJobStatus right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(FineTuneJobStatus other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is FineTuneJobStatus other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <inheritdoc />
    public override string ToString() => Value;
}
