using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Polly;

namespace FineTuning.Toolkit.Comparison.Execution;

/// <summary>
/// What a running comparison lends its judges: the verdict cache, the retry pipeline and the counters. Identical judge
/// requests within a run are asked once (concurrent duplicates wait for the first), with or without a disk cache.
/// </summary>
internal sealed class JudgeServices
{
    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> _answers = new(StringComparer.Ordinal);

    public JudgeServices(DiskCache? cache, ResiliencePipeline pipeline, RunCounters counters)
    {
        Cache = cache;
        Pipeline = pipeline;
        Counters = counters;
    }

    public DiskCache? Cache { get; }

    public ResiliencePipeline Pipeline { get; }

    public RunCounters Counters { get; }

    /// <summary>Asks a judge (through the cache and the retry pipeline) and returns its raw answer text.</summary>
    public static async Task<string> AskAsync(
        JudgeServices? services, IChatClient judge, string purpose, IReadOnlyList<ChatMessage> messages, ChatOptions options, CancellationToken cancellationToken)
    {
        if (services is null)
        {
            var direct = await judge.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
            return direct.Text;
        }

        var key = DiskCache.ComputeKey(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("kind", "judge");
            writer.WriteString("purpose", purpose);
            writer.WriteString("judge", judge.GetService<ChatClientMetadata>()?.DefaultModelId ?? judge.GetType().FullName);
            RequestKeys.WriteMessages(writer, messages);
            RequestKeys.WriteOptions(writer, options);
            writer.WriteEndObject();
        });
        var created = false;
        var lazy = services._answers.GetOrAdd(key, _ =>
        {
            created = true;
            return new Lazy<Task<string>>(() => services.FetchAsync(key, judge, messages, options, cancellationToken));
        });
        if (!created)
        {
            services.Counters.JudgeCacheHit();
        }

        try
        {
            return await lazy.Value.ConfigureAwait(false);
        }
        catch
        {
            services._answers.TryRemove(new KeyValuePair<string, Lazy<Task<string>>>(key, lazy));
            throw;
        }
    }

    private async Task<string> FetchAsync(string key, IChatClient judge, IReadOnlyList<ChatMessage> messages, ChatOptions options, CancellationToken cancellationToken)
    {
        if (Cache is not null && await Cache.TryReadAsync(key, cancellationToken).ConfigureAwait(false) is { } cached)
        {
            using var document = JsonDocument.Parse(cached);
            Counters.JudgeCacheHit();
            return document.RootElement.GetProperty("text").GetString() ?? string.Empty;
        }

        Counters.JudgeCall();
        var response = await Pipeline.ExecuteAsync(
            static async (state, ct) => await state.judge.GetResponseAsync(state.messages, state.options, ct).ConfigureAwait(false),
            (judge, messages, options),
            cancellationToken).ConfigureAwait(false);
        var text = response.Text;
        if (Cache is not null)
        {
            await Cache.WriteAsync(key, JsonSerializer.Serialize(new Dictionary<string, string> { ["text"] = text }, Internal.CacheEntryJsonContext.Default.DictionaryStringString), cancellationToken).ConfigureAwait(false);
        }

        return text;
    }
}
