using System.ClientModel;

namespace FineTuning.Toolkit.Jobs;

/// <summary>One logical API call: what to send, and, for creates, how to find what a lost response had created.</summary>
internal sealed class ApiCall
{
    public ApiCall(string operation, string method, string path)
    {
        Operation = operation;
        Method = method;
        Path = path;
    }

    /// <summary>Gets a short name for logs and errors, for example <c>create job</c>.</summary>
    public string Operation { get; }

    /// <summary>Gets the HTTP method.</summary>
    public string Method { get; }

    /// <summary>Gets the path relative to the endpoint, with its query.</summary>
    public string Path { get; }

    /// <summary>Gets or sets a factory of the body (called once per attempt), or <see langword="null"/>.</summary>
    public Func<BinaryContent>? Content { get; init; }

    /// <summary>Gets or sets the content type of the body.</summary>
    public string? ContentType { get; init; }

    /// <summary>
    /// Gets or sets a lookup run before every retry of a non-idempotent call: when it finds what an earlier attempt
    /// created (its response lost), that is returned instead of sending the call again.
    /// </summary>
    public Func<CancellationToken, ValueTask<BinaryData?>>? FindExisting { get; init; }
}
