using DiscoveryPortal.Indexer.Catalog;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DiscoveryPortal.Indexer.Search;

/// <summary>
/// Keeps the index in step with the catalogue: reads the changes numbered after the index's position
/// and hands them over, in order. Writers call it after each commit with the changes they made (so
/// nothing is read back); the background loop calls it to pick up what another process wrote.
/// </summary>
public sealed class IndexFollower(ICatalogStore catalog, ISearchIndex index, ILogger<IndexFollower> logger)
{
    public const int BatchSize = 5000;

    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Brings the index up to the catalogue's latest change; returns how many changes it applied.</summary>
    public async Task<long> CatchUpAsync(IReadOnlyList<CatalogChange>? handed, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var latest = await catalog.PositionAsync(ct);
            var at = index.Position;
            if (at.CatalogId != latest.CatalogId || at.Sequence > latest.Sequence)
            {
                logger.LogInformation(at.CatalogId is null ? "The index is new; building it from the catalogue"
                    : "The index was built from another catalogue, or is ahead of this one; rebuilding it from the catalogue");
                await index.ResetAsync(latest.CatalogId, ct);
            }
            long applied = 0;
            if (handed is { Count: > 0 } && handed[0].Sequence == index.Position.Sequence + 1 && Contiguous(handed))
            {
                if (!await index.ApplyAsync(handed, ct))
                {
                    return 0;
                }
                applied += handed.Count;
            }
            while (index.Position.Sequence < latest.Sequence)
            {
                var before = index.Position.Sequence;
                var changes = await catalog.ChangesAsync(before, BatchSize, ct);
                // Stops when nothing is left, the index cannot take them, or it took them without moving on.
                if (changes.Count == 0 || !await index.ApplyAsync(changes, ct) || index.Position.Sequence <= before)
                {
                    break;
                }
                applied += changes.Count;
            }
            return applied;
        }
        finally
        {
            _gate.Release();
        }
    }

    private static bool Contiguous(IReadOnlyList<CatalogChange> changes)
    {
        for (var i = 1; i < changes.Count; i++)
        {
            if (changes[i].Sequence != changes[i - 1].Sequence + 1)
            {
                return false;
            }
        }
        return true;
    }
}

/// <summary>Brings the index up to date before the host serves, then follows other processes' writes every half second.</summary>
public sealed class IndexFollowerService(IndexFollower follower, ISearchIndex index, ILogger<IndexFollowerService> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var applied = await follower.CatchUpAsync(null, cancellationToken);
        if (applied > 0)
        {
            logger.LogInformation("The index caught up with {Count} catalogue changes", applied);
        }
        // One search through every step (analysis, understanding, scoring, snippets) before the first visitor's.
        try
        {
            await index.SearchAsync(new SearchRequest { Query = Query.QueryParser.Parse("hubble spectra of m51 2020"), Size = 1 }, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "The warm-up search failed");
        }
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await follower.CatchUpAsync(null, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Following the catalogue failed; trying again");
            }
        }
    }
}
