namespace TechFlow.SupportAssistant;

/// <summary>The sample's exit codes: 0 when the lab ran end to end, a distinct code for each way it can stop.</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int Usage = 2;
    public const int InvalidData = 3;
    public const int TrainingFailed = 4;
    public const int NotConfirmed = 5;
    public const int MissingApiKey = 6;

    /// <summary>A live <c>--migrate-from</c> run whose new model is not (shown to be) as good as the golden record.</summary>
    public const int MigrationNoGo = 7;
    public const int Cancelled = 130;
}
