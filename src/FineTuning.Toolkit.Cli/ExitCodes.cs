namespace FineTuning.Toolkit.Cli;

/// <summary>The tool's exit codes.</summary>
internal static class ExitCodes
{
    /// <summary>Done: the dataset is valid, the job succeeded, every gate passed.</summary>
    public const int Success = 0;

    /// <summary>The answer is "no": validation errors, a failed or cancelled job, a failed gate.</summary>
    public const int Failed = 1;

    /// <summary>Bad usage: unknown option, missing argument or file, missing key or setting.</summary>
    public const int Usage = 2;

    /// <summary>The service could not be reached or answered with an error.</summary>
    public const int ServiceError = 3;

    /// <summary>The user pressed Ctrl+C; a remote job keeps running unless asked otherwise.</summary>
    public const int Interrupted = 130;
}
