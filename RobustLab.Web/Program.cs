using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.Options;
using Radzen;
using RobustLab.Web.Components;
using RobustLab.Web.Services;
using RobustLab.Web.Services.Jobs;
using RobustLab.Web.Services.Lab;
using RobustLab.Web.Services.Registry;
using RobustLab.Web.Services.Tradeoffs;
using RobustLab.Web.Services.Training;

var builder = WebApplication.CreateBuilder(args);

// All registrations in one place.
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddRadzenComponents();
builder.Services.Configure<LabOptions>(builder.Configuration.GetSection(LabOptions.Section));
builder.Services.AddSingleton(sp => LabPaths.Resolve(sp.GetRequiredService<IOptions<LabOptions>>().Value, builder.Environment.ContentRootPath));
builder.Services.AddSingleton<DefaultModelService>();
builder.Services.AddSingleton(sp => new ModelRegistry(
    new ModelRegistrySettings(sp.GetRequiredService<LabPaths>().RegistryDirectory, sp.GetRequiredService<LabPaths>().ModelsDirectory,
        sp.GetRequiredService<IOptions<LabOptions>>().Value.MaxModelFileBytes),
    sp.GetRequiredService<ILogger<ModelRegistry>>()));
// Heavy work: one bounded queue for everyone; each circuit (one user) reaches it through its own CircuitJobs.
builder.Services.Configure<JobQueueOptions>(builder.Configuration.GetSection(JobQueueOptions.Section));
builder.Services.AddSingleton<JobQueue>();
builder.Services.AddScoped<CircuitJobs>();
builder.Services.AddScoped<CircuitHandler, ConnectionLossHandler>(); // a lost connection cancels the circuit's job at once
builder.Services.AddSingleton<TrainingData>();
builder.Services.AddScoped<TrainingSession>();
builder.Services.AddSingleton<LabResources>();   // shared, immutable once loaded: weights, MNIST test set, predictions
builder.Services.AddScoped<LabState>();          // per circuit: the Lab page's settings
builder.Services.AddScoped<LabService>();        // per circuit: its networks and the latest-wins computation
builder.Services.AddScoped<SweepSession>();      // per circuit: the Trade-offs page's settings, run and plot

var app = builder.Build();

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
}
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseAntiforgery();

app.MapStaticAssets();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
app.MapModelDownloads();
app.MapModelImport();

if (app.Services.GetRequiredService<IOptions<LabOptions>>().Value.WarmUpOnStartup)
{
    // Load the default model and evaluate it in the background as soon as the app listens.
    app.Lifetime.ApplicationStarted.Register(() => app.Services.GetRequiredService<DefaultModelService>().EnsureStarted());
}

app.Run();

/// <summary>Entry point, public so that WebApplicationFactory&lt;Program&gt; can host the app in tests.</summary>
public partial class Program;
