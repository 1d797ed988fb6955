namespace FineTuning.Toolkit.Datasets;

/// <content>Splitting, shuffling, merging and de-duplication; each returns a new dataset.</content>
public sealed partial class Dataset
{
    /// <summary>
    /// Splits the dataset into training and validation parts, stratified by <see cref="DatasetExample.Category"/> and
    /// reproducible with <paramref name="seed"/>.
    /// </summary>
    /// <param name="validationFraction">The share of each category that goes to validation, strictly between 0 and 1.</param>
    /// <param name="seed">The seed of the random selection: the same seed on the same dataset gives the same split.</param>
    /// <returns>The training and validation parts: <c>var (train, validation) = dataset.Split(0.2, seed: 42);</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="validationFraction"/> is not strictly between 0 and 1.</exception>
    /// <remarks>
    /// <para>Examples with the same training content (exact duplicates) always land on the same side, so nothing the
    /// validation set holds was trained on. Each category (examples without one form their own group) sends
    /// round(<paramref name="validationFraction"/> × its size) of its examples to validation, at least one when it has two or
    /// more, and keeps at least one for training. Both parts keep the dataset's order.</para>
    /// </remarks>
    public (Dataset Train, Dataset Validation) Split(double validationFraction, int seed)
    {
        if (!(validationFraction > 0 && validationFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(validationFraction), validationFraction, "The validation fraction must be strictly between 0 and 1.");
        }

        // Units of identical content, grouped by the category of their first occurrence, in order of first appearance.
        var units = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var groups = new Dictionary<string, List<List<int>>>(StringComparer.Ordinal);
        var groupOrder = new List<List<List<int>>>();
        for (var i = 0; i < _examples.Length; i++)
        {
            var key = ExampleKeys.Key(_examples[i]);
            if (units.TryGetValue(key, out var unit))
            {
                unit.Add(i);
                continue;
            }

            unit = [i];
            units.Add(key, unit);
            var category = _examples[i].Category is { } c ? "c:" + c : "none";
            if (!groups.TryGetValue(category, out var group))
            {
                group = [];
                groups.Add(category, group);
                groupOrder.Add(group);
            }

            group.Add(unit);
        }

        var random = new Random(seed);
        var inValidation = new bool[_examples.Length];
        foreach (var group in groupOrder)
        {
            var take = (int)Math.Round(group.Count * validationFraction, MidpointRounding.AwayFromZero);
            if (group.Count >= 2)
            {
                take = Math.Clamp(take, 1, group.Count - 1);
            }

            var order = group.ToArray();
            for (var i = order.Length - 1; i > 0; i--)
            {
                var j = random.Next(i + 1);
                (order[i], order[j]) = (order[j], order[i]);
            }

            foreach (var unit in order.Take(take))
            {
                foreach (var index in unit)
                {
                    inValidation[index] = true;
                }
            }
        }

        var train = new List<DatasetExample>();
        var validation = new List<DatasetExample>();
        for (var i = 0; i < _examples.Length; i++)
        {
            (inValidation[i] ? validation : train).Add(_examples[i]);
        }

        return (Create(train), Create(validation));
    }

    /// <summary>Returns the examples in a random order, reproducible with <paramref name="seed"/>.</summary>
    /// <param name="seed">The seed: the same seed on the same dataset gives the same order.</param>
    /// <returns>The shuffled dataset.</returns>
    public Dataset Shuffle(int seed)
    {
        var items = _examples.ToArray();
        ExampleKeys.Shuffle(items, seed);
        return Create(items);
    }

    /// <summary>Returns this dataset's examples followed by <paramref name="other"/>'s (for example v1 plus targeted additions = v2).</summary>
    /// <param name="other">The dataset to append.</param>
    /// <returns>The merged dataset. Duplicates are kept; call <see cref="Deduplicate(IEqualityComparer{DatasetExample}?)"/> to drop them.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is <see langword="null"/>.</exception>
    public Dataset Merge(Dataset other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return other.Count == 0 ? this : Count == 0 ? other : new Dataset(_examples.AddRange(other._examples));
    }

    /// <summary>Returns the dataset without duplicate examples, keeping the first occurrence of each.</summary>
    /// <param name="comparer">
    /// How duplicates are recognised: <see cref="DatasetExample.ContentComparer"/> (the default) or
    /// <see cref="DatasetExample.NormalizedContentComparer"/>, which never compare category and tags, or a comparer of your own.
    /// </param>
    /// <returns>The de-duplicated dataset, in order.</returns>
    public Dataset Deduplicate(IEqualityComparer<DatasetExample>? comparer = null) => Create(ExampleKeys.Deduplicate(_examples, comparer));
}
