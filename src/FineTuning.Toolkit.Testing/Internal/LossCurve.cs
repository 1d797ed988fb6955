namespace FineTuning.Toolkit.Testing.Internal;

/// <summary>A plausible, seeded training curve: loss decays exponentially towards a floor, with a little noise,
/// and token accuracy rises as loss falls.</summary>
internal sealed class LossCurve
{
    private readonly long _seed;
    private readonly int _totalSteps;
    private readonly double _start;
    private readonly double _floor;
    private readonly double _rate;

    public LossCurve(long seed, int totalSteps)
    {
        _seed = seed;
        _totalSteps = Math.Max(1, totalSteps);
        _start = 1.6 + DeterministicNoise.Uniform(seed, -1, 1);
        _floor = 0.12 + (0.25 * DeterministicNoise.Uniform(seed, -1, 2));
        _rate = 3.0 + (2.0 * DeterministicNoise.Uniform(seed, -1, 3));
    }

    public double TrainLoss(int step) => Math.Max(0.01, Smooth(step) + (0.04 * DeterministicNoise.Gaussian(_seed, step, 10)));

    public double TrainAccuracy(int step) => Accuracy(TrainLoss(step), step, 11);

    public double ValidLoss(int step) => Math.Max(0.01, (Smooth(step) * 1.08) + 0.03 + (0.05 * DeterministicNoise.Gaussian(_seed, step, 12)));

    public double ValidAccuracy(int step) => Accuracy(ValidLoss(step), step, 13);

    private double Smooth(int step) => _floor + ((_start - _floor) * Math.Exp(-_rate * step / _totalSteps));

    private double Accuracy(double loss, int step, int channel)
    {
        var progress = 1.0 - Math.Clamp((loss - _floor) / (_start - _floor), 0.0, 1.0);
        var accuracy = 0.55 + (0.4 * progress) + (0.01 * DeterministicNoise.Gaussian(_seed, step, channel));
        return Math.Clamp(accuracy, 0.0, 1.0);
    }
}
