namespace FineTuning.Toolkit.Cli;

/// <summary>The command line asks for something that cannot be done as given (missing file, missing key, bad value):
/// the tool prints the message and exits with <see cref="ExitCodes.Usage"/>.</summary>
internal sealed class CliUsageException : Exception
{
    public CliUsageException()
    {
    }

    public CliUsageException(string message)
        : base(message)
    {
    }

    public CliUsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
