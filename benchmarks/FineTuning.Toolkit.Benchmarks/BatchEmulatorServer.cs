using FineTuning.Toolkit.Testing;

namespace FineTuning.Toolkit.Benchmarks;

/// <summary>
/// The remote service of the batch benchmark: an emulator in its own process (its stored files do not count towards the
/// comparer's memory), on a clock running <c>speed</c> times faster than real time. Prints its endpoint, then serves
/// until its standard input closes.
/// </summary>
internal static class BatchEmulatorServer
{
    public static async Task<int> RunAsync(string[] args)
    {
        var speed = args.Length > 0 ? double.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 600;
        await using var emulator = await OpenAIEmulator.StartAsync(new OpenAIEmulatorOptions { SpeedFactor = speed });
        Console.WriteLine($"ENDPOINT {emulator.Endpoint} {emulator.ApiKey}");
        Console.Out.Flush();
        await Console.In.ReadToEndAsync();
        return 0;
    }
}
