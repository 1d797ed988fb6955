using System.Diagnostics;

namespace FineTuning.Toolkit.Benchmarks;

/// <summary>Starts this benchmark program again as a child process (so each measurement has its own peak memory).</summary>
internal static class ChildProcess
{
    public static Process Start(params string[] arguments)
    {
        var host = Environment.ProcessPath!;
        var info = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardInput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            info.ArgumentList.Add(typeof(ChildProcess).Assembly.Location);
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return Process.Start(info)!;
    }
}
