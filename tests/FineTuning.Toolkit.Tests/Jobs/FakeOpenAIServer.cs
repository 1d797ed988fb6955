using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace FineTuning.Toolkit.Tests.Jobs;

/// <summary>
/// A hand-written, in-memory OpenAI fine-tuning API behind an <see cref="HttpMessageHandler"/>: files, jobs (whose
/// status follows a <see cref="TimeProvider"/>), events (newest first, <c>after</c> pages back), checkpoints and a result
/// file. <see cref="Intercept"/> injects faults; <see cref="Requests"/> records every request.
/// </summary>
internal sealed partial class FakeOpenAIServer : HttpMessageHandler
{
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, JsonObject> _files = new();
    private readonly ConcurrentDictionary<string, FakeJob> _jobs = new();
    private readonly object _gate = new();
    private int _nextId;
    private int _inFlight;

    public FakeOpenAIServer(TimeProvider time, string apiKey = "sk-test-fake-key-1234567890")
    {
        _time = time;
        ApiKey = apiKey;
    }

    public string ApiKey { get; }

    public Uri Endpoint { get; } = new("https://fake.openai.test/v1/");

    public TimeSpan ValidatingDuration { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan QueuedDuration { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan TrainingDuration { get; set; } = TimeSpan.FromMinutes(5);

    public int TotalSteps { get; set; } = 30;

    /// <summary>Gets or sets a job failure to report when training ends (code, message, param), or null for success.</summary>
    public (string Code, string Message, string? Param)? FailWith { get; set; }

    /// <summary>Gets or sets a hook that may answer a request instead of the server (return null to let it through).</summary>
    public Func<HttpRequestMessage, string, HttpResponseMessage?>? Intercept { get; set; }

    /// <summary>Gets or sets a hook called after the server handled a request; may replace the response (for a lost response).</summary>
    public Func<HttpRequestMessage, string, HttpResponseMessage, HttpResponseMessage>? AfterHandled { get; set; }

    /// <summary>Gets or sets a predicate: requests it matches never get an answer (until cancelled).</summary>
    public Func<HttpRequestMessage, string, bool>? Hang { get; set; }

    public ConcurrentQueue<(string Method, string Path, string Body, DateTimeOffset At)> Requests { get; } = new();

    public IReadOnlyCollection<FakeJob> Jobs => _jobs.Values.ToArray();

    public int FileCount => _files.Count;

    public int Count(string method, string pathPrefix) => Requests.Count(r => r.Method == method && r.Path.StartsWith(pathPrefix, StringComparison.Ordinal));

    public static HttpResponseMessage Error(int status, string code, string message, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage((HttpStatusCode)status)
        {
            Content = new StringContent(JsonSerializer.Serialize(new { error = new { message, type = "error", param = (string?)null, code } }), Encoding.UTF8, "application/json"),
        };
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }

    /// <summary>Gets the number of requests being handled right now.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _inFlight);
        try
        {
            return await HandleAsync(request, cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private async Task<HttpResponseMessage> HandleAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.PathAndQuery;
        path = path.StartsWith("/v1/", StringComparison.Ordinal) ? path[4..] : path.TrimStart('/');
        var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Enqueue((request.Method.Method, path, body, _time.GetUtcNow()));
        if (Hang?.Invoke(request, path) == true)
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
        }

        if (Intercept?.Invoke(request, path) is { } injected)
        {
            return injected;
        }

        if (request.Headers.Authorization?.Parameter != ApiKey)
        {
            return Error(401, "invalid_api_key", "Incorrect API key provided: " + request.Headers.Authorization?.Parameter);
        }

        var response = Handle(request.Method.Method, path, body, request.Content?.Headers.ContentType?.MediaType);
        return AfterHandled?.Invoke(request, path, response) ?? response;
    }

    private HttpResponseMessage Handle(string method, string path, string body, string? mediaType)
    {
        var query = ParseQuery(path);
        var route = path.Split('?')[0];
        var segments = route.Split('/');
        lock (_gate)
        {
            switch (method, segments)
            {
                case ("POST", ["files"]):
                    return Json(CreateFile(body));
                case ("GET", ["files"]):
                    return Json(List(_files.Values.OrderByDescending(f => (long)f["created_at"]!).ThenByDescending(f => (string)f["id"]!).Select(f => f.DeepClone()), false));
                case ("GET", ["files", var id]):
                    return _files.TryGetValue(id, out var file) ? Json(file.DeepClone()) : Error(404, "not_found", "No such file");
                case ("GET", ["files", var id, "content"]):
                    return _jobs.Values.FirstOrDefault(j => j.ResultFileId == id) is { } owner
                        ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(Convert.ToBase64String(Encoding.UTF8.GetBytes(owner.ResultCsv()))) }
                        : Error(404, "not_found", "No such file");
                case ("DELETE", ["files", var id]):
                    return _files.TryRemove(id, out _) ? Json(new JsonObject { ["id"] = id, ["object"] = "file", ["deleted"] = true }) : Error(404, "not_found", "No such file");
                case ("DELETE", ["models", var model]):
                    return Json(new JsonObject { ["id"] = Uri.UnescapeDataString(model), ["object"] = "model", ["deleted"] = true });
                case ("POST", ["fine_tuning", "jobs"]):
                    return CreateJob(body);
                case ("GET", ["fine_tuning", "jobs"]):
                    var jobs = _jobs.Values.OrderByDescending(j => j.Sequence).Select(j => j.ToJson(_time.GetUtcNow()));
                    var filters = query.Where(q => q.Key.StartsWith("metadata[", StringComparison.Ordinal)).ToList();
                    jobs = jobs.Where(j => filters.All(f => (string?)j["metadata"]?[f.Key[9..^1]] == f.Value));
                    return Json(List(jobs.Take(query.TryGetValue("limit", out var l) ? int.Parse(l, CultureInfo.InvariantCulture) : 20), false));
                case ("GET", ["fine_tuning", "jobs", var id]):
                    return _jobs.TryGetValue(id, out var job) ? Json(job.ToJson(_time.GetUtcNow())) : Error(404, "not_found", "No such job");
                case ("GET", ["fine_tuning", "jobs", var id, "events"]):
                    return _jobs.TryGetValue(id, out var ej) ? Events(ej, query) : Error(404, "not_found", "No such job");
                case ("GET", ["fine_tuning", "jobs", var id, "checkpoints"]):
                    return _jobs.TryGetValue(id, out var cj) ? Json(List(cj.Checkpoints(_time.GetUtcNow()), false)) : Error(404, "not_found", "No such job");
                case ("POST", ["fine_tuning", "jobs", var id, var action]):
                    if (!_jobs.TryGetValue(id, out var aj))
                    {
                        return Error(404, "not_found", "No such job");
                    }

                    aj.Apply(action, _time.GetUtcNow());
                    return Json(aj.ToJson(_time.GetUtcNow()));
                default:
                    return Error(404, "unknown_route", $"No route {method} {route}");
            }
        }
    }

    private JsonObject CreateFile(string body)
    {
        var name = FileNamePattern().Match(body) is { Success: true } m ? m.Groups[1].Value : "upload.jsonl";
        var id = "file-" + Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture);
        var file = new JsonObject
        {
            ["id"] = id,
            ["object"] = "file",
            ["bytes"] = ContentLength(body),
            ["created_at"] = _time.GetUtcNow().ToUnixTimeSeconds(),
            ["filename"] = name,
            ["purpose"] = "fine-tune",
            ["status"] = "processed",
        };
        _files[id] = file;
        return file;
    }

    private HttpResponseMessage CreateJob(string body)
    {
        var request = JsonNode.Parse(body)!.AsObject();
        var id = "ftjob-" + Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture);
        var job = new FakeJob(this, id, _jobs.Count, request, _time.GetUtcNow());
        _jobs[id] = job;
        return Json(job.ToJson(_time.GetUtcNow()));
    }

    private HttpResponseMessage Events(FakeJob job, Dictionary<string, string> query)
    {
        var all = job.Events(_time.GetUtcNow());
        IEnumerable<JsonObject> page = all.AsEnumerable().Reverse();
        if (query.TryGetValue("after", out var after))
        {
            page = page.SkipWhile(e => (string)e["id"]! != after).Skip(1);
        }

        var limit = query.TryGetValue("limit", out var l) ? int.Parse(l, CultureInfo.InvariantCulture) : 20;
        var list = page.ToList();
        return Json(List(list.Take(limit), list.Count > limit));
    }

    private static long ContentLength(string multipart)
    {
        var start = multipart.IndexOf("\r\n\r\n", multipart.IndexOf("filename=", StringComparison.Ordinal), StringComparison.Ordinal) + 4;
        var end = multipart.LastIndexOf("\r\n--", StringComparison.Ordinal);
        return Encoding.UTF8.GetByteCount(multipart[start..end]);
    }

    private static JsonObject List(IEnumerable<JsonNode> items, bool hasMore) =>
        new() { ["object"] = "list", ["data"] = new JsonArray(items.ToArray()), ["has_more"] = hasMore };

    private static HttpResponseMessage Json(JsonNode node) =>
        new(HttpStatusCode.OK) { Content = new StringContent(node.ToJsonString(), Encoding.UTF8, "application/json") };

    private static Dictionary<string, string> ParseQuery(string path)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var q = path.IndexOf('?', StringComparison.Ordinal);
        if (q < 0)
        {
            return result;
        }

        foreach (var part in path[(q + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            result[Uri.UnescapeDataString(eq < 0 ? part : part[..eq])] = eq < 0 ? string.Empty : Uri.UnescapeDataString(part[(eq + 1)..]);
        }

        return result;
    }

    [GeneratedRegex("filename=\"?([^\";\r\n]+)\"?")]
    private static partial Regex FileNamePattern();
}
