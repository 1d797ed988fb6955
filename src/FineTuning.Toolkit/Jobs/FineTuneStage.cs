namespace FineTuning.Toolkit.Jobs;

/// <summary>The stage a <see cref="FineTuneJobRunner.RunAsync"/> call is in.</summary>
public enum FineTuneStage
{
    /// <summary>Validating the training data locally.</summary>
    Validating,

    /// <summary>Uploading the training (and validation) file, or finding an identical upload.</summary>
    Uploading,

    /// <summary>Waiting until the uploaded files are <c>processed</c>.</summary>
    ProcessingFiles,

    /// <summary>Creating the job, or finding the job an earlier attempt created.</summary>
    CreatingJob,

    /// <summary>Watching the job.</summary>
    Training,

    /// <summary>The job has ended.</summary>
    Completed,

    /// <summary>Deploying the trained model so that it answers (Azure OpenAI's management plane).</summary>
    Deploying,
}
