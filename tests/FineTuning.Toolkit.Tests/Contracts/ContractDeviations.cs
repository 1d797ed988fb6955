using System.Text.Json.Nodes;

namespace FineTuning.Toolkit.Tests.Contracts;

/// <summary>
/// The explicit allow-lists of real-world deviations from the providers' specs. Keep them short: every entry needs
/// evidence. OpenAI: one (<see cref="All"/>); Azure OpenAI: one (<see cref="Azure"/>); Together AI: one (<see cref="Together"/>).
/// </summary>
public static class ContractDeviations
{
    /// <summary>
    /// <c>"error": {}</c> on fine-tuning jobs that have not failed. The spec's <c>FineTuningJob.error</c> is either an
    /// object with required <c>code</c>, <c>message</c> and <c>param</c>, or null; the service sends an empty object while
    /// a job is validating, queued, running, succeeded or cancelled. Tolerated only when the value is exactly <c>{}</c>
    /// and the job's status is not <c>failed</c> (a failed job must carry a complete error).
    /// </summary>
    public static ContractDeviation EmptyErrorObjectOnHealthyJob { get; } = new(
        "empty-error-object-on-healthy-job",
        ["FineTuningJob", "ListPaginatedFineTuningJobsResponse"],
        "Fine-tuning jobs that have not failed carry \"error\": {} (an empty object), which the spec's FineTuningJob.error (object with required code/message/param, or null) rejects.",
        "Recorded real responses of job create, retrieve, cancel and list (DESIGN.md, 'Facts about the platform'): every one of them validates against the spec except for this field; clients must accept both shapes. "
        + "Public example: a gpt-4o-2024-08-06 job in validating_files answered with \"error\" : { } (https://github.com/cequence-io/openai-scala-client/issues/80, 2024-09-10), which broke that client's parser.",
        body =>
        {
            var found = false;
            IEnumerable<JsonObject> jobs = body["data"] is JsonArray data ? data.OfType<JsonObject>() : body is JsonObject single ? [single] : [];
            foreach (var job in jobs)
            {
                if (job["error"] is JsonObject { Count: 0 } && job["status"]?.GetValue<string>() != "failed")
                {
                    job["error"] = null;
                    found = true;
                }
            }

            return found;
        });

    /// <summary>
    /// Azure OpenAI reports <c>"status": "pending"</c> on fine-tuning jobs that have not started running; its v1 spec
    /// reuses OpenAI's <c>FineTuningJob</c>, whose status enum has no <c>pending</c>. Tolerated only for that exact
    /// value (rewritten to <c>queued</c>, the spec's nearest state).
    /// </summary>
    public static ContractDeviation AzurePendingJobStatus { get; } = new(
        "azure-pending-job-status",
        ["OpenAI.FineTuningJob", "OpenAI.ListPaginatedFineTuningJobsResponse"],
        "Azure OpenAI jobs report status \"pending\" (with n_epochs -1) before they run; OpenAI.FineTuningJob.status allows only validating_files, queued, running, succeeded, failed, cancelled.",
        "Issue #11 and DESIGN.md ('Azure also says pending for jobs, and n_epochs: -1 until a job runs'), found by driving the official SDK against Azure; the same value on files breaks the OpenAI SDK's typed file model (openai-dotnet#312).",
        body =>
        {
            var found = false;
            IEnumerable<JsonObject> jobs = body["data"] is JsonArray data ? data.OfType<JsonObject>() : body is JsonObject single ? [single] : [];
            foreach (var job in jobs.Where(j => j["status"]?.GetValue<string>() == "pending"))
            {
                job["status"] = "queued";
                found = true;
            }

            return found;
        });

    /// <summary>
    /// Together AI's spec types <c>TrainingMethodSFT.train_on_inputs</c> as <c>oneOf [boolean, "auto"]</c> but also puts
    /// <c>type: boolean</c> beside it, so its own documented default (<c>auto</c>) fails its own schema. Tolerated only for
    /// the exact value <c>"auto"</c> inside <c>training_method</c>.
    /// </summary>
    public static ContractDeviation TogetherTrainOnInputsAuto { get; } = new(
        "together-train-on-inputs-auto",
        ["FinetuneResponse", "FinetuneResponseTruncated", "FinetuneTruncatedList"],
        "training_method.train_on_inputs is \"auto\" (the spec's own default), which the sibling 'type: boolean' of TrainingMethodSFT rejects.",
        "../shared/contracts/together-openapi.yaml, components.schemas.TrainingMethodSFT.properties.train_on_inputs: 'oneOf: [boolean, enum [auto]]', 'type: boolean', 'default: auto' (the same pattern in the create-job request body).",
        body =>
        {
            var found = false;
            IEnumerable<JsonObject> jobs = body["data"] is JsonArray data ? data.OfType<JsonObject>() : body is JsonObject single ? [single] : [];
            foreach (var method in jobs.Select(j => j["training_method"]).OfType<JsonObject>().Where(m => m["train_on_inputs"] is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String && v.GetValue<string>() == "auto"))
            {
                method["train_on_inputs"] = true;
                found = true;
            }

            return found;
        });

    /// <summary>Gets every allowed deviation of OpenAI's service from its spec.</summary>
    public static IReadOnlyList<ContractDeviation> All { get; } = [EmptyErrorObjectOnHealthyJob];

    /// <summary>Gets every allowed deviation of Azure OpenAI's v1 data plane from its spec.</summary>
    public static IReadOnlyList<ContractDeviation> Azure { get; } = [AzurePendingJobStatus];

    /// <summary>Gets every allowed deviation of Together AI from its spec.</summary>
    public static IReadOnlyList<ContractDeviation> Together { get; } = [TogetherTrainOnInputsAuto];
}
