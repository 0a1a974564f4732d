using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace SensorStream.ServiceDefaults.Kafka;

/// <summary>
/// Runs the handling of one record again and again while it fails transiently (<see cref="RecordFailures"/>), waiting
/// with exponential backoff and jitter between attempts (Polly), until it succeeds, fails for another reason (which
/// propagates: permanent or a bug) or the role stops (<see cref="OperationCanceledException"/>). The caller has not
/// advanced any offset, so nothing is lost however long it takes.
/// </summary>
public sealed partial class TransientRetry
{
    private readonly ResiliencePipeline _pipeline;

    /// <summary>Creates the retry; <paramref name="isTransient"/> adds a role's own transient failures; each retry is logged to <paramref name="logger"/>.</summary>
    public TransientRetry(RetryOptions options, ILogger logger, string role, Func<Exception, bool>? isTransient = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = new ResiliencePipelineBuilder { TimeProvider = time ?? TimeProvider.System };
        _pipeline = builder.AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } e && RecordFailures.Classify(e, isTransient) == FailureKind.Transient),
            MaxRetryAttempts = int.MaxValue,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = options.InitialDelay,
            MaxDelay = options.MaxDelay,
            OnRetry = args =>
            {
                Retries++;
                LogRetrying(logger, role, args.AttemptNumber + 1, args.RetryDelay.TotalMilliseconds, args.Outcome.Exception?.Message ?? "unknown");
                return ValueTask.CompletedTask;
            },
        }).Build();
    }

    /// <summary>Attempts that failed transiently and were retried, since the start.</summary>
    public long Retries { get; private set; }

    /// <summary>Runs <paramref name="action"/> until it succeeds or fails for good; blocks the calling thread while it waits.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled while waiting.</exception>
    public T Execute<T>(Func<T> action, CancellationToken cancellationToken) =>
        _pipeline.Execute(static (state, _) => state(), action, cancellationToken);

    /// <summary>Runs <paramref name="action"/> until it succeeds or fails for good, waiting asynchronously between attempts.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled while waiting.</exception>
    public async Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> action, CancellationToken cancellationToken) =>
        await _pipeline.ExecuteAsync(static async (state, ct) => await state(ct).ConfigureAwait(false), action, cancellationToken).ConfigureAwait(false);

    [LoggerMessage(EventId = 9001, Level = LogLevel.Warning, Message = "{Role}: transient failure (attempt {Attempt}); the record is tried again in {DelayMs:0} ms, offsets held: {Reason}")]
    private static partial void LogRetrying(ILogger logger, string role, int attempt, double delayMs, string reason);
}
