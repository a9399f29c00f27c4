using EqualFooting.Persistence;
using EqualFooting.Web.Accounts;
using EqualFooting.Web.Consultations;
using EqualFooting.Web.Demo;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace EqualFooting.Web.Hosting;

/// <summary>
/// Work before the server accepts requests: migrate, load the demo on a first start, and say how to create the first
/// administrator. It runs in StartingAsync, before the server starts listening, so /healthz answering means ready;
/// being a hosted service, it runs the same way under the test host.
/// </summary>
internal sealed class StartupTasks(
    IServiceProvider services,
    IConfiguration configuration,
    AdministratorSetup setup,
    IServer server,
    TimeProvider clock,
    ILogger<StartupTasks> logger) : IHostedLifecycleService
{
    private const string Rule = "------------------------------------------------------------------------";

    private bool _announceSetup;

    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EqualFootingDb>();
        await EqualFooting.Persistence.Database.MigrateAsync(db, cancellationToken);

        if (configuration.GetValue("Demo:Enabled", true))
        {
            // The demo promises a form-letter campaign: look for it now, so it is there on the first visit rather
            // than after the first new comment signals background detection.
            if (await DemoData.LoadIfEmptyAsync(db, clock, cancellationToken) is { } consultation)
            {
                await scope.ServiceProvider.GetRequiredService<CampaignCommands>().DetectInBackgroundAsync(consultation, cancellationToken);
            }
        }

        _announceSetup = !await AdministratorSetup.AdministratorExistsAsync(db, cancellationToken);
    }

    public Task StartedAsync(CancellationToken cancellationToken)
    {
        if (_announceSetup)
        {
            var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "";
            // Information, not a warning: nothing is wrong, it is the next step. Framed so it stands out among the
            // start-up lines all the same.
            logger.LogInformation(
                Rule + "\nNo administrator yet. To create the first one, open {Address}/setup?token={Token} (the token is valid until this server stops), or register and run: dotnet run --project src/EqualFooting.Web -- promote-admin EMAIL\n" + Rule,
                address.TrimEnd('/'),
                setup.Token);
        }

        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
