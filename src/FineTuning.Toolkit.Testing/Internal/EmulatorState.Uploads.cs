using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace FineTuning.Toolkit.Testing.Internal;

internal sealed partial class EmulatorState
{
    private const long MaxUploadBytes = 8L * 1024 * 1024 * 1024;
    private const long MaxPartBytes = 64L * 1024 * 1024;

    private void MapUploads(WebApplication app)
    {
        app.MapPost("/v1/uploads", CreateUploadAsync);
        app.MapPost("/v1/uploads/{upload_id}/parts", AddUploadPartAsync);
        app.MapPost("/v1/uploads/{upload_id}/complete", CompleteUploadAsync);
        app.MapPost("/v1/uploads/{upload_id}/cancel", CancelUpload);
    }

    private async Task CreateUploadAsync(HttpContext context)
    {
        var request = await HttpResults.ReadJsonObjectAsync(context).ConfigureAwait(false);
        var filename = request?["filename"]?.GetValue<string>();
        var purpose = request?["purpose"]?.GetValue<string>();
        var mimeType = request?["mime_type"]?.GetValue<string>();
        var bytes = request?["bytes"] is JsonValue b && b.TryGetValue<long>(out var declared) ? declared : -1;
        if (string.IsNullOrEmpty(filename) || string.IsNullOrEmpty(purpose) || string.IsNullOrEmpty(mimeType) || bytes < 0)
        {
            await HttpResults.BadRequest(context, "Missing required parameters: 'filename', 'purpose', 'bytes' and 'mime_type' are required.").ConfigureAwait(false);
            return;
        }

        if (!UploadPurposes.Contains(purpose))
        {
            await HttpResults.BadRequest(context, $"Invalid purpose: '{purpose}'.", "purpose").ConfigureAwait(false);
            return;
        }

        if (bytes > MaxUploadBytes)
        {
            await HttpResults.BadRequest(context, "An upload can be at most 8 GB.", "bytes").ConfigureAwait(false);
            return;
        }

        JsonObject body;
        lock (_gate)
        {
            var upload = new StoredUpload { Id = NewId("upload_", 24), Filename = filename, Purpose = purpose, Bytes = bytes, MimeType = mimeType, CreatedAt = Now };
            _uploads[upload.Id] = upload;
            body = upload.ToJson(Now);
        }

        await Reply(context, body).ConfigureAwait(false);
    }

    private async Task AddUploadPartAsync(HttpContext context)
    {
        var id = HttpResults.Route(context, "upload_id");
        if (!context.Request.HasFormContentType)
        {
            await HttpResults.BadRequest(context, "Parts must be sent as multipart/form-data with a 'data' field.", "data").ConfigureAwait(false);
            return;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        var data = form.Files.GetFile("data");
        if (data is null)
        {
            await HttpResults.BadRequest(context, "Missing required parameter: 'data'.", "data").ConfigureAwait(false);
            return;
        }

        if (data.Length > MaxPartBytes)
        {
            await HttpResults.BadRequest(context, "A part can be at most 64 MB.", "data").ConfigureAwait(false);
            return;
        }

        using var buffer = new MemoryStream();
        await data.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
        JsonObject? body;
        string? problem = null;
        lock (_gate)
        {
            body = null;
            if (!_uploads.TryGetValue(id, out var upload))
            {
                problem = "not-found";
            }
            else if (upload.EffectiveStatus(Now) != "pending")
            {
                problem = $"Upload {id} is {upload.EffectiveStatus(Now)}; parts can only be added to a pending upload.";
            }
            else
            {
                var partId = NewId("part_", 24);
                upload.Parts[partId] = buffer.ToArray();
                body = new JsonObject { ["id"] = partId, ["object"] = "upload.part", ["created_at"] = Now.ToUnixTimeSeconds(), ["upload_id"] = id };
            }
        }

        await (problem switch
        {
            null => Reply(context, body!),
            "not-found" => HttpResults.NotFound(context, $"No such Upload object: {id}", "upload_id"),
            _ => HttpResults.BadRequest(context, problem, "upload_id"),
        }).ConfigureAwait(false);
    }

    private async Task CompleteUploadAsync(HttpContext context)
    {
        var id = HttpResults.Route(context, "upload_id");
        var request = await HttpResults.ReadJsonObjectAsync(context).ConfigureAwait(false);
        if (request?["part_ids"] is not JsonArray partIds)
        {
            await HttpResults.BadRequest(context, "Missing required parameter: 'part_ids'.", "part_ids").ConfigureAwait(false);
            return;
        }

        JsonObject? body = null;
        string? problem = null;
        var notFound = false;
        lock (_gate)
        {
            if (!_uploads.TryGetValue(id, out var upload))
            {
                notFound = true;
            }
            else if (upload.EffectiveStatus(Now) != "pending")
            {
                problem = $"Upload {id} is {upload.EffectiveStatus(Now)} and cannot be completed.";
            }
            else
            {
                using var content = new MemoryStream();
                foreach (var partNode in partIds)
                {
                    var partId = partNode?.GetValue<string>() ?? string.Empty;
                    if (!upload.Parts.TryGetValue(partId, out var part))
                    {
                        problem = $"Part {partId} does not belong to upload {id}.";
                        break;
                    }

                    content.Write(part);
                }

                if (problem is null && content.Length != upload.Bytes)
                {
                    problem = $"The parts add up to {content.Length} bytes, but the upload was created for {upload.Bytes} bytes.";
                }

                if (problem is null)
                {
                    upload.File = AddFile(upload.Filename, upload.Purpose, content.ToArray(), Now, processed: false);
                    upload.Status = "completed";
                    body = upload.ToJson(Now);
                }
            }
        }

        if (notFound)
        {
            await HttpResults.NotFound(context, $"No such Upload object: {id}", "upload_id").ConfigureAwait(false);
        }
        else if (problem is not null)
        {
            await HttpResults.BadRequest(context, problem, "part_ids").ConfigureAwait(false);
        }
        else
        {
            await Reply(context, body!).ConfigureAwait(false);
        }
    }

    private Task CancelUpload(HttpContext context)
    {
        var id = HttpResults.Route(context, "upload_id");
        JsonObject? body = null;
        string? problem = null;
        lock (_gate)
        {
            if (_uploads.TryGetValue(id, out var upload))
            {
                if (upload.EffectiveStatus(Now) != "pending")
                {
                    problem = $"Upload {id} is {upload.EffectiveStatus(Now)} and cannot be cancelled.";
                }
                else
                {
                    upload.Status = "cancelled";
                    body = upload.ToJson(Now);
                }
            }
        }

        if (body is not null)
        {
            return Reply(context, body);
        }

        return problem is null ? HttpResults.NotFound(context, $"No such Upload object: {id}", "upload_id") : HttpResults.BadRequest(context, problem, "upload_id");
    }
}
