using System.Buffers;
using System.Text.Json;
using System.Threading.Channels;
using FineTuning.Toolkit.Datasets;
using FineTuning.Toolkit.Datasets.Jsonl;

namespace FineTuning.Toolkit.Validation;

/// <summary>
/// The streaming engine: a reader fills batches of lines, a bounded channel hands each batch to a worker task
/// (parse, check, count), and the results are aggregated in file order. At most a few batches are in flight, so memory
/// stays bounded whatever the size of the input, and all cores are used.
/// </summary>
internal static class ValidationPipeline
{
    public static async Task RunAsync(
        Func<Func<LineBatch, ValueTask>, CancellationToken, Task> produce,
        ExampleAnalyzer analyzer,
        ReportAggregator aggregator,
        int parallelism,
        Action<long>? onBatch,
        CancellationToken cancellationToken)
    {
        // Twice as many batches in flight as workers (plus one): a worker that finishes finds the next batch queued instead
        // of idling (and spinning) until the in-order aggregation has taken the oldest result; memory stays bounded. The
        // scheduler runs at most `parallelism` batches at once, one after the other on the same pool threads.
        var workers = new ConcurrentExclusiveSchedulerPair(TaskScheduler.Default, Math.Max(1, parallelism)).ConcurrentScheduler;
        var channel = Channel.CreateBounded<(Task<(LineResult[] Items, int Count)> Work, long EndOffset)>(new BoundedChannelOptions((Math.Max(1, parallelism) * 2) + 1)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });

        var producer = Task.Run(
            async () =>
            {
                try
                {
                    await produce(
                        async batch =>
                        {
                            var endOffset = batch.EndOffset;
                            var work = Task.Factory.StartNew(
                                () =>
                                {
                                    try
                                    {
                                        return analyzer.Analyze(batch);
                                    }
                                    finally
                                    {
                                        batch.Dispose();
                                    }
                                },
                                CancellationToken.None,
                                TaskCreationOptions.DenyChildAttach,
                                workers);
                            await channel.Writer.WriteAsync((work, endOffset), cancellationToken).ConfigureAwait(false);
                        },
                        cancellationToken).ConfigureAwait(false);
                    channel.Writer.TryComplete();
                }
                catch (Exception ex)
                {
                    channel.Writer.TryComplete(ex);
                }
            },
            CancellationToken.None);

        try
        {
            await foreach (var (work, endOffset) in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                var (results, count) = await work.ConfigureAwait(false);
                for (var i = 0; i < count; i++)
                {
                    aggregator.Add(in results[i]);
                }

                ExampleAnalyzer.ReturnResults(results);

                onBatch?.Invoke(endOffset);
            }
        }
        finally
        {
            await producer.ConfigureAwait(false);
        }
    }

    /// <summary>Produces the batches of a JSONL file; returns whether it started with a byte order mark.</summary>
    public static Task<bool> ProduceFileAsync(string path, int maxLineBytes, Func<LineBatch, ValueTask> emit, CancellationToken cancellationToken) =>
        ProduceStreamAsync(
            new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.Asynchronous | FileOptions.SequentialScan),
            leaveOpen: false,
            maxLineBytes,
            emit,
            cancellationToken);

    /// <summary>Produces the batches of a JSONL stream, read to its end; returns whether it started with a byte order mark.</summary>
    public static async Task<bool> ProduceStreamAsync(Stream stream, bool leaveOpen, int maxLineBytes, Func<LineBatch, ValueTask> emit, CancellationToken cancellationToken)
    {
        using var reader = new JsonlLineReader(stream, maxLineBytes, leaveOpen);
        var batch = new LineBatch();
        var exampleIndex = 0;
        try
        {
            while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false))
            {
                switch (reader.Kind)
                {
                    case JsonlLineKind.Blank:
                        batch.AddSpecial(reader.LineNumber, -1, JsonlLineKind.Blank, reader.LineLength);
                        break;
                    case JsonlLineKind.TooLong:
                        batch.AddSpecial(reader.LineNumber, exampleIndex++, JsonlLineKind.TooLong, reader.LineLength);
                        break;
                    default:
                        if (!batch.TryAdd(reader.LineNumber, exampleIndex, reader.LineSpan, null, null))
                        {
                            batch.EndOffset = reader.LineOffset;
                            await EmitAsync(HandOver(ref batch), emit).ConfigureAwait(false);
                            batch = new LineBatch(Math.Max(LineBatch.DefaultBufferSize, (int)reader.LineLength));
                            batch.TryAdd(reader.LineNumber, exampleIndex, reader.LineSpan, null, null);
                        }

                        exampleIndex++;
                        break;
                }

                if (batch.IsFull)
                {
                    batch.EndOffset = reader.LineOffset + reader.LineLength;
                    await EmitAsync(HandOver(ref batch), emit).ConfigureAwait(false);
                    batch = new LineBatch();
                }
            }

            // At the end of the stream everything was read, terminators and byte order mark included.
            batch.EndOffset = reader.BytesRead;
            await EmitAsync(HandOver(ref batch), emit, final: true).ConfigureAwait(false);
            return reader.HasByteOrderMark;
        }
        finally
        {
            batch?.Dispose();
        }
    }

    /// <summary>Produces the batches of a dataset: each example written as its JSONL line (line = index + 1).</summary>
    public static async Task<bool> ProduceDatasetAsync(Dataset dataset, Func<LineBatch, ValueTask> emit, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using var writer = new Utf8JsonWriter(buffer, JsonlExampleWriter.WriterOptions);
        var batch = new LineBatch(64 * 1024);
        long bytes = 0;
        try
        {
            for (var i = 0; i < dataset.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var example = dataset[i];
                buffer.ResetWrittenCount();
                writer.Reset(buffer);
                JsonlExampleWriter.Write(writer, example, includeMetadata: false, tolerant: true);
                writer.Flush();
                if (!batch.TryAdd(i + 1, i, buffer.WrittenSpan, example.Category, example))
                {
                    batch.EndOffset = bytes;
                    await EmitAsync(HandOver(ref batch), emit).ConfigureAwait(false);
                    batch = new LineBatch(Math.Max(64 * 1024, buffer.WrittenCount));
                    batch.TryAdd(i + 1, i, buffer.WrittenSpan, example.Category, example);
                }

                // Each example counts as its JSONL line with the line feed.
                bytes += buffer.WrittenCount + 1;
                if (batch.IsFull)
                {
                    batch.EndOffset = bytes;
                    await EmitAsync(HandOver(ref batch), emit).ConfigureAwait(false);
                    batch = new LineBatch(64 * 1024);
                }
            }

            batch.EndOffset = bytes;
            await EmitAsync(HandOver(ref batch), emit, final: true).ConfigureAwait(false);
            return false;
        }
        finally
        {
            batch?.Dispose();
        }
    }

    // Takes a batch out of the producer's hands before it is emitted: from then on its worker disposes it, and the
    // producer's clean-up (after a cancellation) must not return its pooled buffers while the worker still reads them.
    private static LineBatch HandOver(ref LineBatch? batch)
    {
        var handed = batch!;
        batch = null;
        return handed;
    }

    /// <summary>Hands a batch on; an empty one only when it is the final one (it carries the final byte count).</summary>
    private static async ValueTask EmitAsync(LineBatch batch, Func<LineBatch, ValueTask> emit, bool final = false)
    {
        if (batch.Slots.IsEmpty && !final)
        {
            batch.Dispose();
            return;
        }

        await emit(batch).ConfigureAwait(false);
    }
}
