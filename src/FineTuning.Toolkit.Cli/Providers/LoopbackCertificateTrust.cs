using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace FineTuning.Toolkit.Cli.Providers;

/// <summary>
/// Trusts one pinned certificate (a local emulator's development certificate, exported as PEM) for loopback hosts only;
/// every other host, and any other certificate, gets the platform's normal validation.
/// </summary>
internal static class LoopbackCertificateTrust
{
    public static HttpMessageHandler CreateHandler(string? pemPath)
    {
        if (pemPath is null)
        {
            return new HttpClientHandler();
        }

        if (!File.Exists(pemPath))
        {
            throw new CliUsageException($"--trust-certificate: no such file '{pemPath}'.");
        }

        var pinned = X509Certificate2.CreateFromPem(File.ReadAllText(pemPath)).RawData;
        return new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (request, certificate, _, errors) =>
                errors == SslPolicyErrors.None
                || (request.RequestUri is { IsLoopback: true } && certificate is not null && certificate.RawDataMemory.Span.SequenceEqual(pinned)),
        };
    }
}
