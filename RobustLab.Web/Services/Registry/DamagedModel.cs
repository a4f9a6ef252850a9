namespace RobustLab.Web.Services.Registry;

/// <summary>A registered model whose database row is damaged: its name as stored, and what is wrong (a sentence naming it).</summary>
public sealed record DamagedModel(string Name, string Problem);
