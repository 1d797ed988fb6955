using System.ClientModel;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Chat;

namespace TechFlow.SupportAssistant;

/// <summary>
/// Creates <see cref="IChatClient"/>s for the models under test on the same endpoint and key the fine-tuning runs use
/// (OpenAI, or the emulator offline), so base and fine-tuned models are asked through exactly the same path.
/// </summary>
internal sealed class ChatClientFactory
{
    private readonly ApiKeyCredential _credential;
    private readonly OpenAIClientOptions _options;

    public ChatClientFactory(string apiKey, Uri? endpoint)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKey);
        _credential = new ApiKeyCredential(apiKey);
        _options = new OpenAIClientOptions();
        if (endpoint is not null)
        {
            _options.Endpoint = endpoint;
        }
    }

    public IChatClient Create(string model) => new ChatClient(model, _credential, _options).AsIChatClient();
}
