namespace RobustLab.Web.Services.Database;

/// <summary>One step of the lab database's schema: the SQL that takes a database at version <c>Version − 1</c> to <paramref name="Version"/>.</summary>
/// <param name="Version">The schema version after this step (1, 2, …; no gaps).</param>
/// <param name="Description">What the step adds, for the log.</param>
/// <param name="Sql">DDL run inside the upgrade's transaction; never edited once released (a change is a new migration).</param>
public sealed record Migration(int Version, string Description, string Sql);
