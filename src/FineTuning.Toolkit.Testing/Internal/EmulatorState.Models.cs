using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace FineTuning.Toolkit.Testing.Internal;

internal sealed partial class EmulatorState
{
    private void MapModels(WebApplication app)
    {
        app.MapGet(Prefix + "/models", ListModels);
        app.MapGet(Prefix + "/models/{model}", RetrieveModel);
        app.MapDelete(Prefix + "/models/{model}", DeleteModel);
    }

    private EmulatedModel? FindModel(string id)
    {
        if (_models.TryGetValue(id, out var model))
        {
            return model;
        }

        return Options.BaseModels.Contains(id, StringComparer.Ordinal)
            ? new EmulatedModel { Id = id, Created = _baseModelsCreated, OwnedBy = "system" }
            : null;
    }

    private Task ListModels(HttpContext context)
    {
        JsonObject body;
        lock (_gate)
        {
            AdvanceAll(Now);
            var all = Options.BaseModels.Select(FindModel).Concat(_models.Values).Where(m => m is not null).Select(m => (JsonNode)ModelJson(m!)).ToArray();
            body = new JsonObject { ["object"] = "list", ["data"] = new JsonArray(all) };
        }

        return Reply(context, body);
    }

    private Task RetrieveModel(HttpContext context)
    {
        var id = HttpResults.Route(context, "model");
        JsonObject? body;
        lock (_gate)
        {
            AdvanceAll(Now);
            body = FindModel(id) is { } found ? ModelJson(found) : null;
        }

        return body is null ? ModelNotFound(context, id) : Reply(context, body);
    }

    private Task DeleteModel(HttpContext context)
    {
        var id = HttpResults.Route(context, "model");
        EmulatedModel? model;
        lock (_gate)
        {
            AdvanceAll(Now);
            model = FindModel(id);
            if (model is { IsFineTuned: true })
            {
                _models.Remove(id);
            }
        }

        if (model is null)
        {
            return ModelNotFound(context, id);
        }

        if (!model.IsFineTuned)
        {
            return HttpResults.Error(context, StatusCodes.Status403Forbidden, "You have insufficient permissions for this operation: only fine-tuned models your organization owns can be deleted.", param: "model", code: "insufficient_permissions");
        }

        return Reply(context, new JsonObject { ["id"] = id, ["object"] = "model", ["deleted"] = true });
    }

    private static Task ModelNotFound(HttpContext context, string id) =>
        HttpResults.NotFound(context, $"The model '{id}' does not exist or you do not have access to it.", "model");
}
