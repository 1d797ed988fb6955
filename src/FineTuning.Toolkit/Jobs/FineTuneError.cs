namespace FineTuning.Toolkit.Jobs;

/// <summary>Why a fine-tuning job (or a run) failed, as the service reported it.</summary>
public sealed class FineTuneError
{
    /// <summary>Initializes a new instance of the <see cref="FineTuneError"/> class.</summary>
    /// <param name="code">The machine-readable code.</param>
    /// <param name="message">The human-readable message.</param>
    /// <param name="param">The parameter at fault, usually <c>training_file</c> or <c>validation_file</c>, or <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="code"/> or <paramref name="message"/> is <see langword="null"/>.</exception>
    public FineTuneError(string code, string message, string? param = null)
    {
        ArgumentNullException.ThrowIfNull(code);
        ArgumentNullException.ThrowIfNull(message);
        Code = code;
        Message = message;
        Param = param;
    }

    /// <summary>Gets the machine-readable code, for example <c>invalid_training_file</c>.</summary>
    public string Code { get; }

    /// <summary>Gets the human-readable message.</summary>
    public string Message { get; }

    /// <summary>Gets the parameter at fault, or <see langword="null"/>.</summary>
    public string? Param { get; }

    /// <inheritdoc />
    public override string ToString() => Param is null ? $"{Code}: {Message}" : $"{Code} ({Param}): {Message}";
}
