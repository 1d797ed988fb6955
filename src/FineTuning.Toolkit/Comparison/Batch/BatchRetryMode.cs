namespace FineTuning.Toolkit.Comparison.Batch;

/// <summary>What happens to requests that a batch returns as failed or expired.</summary>
public enum BatchRetryMode
{
    /// <summary>They are reported as errors of their cases; the error budget decides what that means for the gates.</summary>
    None = 0,

    /// <summary>They are asked again as live requests through the model's chat client.</summary>
    Live = 1,

    /// <summary>They are sent again in one follow-up batch; what fails there too is reported as errors.</summary>
    Batch = 2,
}
