namespace FineTuning.Toolkit.Benchmarks;

/// <summary>
/// A throughput harness: an end-to-end measurement that compares the toolkit with a naive baseline in the same process
/// and prints the figures and their ratio. Discovered by reflection; run with <c>harness &lt;name&gt;</c>.
/// </summary>
public interface IHarness
{
    /// <summary>Gets the name used on the command line.</summary>
    string Name { get; }

    /// <summary>Gets a one-line description.</summary>
    string Description { get; }

    /// <summary>Runs the harness and prints its figures.</summary>
    Task RunAsync(bool quick, CancellationToken cancellationToken);
}
