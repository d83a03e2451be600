using System.ComponentModel.DataAnnotations;

namespace DiscoveryPortal.Indexer.Catalog;

/// <summary>Section "Catalog": where the catalogue lives and which backend serves it.</summary>
public sealed class CatalogOptions : IValidatableObject
{
    public const string Section = "Catalog";

    /// <summary>The backends there are; <see cref="Backend"/> names one.</summary>
    public static IReadOnlyList<string> Backends { get; } = [Sqlite.SqliteStorage.Backend, PostgreSql.PostgreSqlStorage.Backend];

    /// <summary>"sqlite" (one embedded file, the default) or "postgresql" (a database any number of portal nodes share).</summary>
    public string Backend { get; set; } = Sqlite.SqliteStorage.Backend;

    /// <summary>SQLite database file; relative paths are resolved against the data root (the folder holding data-samples/). With PostgreSQL, it only places the index folder's default.</summary>
    [Required]
    public string Path { get; set; } = "App_Data/catalog.db";

    /// <summary>PostgreSQL: the primary's Npgsql connection string (writes, and reads that must be current).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>PostgreSQL: a hot standby's connection string for reads that may lag; the primary answers them when it is down or unset.</summary>
    public string? ReadConnectionString { get; set; }

    /// <summary>The search index's folder; by default beside the catalogue file (<c>catalog.db</c> → <c>catalog.index</c>). It can always be rebuilt from the catalogue.</summary>
    public string? IndexPath { get; set; }

    /// <summary>The mission alias table shared by all connectors.</summary>
    [Required]
    public string MissionVocabulary { get; set; } = "data-samples/vocabulary/missions.yaml";

    /// <summary>The object names search resolves to sky positions (OpenNGC, the curated famous objects, constellations).</summary>
    [Required]
    public string Names { get; set; } = "data-samples/names";

    /// <summary>Seed files loaded into an empty catalogue on first start.</summary>
    public string SeedDirectory { get; set; } = "data-samples/seed";

    /// <summary>The harvestable sources; those marked <c>seed</c> are harvested into an empty catalogue too.</summary>
    public string Sources { get; set; } = "data-samples/sources.yaml";

    /// <summary>The compute facilities launches can use (read on every launch, so edits apply at once).</summary>
    public string Facilities { get; set; } = "data-samples/facilities.yaml";

    /// <summary>How long a write waits for another process writing the catalogue before it gives up as busy.</summary>
    [Range(1, 3600)]
    public int BusySeconds { get; set; } = 30;

    /// <summary>Seed an empty catalogue on start.</summary>
    public bool SeedOnStart { get; set; } = true;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Backends.Contains(Backend))
        {
            yield return new ValidationResult($"Catalog:Backend must be one of {string.Join(", ", Backends.Select(b => $"'{b}'"))}, not '{Backend}'.", [nameof(Backend)]);
        }
        else if (Backend == PostgreSql.PostgreSqlStorage.Backend && string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return new ValidationResult("Catalog:Backend 'postgresql' needs Catalog:ConnectionString (such as 'Host=127.0.0.1;Port=5433;Database=portal;Username=portal;Password=...').", [nameof(ConnectionString)]);
        }
    }
}
