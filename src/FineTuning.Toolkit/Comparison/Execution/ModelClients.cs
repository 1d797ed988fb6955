using System.Collections.Concurrent;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Distributed;
using Polly;

namespace FineTuning.Toolkit.Comparison.Execution;

/// <summary>
/// The client each model is asked through, composed with <see cref="ChatClientBuilder"/>:
/// <see cref="DistributedCachingChatClient"/> (when a cache is set and the model is identified) → retry
/// (<see cref="ResilientChatClient"/>) → <see cref="MeasuringChatClient"/> → the model. One per model and repeat, since
/// repeats are distinct samples and must not share a cache entry.
/// </summary>
internal sealed class ModelClients(IDistributedCache? cache, ResiliencePipeline pipeline, CallStamp stamp, TimeProvider timeProvider)
{
    private readonly ConcurrentDictionary<(string Model, int Repeat), IChatClient> _clients = new();

    public IChatClient For(ModelUnderTest model, ModelIdentity identity, int repeat) =>
        _clients.GetOrAdd((model.Name, repeat), _ => Build(model.Client, identity, repeat));

    private IChatClient Build(IChatClient client, ModelIdentity identity, int repeat)
    {
        var builder = new ChatClientBuilder(client);
        if (cache is not null && identity.IsKnown)
        {
            builder.UseDistributedCache(cache, caching => caching.CacheKeyAdditionalValues = RequestKeys.CacheValues(identity, repeat));
        }

        return builder
            .Use(inner => new ResilientChatClient(inner, pipeline))
            .Use(inner => new MeasuringChatClient(inner, stamp, timeProvider))
            .Build();
    }
}
