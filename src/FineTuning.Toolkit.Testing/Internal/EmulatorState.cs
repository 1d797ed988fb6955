using System.Text.Json.Nodes;
using FineTuning.Toolkit.Providers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FineTuning.Toolkit.Testing.Internal;

/// <summary>Everything the emulator holds (files, uploads, jobs, models) behind one lock, and the HTTP handlers that
/// read and change it. Split into partial files per API area.</summary>
internal sealed partial class EmulatorState
{
    private readonly object _gate = new();
    private readonly IdGenerator _ids;
    private readonly IdGenerator _transientIds;
    private readonly List<StoredFile> _files = new();
    private readonly Dictionary<string, StoredUpload> _uploads = new(StringComparer.Ordinal);
    private readonly List<EmulatedJob> _jobs = new();
    private readonly Dictionary<string, EmulatedModel> _models = new(StringComparer.Ordinal);
    private readonly DateTimeOffset _baseModelsCreated;

    public EmulatorState(OpenAIEmulatorOptions options, EmulatorClock clock)
    {
        Options = options;
        Logger = options.LoggerFactory?.CreateLogger("FineTuning.Toolkit.Testing.OpenAIEmulator") ?? NullLogger.Instance;
        Clock = clock;
        _ids = new IdGenerator(options.Seed);
        _transientIds = new IdGenerator(unchecked(options.Seed ^ 0x5EED));
        _baseModelsCreated = new DateTimeOffset(2024, 7, 18, 0, 0, 0, TimeSpan.Zero);
    }

    public OpenAIEmulatorOptions Options { get; }

    public EmulatorClock Clock { get; }

    public ILogger Logger { get; }

    public DateTimeOffset Now => Clock.GetUtcNow();

    /// <summary>Identifiers of stored objects (files, jobs, events, models): the same for the same seed and the same
    /// sequence of creations, however often a client polls.</summary>
    public string NewId(string prefix, int length) => _ids.Next(prefix, length);

    /// <summary>Identifiers of things that come and go with requests (request ids, chat completion ids), drawn from a
    /// separate generator so that polling more or less often does not change the ids of stored objects.</summary>
    public string NewTransientId(string prefix, int length) => _transientIds.Next(prefix, length);

    public int NextSeed() => _ids.NextInt(int.MaxValue);

    /// <summary>Gets the path the OpenAI-shaped routes live under: <c>/v1</c>, or <c>/openai/v1</c> for Azure.</summary>
    public string Prefix => Options.Dialect == EmulatorDialect.Azure ? "/openai/v1" : "/v1";

    /// <summary>Gets the catalog's provider name of the dialect.</summary>
    public string Provider => Options.Dialect switch
    {
        EmulatorDialect.Azure => ModelLifecycleCatalog.AzureOpenAI,
        EmulatorDialect.Together => ModelLifecycleCatalog.Together,
        _ => ModelLifecycleCatalog.OpenAI,
    };

    public void MapRoutes(WebApplication app)
    {
        switch (Options.Dialect)
        {
            case EmulatorDialect.Together:
                MapTogether(app);
                MapChat(app);
                MapTogetherBatches(app);
                return;
            case EmulatorDialect.Azure:
                MapFiles(app);
                MapJobs(app);
                MapModels(app);
                MapChat(app);
                MapDeployments(app);
                MapBatches(app);
                return;
            default:
                MapFiles(app);
                MapUploads(app);
                MapJobs(app);
                MapModels(app);
                MapChat(app);
                MapBatches(app);
                return;
        }
    }

    /// <summary>A file object in the dialect's shape (Azure says <c>pending</c> until a file is processed).</summary>
    private JsonObject FileJson(StoredFile file)
    {
        var body = file.ToJson(Now);
        if (Options.Dialect == EmulatorDialect.Azure && body["status"]?.GetValue<string>() == "uploaded")
        {
            body["status"] = "pending";
        }

        return body;
    }

    /// <summary>A job object in the dialect's shape.</summary>
    private JsonObject JobJson(EmulatedJob job)
    {
        var body = job.ToJson(Options.OrganizationId);
        return Options.Dialect == EmulatorDialect.Azure ? AzureJson.Job(body, job) : body;
    }

    /// <summary>Adds a file; the caller holds the lock or is inside a job transition.</summary>
    public StoredFile AddFile(string filename, string purpose, byte[] content, DateTimeOffset createdAt, bool processed)
    {
        var file = new StoredFile
        {
            Id = NewId("file-", 22),
            Filename = filename,
            Purpose = purpose,
            Content = content,
            CreatedAt = createdAt,
            ProcessedAt = processed ? createdAt : createdAt + Options.FileProcessingDuration,
        };
        _files.Add(file);
        return file;
    }

    public void RegisterFineTunedModel(string name, DateTimeOffset created, TrainingFileContent training)
    {
        _models[name] = new EmulatedModel
        {
            Id = name,
            Created = created,
            OwnedBy = Options.OrganizationId,
            Style = new StyleResponder(training.Pairs),
        };
    }

    private static JsonObject ListBody(JsonArray data, bool hasMore, bool withCursorIds)
    {
        var body = new JsonObject { ["object"] = "list", ["data"] = data, ["has_more"] = hasMore };
        if (withCursorIds)
        {
            body["first_id"] = data.Count == 0 ? null : data[0]!["id"]!.GetValue<string>();
            body["last_id"] = data.Count == 0 ? null : data[^1]!["id"]!.GetValue<string>();
        }

        return body;
    }

    private void AdvanceAll(DateTimeOffset now)
    {
        foreach (var job in _jobs)
        {
            job.Advance(this, now);
        }

        AdvanceBatches(now);
    }

    private static Task Reply(HttpContext context, JsonNode body) => HttpResults.Json(context, body);
}
