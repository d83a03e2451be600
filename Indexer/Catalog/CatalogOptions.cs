using System.ComponentModel.DataAnnotations;

namespace DiscoveryPortal.Indexer.Catalog;

/// <summary>Section "Catalog": where the catalogue lives and which backend serves it.</summary>
public sealed class CatalogOptions
{
    public const string Section = "Catalog";

    /// <summary>Only "sqlite" today; PostgreSQL is the planned second backend.</summary>
    [RegularExpression("^sqlite$", ErrorMessage = "Catalog:Backend must be 'sqlite'.")]
    public string Backend { get; set; } = "sqlite";

    /// <summary>SQLite database file; relative paths are resolved against the data root (the folder holding data-samples/).</summary>
    [Required]
    public string Path { get; set; } = "App_Data/catalog.db";

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
}
