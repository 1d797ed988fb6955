namespace FineTuning.Toolkit.Jobs;

/// <summary>One event of a fine-tuning job (a message, or a metrics event with a step and its losses).</summary>
public sealed class FineTuneEvent
{
    /// <summary>Gets the event id.</summary>
    public required string Id { get; init; }

    /// <summary>Gets when the event was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets the level: <c>info</c>, <c>warn</c> or <c>error</c>.</summary>
    public string Level { get; init; } = "info";

    /// <summary>Gets the message.</summary>
    public string Message { get; init; } = string.Empty;

    /// <summary>Gets the event type (<c>message</c> or <c>metrics</c>), or <see langword="null"/>.</summary>
    public string? Type { get; init; }

    /// <summary>Gets the step of a metrics event, or <see langword="null"/>.</summary>
    public int? Step { get; init; }

    /// <summary>Gets the total number of steps of a metrics event, or <see langword="null"/>.</summary>
    public int? TotalSteps { get; init; }

    /// <summary>Gets the training loss of a metrics event, or <see langword="null"/>.</summary>
    public double? TrainLoss { get; init; }

    /// <summary>Gets the validation loss of a metrics event, or <see langword="null"/>.</summary>
    public double? ValidationLoss { get; init; }

    /// <summary>Gets the training mean token accuracy of a metrics event, or <see langword="null"/>.</summary>
    public double? TrainAccuracy { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"[{Level}] {Message}";
}
