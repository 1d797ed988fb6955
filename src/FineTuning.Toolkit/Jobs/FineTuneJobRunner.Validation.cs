namespace FineTuning.Toolkit.Jobs;

/// <content>Local validation before anything is uploaded.</content>
public sealed partial class FineTuneJobRunner
{
    private Task<ValidationOutcome> ValidateAsync(FineTuneRequest request, CancellationToken cancellationToken)
    {
        _ = request;
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(default(ValidationOutcome));
    }

    private readonly record struct ValidationOutcome(FineTuneResult? Refused);
}
