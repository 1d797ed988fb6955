using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace FineTuning.Toolkit.Testing.Internal;

/// <summary>The Azure Resource Manager side of the Azure dialect: deployments of (fine-tuned) models. A fine-tuned
/// model answers chat only through a deployment that has <c>Succeeded</c>.</summary>
internal sealed partial class EmulatorState
{
    public const string ManagementPrefix = "/subscriptions/";

    private const string AccountRoute = "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.CognitiveServices/accounts/{accountName}/deployments";

    private static readonly string[] DeploymentSkus = ["standard", "globalstandard", "developertier"];

    private readonly Dictionary<string, EmulatedDeployment> _deployments = new(StringComparer.OrdinalIgnoreCase);

    private void MapDeployments(WebApplication app)
    {
        app.MapGet(AccountRoute, ListDeployments);
        app.MapPut(AccountRoute + "/{deploymentName}", PutDeploymentAsync);
        app.MapGet(AccountRoute + "/{deploymentName}", GetDeployment);
        app.MapDelete(AccountRoute + "/{deploymentName}", DeleteDeployment);
    }

    /// <summary>The model a chat request addresses by deployment name, or <see langword="null"/> (DeploymentNotFound).
    /// Base models count as deployed under their own names. The caller holds the lock.</summary>
    private EmulatedModel? DeployedModel(string deploymentName)
    {
        ExpireDeployments();
        if (_deployments.TryGetValue(deploymentName, out var deployment) && deployment.IsSucceeded(Now))
        {
            deployment.LastUsedAt = Now;
            return FindModel(deployment.Model);
        }

        return Options.BaseModels.Contains(deploymentName, StringComparer.Ordinal) ? FindModel(deploymentName) : null;
    }

    private void ExpireDeployments()
    {
        foreach (var expired in _deployments.Values.Where(d => d.IsExpired(Now)).ToList())
        {
            _deployments.Remove(expired.Name);
        }
    }

    private Task ListDeployments(HttpContext context)
    {
        if (AccountProblem(context) is { } problem)
        {
            return problem;
        }

        JsonObject body;
        lock (_gate)
        {
            AdvanceAll(Now);
            ExpireDeployments();
            body = new JsonObject { ["value"] = new JsonArray(_deployments.Values.Select(d => (JsonNode)d.ToJson(Now)).ToArray()) };
        }

        return Reply(context, body);
    }

    private async Task PutDeploymentAsync(HttpContext context)
    {
        if (AccountProblem(context) is { } problem)
        {
            await problem.ConfigureAwait(false);
            return;
        }

        var name = HttpResults.Route(context, "deploymentName");
        var request = await HttpResults.ReadJsonObjectAsync(context).ConfigureAwait(false);
        var sku = HttpResults.Text(request?["sku"]?["name"]);
        var model = HttpResults.Text(request?["properties"]?["model"]?["name"]);
        var capacity = request?["sku"]?["capacity"] is JsonValue c && c.TryGetValue<int>(out var value) ? value : 1;
        if (sku is null || !DeploymentSkus.Contains(sku, StringComparer.OrdinalIgnoreCase) || capacity < 1)
        {
            await AzureJson.Error(context, StatusCodes.Status400BadRequest, "InvalidResourceProperties", $"The specified SKU '{sku}' for model deployment is not supported. Use Standard, GlobalStandard or DeveloperTier with a capacity of 1 or more.").ConfigureAwait(false);
            return;
        }

        JsonObject? body = null;
        var created = false;
        lock (_gate)
        {
            AdvanceAll(Now);
            ExpireDeployments();
            if (model is not null && FindModel(model) is not null)
            {
                created = !_deployments.ContainsKey(name);
                var deployment = new EmulatedDeployment
                {
                    ResourceId = context.Request.Path.Value!,
                    Name = name,
                    Model = model,
                    Sku = sku,
                    Capacity = capacity,
                    CreatedAt = Now,
                    SucceedsAt = Now + Options.DeploymentProvisioningDuration,
                    LastUsedAt = Now,
                };
                _deployments[name] = deployment;
                body = deployment.ToJson(Now);
            }
        }

        if (body is null)
        {
            await AzureJson.Error(context, StatusCodes.Status400BadRequest, "DeploymentModelNotSupported", $"The model '{model}' is not supported for deployment in this account, or does not exist.").ConfigureAwait(false);
            return;
        }

        await HttpResults.Json(context, body, created ? StatusCodes.Status201Created : StatusCodes.Status200OK).ConfigureAwait(false);
    }

    private Task GetDeployment(HttpContext context)
    {
        if (AccountProblem(context) is { } problem)
        {
            return problem;
        }

        var name = HttpResults.Route(context, "deploymentName");
        JsonObject? body;
        lock (_gate)
        {
            AdvanceAll(Now);
            ExpireDeployments();
            body = _deployments.TryGetValue(name, out var deployment) ? deployment.ToJson(Now) : null;
        }

        return body is null ? ResourceNotFound(context, name) : Reply(context, body);
    }

    private Task DeleteDeployment(HttpContext context)
    {
        if (AccountProblem(context) is { } problem)
        {
            return problem;
        }

        bool removed;
        lock (_gate)
        {
            ExpireDeployments();
            removed = _deployments.Remove(HttpResults.Route(context, "deploymentName"));
        }

        context.Response.StatusCode = removed ? StatusCodes.Status200OK : StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    }

    /// <summary>ARM's answers for a missing <c>api-version</c> or another subscription, resource group or account.</summary>
    private Task? AccountProblem(HttpContext context)
    {
        if (HttpResults.QueryString(context, "api-version") is null)
        {
            return AzureJson.Error(context, StatusCodes.Status400BadRequest, "MissingApiVersionParameter", "The api-version query parameter (?api-version=) is required for all requests.");
        }

        var subscription = HttpResults.Route(context, "subscriptionId");
        if (!string.Equals(subscription, Options.AzureSubscriptionId, StringComparison.OrdinalIgnoreCase))
        {
            return AzureJson.Error(context, StatusCodes.Status404NotFound, "SubscriptionNotFound", $"The subscription '{subscription}' could not be found.");
        }

        var group = HttpResults.Route(context, "resourceGroupName");
        var account = HttpResults.Route(context, "accountName");
        if (!string.Equals(group, Options.AzureResourceGroup, StringComparison.OrdinalIgnoreCase))
        {
            return AzureJson.Error(context, StatusCodes.Status404NotFound, "ResourceGroupNotFound", $"Resource group '{group}' could not be found.");
        }

        return string.Equals(account, Options.AzureAccountName, StringComparison.OrdinalIgnoreCase)
            ? null
            : AzureJson.Error(context, StatusCodes.Status404NotFound, "ResourceNotFound", $"The Resource 'Microsoft.CognitiveServices/accounts/{account}' under resource group '{group}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix");
    }

    private Task ResourceNotFound(HttpContext context, string name) =>
        AzureJson.Error(context, StatusCodes.Status404NotFound, "ResourceNotFound", $"The Resource 'Microsoft.CognitiveServices/accounts/{Options.AzureAccountName}/deployments/{name}' under resource group '{Options.AzureResourceGroup}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix");
}
