using System.Text.Json.Nodes;

namespace FineTuning.Toolkit.Tests.Contracts;

/// <summary>
/// The explicit allow-list of real-world deviations from the OpenAI spec. Keep it short: every entry needs evidence.
/// Today there is exactly one.
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

    /// <summary>Gets every allowed deviation.</summary>
    public static IReadOnlyList<ContractDeviation> All { get; } = [EmptyErrorObjectOnHealthyJob];
}
