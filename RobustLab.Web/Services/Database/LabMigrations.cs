namespace RobustLab.Web.Services.Database;

/// <summary>The lab database's schema (registry/registry.db) as an ordered list of migrations; the last one is the version this code reads.</summary>
/// <remarks>
/// v1 is the model registry's table exactly as the first release created it, so a v1 file upgrades in place.
/// v2 adds experiments: one row per sweep, training run or Lab snapshot, with the columns the Experiments page searches,
/// filters and sorts on kept as plain columns, the configuration and results as JSON, and every streamed point as its
/// own row (experiment_points), so a point is committed the moment it is measured.
/// </remarks>
public static class LabMigrations
{
    public static IReadOnlyList<Migration> All { get; } =
    [
        new(1, "model registry", """
            CREATE TABLE models (
                name TEXT NOT NULL PRIMARY KEY COLLATE NOCASE,
                file TEXT NOT NULL UNIQUE,
                architecture TEXT NOT NULL,
                source TEXT NOT NULL CHECK (source IN ('Trained', 'Imported')),
                sha256 TEXT NOT NULL,
                size_bytes INTEGER NOT NULL,
                created_utc TEXT NOT NULL,
                metadata_json TEXT NOT NULL
            );
            """),
        new(2, "experiments", """
            CREATE TABLE experiments (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                kind TEXT NOT NULL CHECK (kind IN ('sweep', 'training', 'lab-snapshot')),
                name TEXT NOT NULL DEFAULT '',
                note TEXT NOT NULL DEFAULT '',
                status TEXT NOT NULL CHECK (status IN ('running', 'completed', 'cancelled', 'failed', 'interrupted')),
                status_message TEXT,
                created_utc TEXT NOT NULL,
                started_utc TEXT,
                ended_utc TEXT,
                models TEXT NOT NULL DEFAULT '',
                attack TEXT NOT NULL DEFAULT '',
                defense TEXT NOT NULL DEFAULT '',
                knob TEXT NOT NULL DEFAULT '',
                seed INTEGER,
                examples INTEGER,
                description TEXT NOT NULL DEFAULT '',
                software_version TEXT NOT NULL,
                imported_utc TEXT,
                models_json TEXT NOT NULL,
                config_json TEXT NOT NULL,
                result_json TEXT
            );
            CREATE INDEX experiments_created ON experiments (created_utc);
            CREATE INDEX experiments_status ON experiments (status);
            CREATE TABLE experiment_points (
                experiment_id INTEGER NOT NULL REFERENCES experiments (id) ON DELETE CASCADE,
                seq INTEGER NOT NULL,
                series TEXT NOT NULL,
                json TEXT NOT NULL,
                PRIMARY KEY (experiment_id, seq)
            ) WITHOUT ROWID;
            """),
    ];

    /// <summary>The schema version this code reads and writes.</summary>
    public static int Latest => All[^1].Version;
}
