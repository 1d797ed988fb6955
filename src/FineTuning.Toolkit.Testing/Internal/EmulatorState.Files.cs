using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace FineTuning.Toolkit.Testing.Internal;

internal sealed partial class EmulatorState
{
    private const long MaxFileBytes = 512L * 1024 * 1024;

    private static readonly HashSet<string> UploadPurposes = new(StringComparer.Ordinal) { "fine-tune", "assistants", "batch", "vision", "user_data", "evals" };

    private void MapFiles(WebApplication app)
    {
        app.MapPost(Prefix + "/files", UploadFileAsync);
        app.MapGet(Prefix + "/files", ListFiles);
        app.MapGet(Prefix + "/files/{file_id}", RetrieveFile);
        app.MapGet(Prefix + "/files/{file_id}/content", FileContent);
        app.MapDelete(Prefix + "/files/{file_id}", DeleteFile);
    }

    private async Task UploadFileAsync(HttpContext context)
    {
        if (!context.Request.HasFormContentType)
        {
            await HttpResults.BadRequest(context, "Files must be uploaded as multipart/form-data.", "file").ConfigureAwait(false);
            return;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        var purpose = form["purpose"].ToString();
        var upload = form.Files.GetFile("file");
        if (upload is null)
        {
            await HttpResults.BadRequest(context, "Missing required parameter: 'file'.", "file").ConfigureAwait(false);
            return;
        }

        if (Options.Dialect == EmulatorDialect.Azure && string.IsNullOrEmpty(upload.ContentType))
        {
            // Azure refuses a file part without a Content-Type (the OpenAI SDK's UploadFileAsync sends none: azure-sdk-for-net#44710).
            await AzureJson.Error(context, StatusCodes.Status400BadRequest, "invalidPayload", "The file has no or an empty content type specified.").ConfigureAwait(false);
            return;
        }

        if (!UploadPurposes.Contains(purpose))
        {
            await HttpResults.BadRequest(context, $"'{purpose}' is not one of ['fine-tune', 'assistants', 'batch', 'user_data', 'responses', 'vision', 'evals'] - 'purpose'", "purpose").ConfigureAwait(false);
            return;
        }

        if (upload.Length > MaxFileBytes)
        {
            await HttpResults.BadRequest(context, "File is larger than the 512 MB limit; use the Uploads API for large files.", "file").ConfigureAwait(false);
            return;
        }

        using var buffer = new MemoryStream();
        await upload.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
        JsonObject body;
        lock (_gate)
        {
            var file = AddFile(upload.FileName, purpose, buffer.ToArray(), Now, processed: false);
            body = FileJson(file);
        }

        await Reply(context, body).ConfigureAwait(false);
    }

    private Task ListFiles(HttpContext context)
    {
        var purpose = HttpResults.QueryString(context, "purpose");
        var limit = Math.Clamp(HttpResults.QueryInt(context, "limit") ?? 10000, 1, 10000);
        var after = HttpResults.QueryString(context, "after");
        var ascending = string.Equals(HttpResults.QueryString(context, "order"), "asc", StringComparison.Ordinal);
        JsonObject body;
        lock (_gate)
        {
            AdvanceAll(Now);
            IEnumerable<StoredFile> files = ascending ? _files : Enumerable.Reverse(_files);
            var ordered = files.Where(f => purpose is null || f.Purpose == purpose).ToList();
            if (after is not null)
            {
                var index = ordered.FindIndex(f => f.Id == after);
                ordered = index < 0 ? ordered : ordered.Skip(index + 1).ToList();
            }

            var data = new JsonArray(ordered.Take(limit).Select(f => (JsonNode)FileJson(f)).ToArray());
            body = ListBody(data, ordered.Count > limit, withCursorIds: true);
        }

        return Reply(context, body);
    }

    private Task RetrieveFile(HttpContext context)
    {
        var id = HttpResults.Route(context, "file_id");
        JsonObject? body;
        lock (_gate)
        {
            AdvanceAll(Now);
            body = FindFile(id) is { } found ? FileJson(found) : null;
        }

        return body is null ? HttpResults.NotFound(context, $"No such File object: {id}") : Reply(context, body);
    }

    private Task FileContent(HttpContext context)
    {
        var id = HttpResults.Route(context, "file_id");
        StoredFile? file;
        lock (_gate)
        {
            AdvanceAll(Now);
            file = FindFile(id);
        }

        if (file is null)
        {
            return HttpResults.NotFound(context, $"No such File object: {id}");
        }

        var contentType = file.Filename.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? "text/csv" : "application/octet-stream";
        return HttpResults.Bytes(context, file.Content, contentType);
    }

    private Task DeleteFile(HttpContext context)
    {
        var id = HttpResults.Route(context, "file_id");
        bool removed;
        lock (_gate)
        {
            removed = _files.RemoveAll(f => f.Id == id) > 0;
        }

        return removed
            ? Reply(context, new JsonObject { ["id"] = id, ["object"] = "file", ["deleted"] = true })
            : HttpResults.NotFound(context, $"No such File object: {id}");
    }

    private StoredFile? FindFile(string id) => _files.Find(f => f.Id == id);
}
