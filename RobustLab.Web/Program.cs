using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using MudBlazor.Services;
using RobustLab.Web.Components;
using RobustLab.Web.Services;
using RobustLab.Web.Services.Experiments;
using RobustLab.Web.Services.Jobs;
using RobustLab.Web.Services.Lab;
using RobustLab.Web.Services.Limits;
using RobustLab.Web.Services.Registry;
using RobustLab.Web.Services.Sharing;
using RobustLab.Web.Services.Tradeoffs;
using RobustLab.Web.Services.Training;

var builder = WebApplication.CreateBuilder(args);

// All registrations in one place.
// The hub keeps SignalR's 32 KB MaximumReceiveMessageSize: images come from the browser as small pixel arrays, files as streams.
builder.Services.AddRazorComponents().AddInteractiveServerComponents()
    .AddHubOptions(hub => hub.AddFilter<CircuitLimitHubFilter>()); // refuses a new circuit past the circuit limits
builder.Services.AddMudServices();
builder.Services.Configure<LabOptions>(builder.Configuration.GetSection(LabOptions.Section));
builder.Services.AddSingleton(sp => LabPaths.Resolve(sp.GetRequiredService<IOptions<LabOptions>>().Value, builder.Environment.ContentRootPath));
builder.Services.AddSingleton<DefaultModelService>();
builder.Services.AddSingleton(sp => new ModelRegistry(
    new ModelRegistrySettings(sp.GetRequiredService<LabPaths>().RegistryDirectory, sp.GetRequiredService<LabPaths>().ModelsDirectory,
        sp.GetRequiredService<IOptions<LabOptions>>().Value.MaxModelFileBytes,
        sp.GetRequiredService<IOptions<LabOptions>>().Value.Registry.AllowTorchScript,
        TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<LabOptions>>().Value.Registry.TorchScriptLoadSeconds)),
    sp.GetRequiredService<ILogger<ModelRegistry>>()));
builder.Services.AddSingleton<ModelCards>(); // each registry model's card (layers, clean accuracy), computed once per version
// Saved experiments: in the same lab database as the registry; every sweep and training run is recorded.
builder.Services.AddOptions<ExperimentOptions>().Bind(builder.Configuration.GetSection(ExperimentOptions.Section))
    .Validate(o => o.IsValid, ExperimentOptions.Problem).ValidateOnStart();
builder.Services.AddSingleton<ExperimentStore>();
builder.Services.AddScoped<ExperimentRerun>();  // per circuit: re-runs a stored experiment as one of the user's jobs
builder.Services.AddSingleton<LabSnapshotRerun>(); // computes a stored Lab snapshot again (its own networks per call)
// Heavy work: one bounded queue for everyone; each circuit (one user) reaches it through its own CircuitJobs.
builder.Services.AddOptions<JobQueueOptions>().Bind(builder.Configuration.GetSection(JobQueueOptions.Section)).ValidateOnStart();
builder.Services.AddSingleton<IValidateOptions<JobQueueOptions>, JobQueueOptionsValidator>();
builder.Services.AddSingleton<JobQueue>();
builder.Services.AddScoped<CircuitJobs>();
builder.Services.AddScoped<CircuitHandler, ConnectionLossHandler>(); // a lost connection cancels the circuit's job at once
builder.Services.AddSingleton<TrainingData>();
builder.Services.AddScoped<TrainingSession>();
builder.Services.AddSingleton<LabResources>();   // shared, immutable once loaded: weights, MNIST test set, predictions
builder.Services.AddScoped<LabState>();          // per circuit: the Lab page's settings
builder.Services.AddScoped<LabService>();        // per circuit: its networks and the latest-wins computation
builder.Services.AddScoped<RobustLab.Web.Services.Masking.MaskingCheck>(); // per circuit: the gradient-masking check, one of its jobs
builder.Services.AddScoped<SweepSession>();      // per circuit: the Trade-offs page's settings, run and plot
// Holding a classroom: the limits of "RobustLab:Limits", checked at startup; live circuits counted per client and in total.
builder.Services.AddOptions<LimitsOptions>().Bind(builder.Configuration.GetSection(LimitsOptions.Section)).ValidateOnStart();
builder.Services.AddSingleton<IValidateOptions<LimitsOptions>, LimitsOptionsValidator>();
builder.Services.AddSingleton<CircuitLimiter>();
builder.Services.AddSingleton<CircuitLimitHubFilter>();
builder.Services.AddScoped<CircuitHandler, CircuitCounter>(); // per circuit: holds its place until the circuit closes
// Links that carry a page's settings: how long they may be.
builder.Services.AddOptions<SharingOptions>().Bind(builder.Configuration.GetSection(SharingOptions.Section)).ValidateOnStart();
builder.Services.AddSingleton<IValidateOptions<SharingOptions>, SharingOptionsValidator>();

var app = builder.Build();

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
}
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseAntiforgery();
app.UseMiddleware<CircuitLimitGate>(); // past the circuit limits, an interactive page is answered with "the lab is full" (503)

app.MapStaticAssets();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
app.MapModelDownloads();
app.MapModelImport();
app.MapExperimentEndpoints();
app.MapLimitsEndpoints();

try
{
    // Upgrade the lab database and mark the experiments a previous run left "running" as interrupted, before anyone asks.
    app.Services.GetRequiredService<ExperimentStore>().EnsureOpen();
}
catch (ExperimentException e)
{
    app.Logger.LogError("The experiments are unavailable: {Message}", e.Message);
}

if (app.Services.GetRequiredService<IOptions<LabOptions>>().Value.WarmUpOnStartup)
{
    // Load the default model and evaluate it in the background as soon as the app listens.
    app.Lifetime.ApplicationStarted.Register(() => app.Services.GetRequiredService<DefaultModelService>().EnsureStarted());
}

try
{
    app.Run();
}
catch (OptionsValidationException e)
{
    // A setting out of range: say which, in one line per problem, rather than with a stack trace.
    Console.Error.WriteLine("RobustLab cannot start: a setting in appsettings.json (or its environment override) is out of range:");
    foreach (var failure in e.Failures) Console.Error.WriteLine($"  {failure}");
    Environment.ExitCode = 1;
}
catch (InvalidOperationException e) when (e.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal))
{
    Console.Error.WriteLine($"RobustLab cannot start: {e.Message} {e.InnerException?.Message}");
    Environment.ExitCode = 1;
}

/// <summary>Entry point, public so that WebApplicationFactory&lt;Program&gt; can host the app in tests.</summary>
public partial class Program;
