using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace EqualFooting.Browser.Tests;

/// <summary>
/// The real site on Kestrel with a fresh SQLite file and the demo process loaded, plus one headless Chromium shared
/// by every test in the collection. Tests take a new browser context each, so cookies never leak between them.
/// </summary>
public sealed class Site : IAsyncLifetime
{
    private readonly string databasePath = Path.Combine(Path.GetTempPath(), $"equalfooting-browser-{Guid.NewGuid():N}.db");

    // One key per site: two sites start at once, and neither writes into the source tree.
    private readonly string keyPath = Path.Combine(Path.GetTempPath(), $"equalfooting-browser-key-{Guid.NewGuid():N}.pem");
    private WebApp? app;
    private IPlaywright? playwright;
    private IBrowser? browser;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The running site's services, for set-up a browser cannot do (a background sweep run at a given time).</summary>
    public IServiceProvider Services => app?.Services ?? throw new InvalidOperationException("The site has not started.");

    public async Task InitializeAsync()
    {
        // The machine is shared with other builds; the default 5 s is tight for a first page render under load.
        Assertions.SetDefaultExpectTimeout(15_000);

        app = new WebApp(databasePath, keyPath);
        app.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        app.StartServer();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        BaseAddress = new Uri(address);

        // Settings given to the factory reach Program's builder only at a certain point of its start-up; if that ever
        // changes, the tests would quietly run against the default database file instead of a fresh one.
        if (!File.Exists(databasePath))
        {
            throw new InvalidOperationException($"The site did not create the test database at {databasePath}; check that the factory's settings reach Program.");
        }

        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            // Playwright cannot download its own browser here; the distribution's Chromium is close enough in version.
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <param name="timeZone">
    /// The browser's zone. UTC by default, so that timezone.js has nothing to change and never reloads a page a test is
    /// filling in.
    /// </param>
    /// <param name="viewport">The window's size; Playwright's 1280 × 720 when omitted.</param>
    /// <param name="locale">The browser's language, which the site follows through Accept-Language.</param>
    /// <param name="javaScript">False for a reader with JavaScript off.</param>
    /// <param name="width">The viewport's width in CSS pixels, for phone layouts (390), when no viewport is given.</param>
    public async Task<IBrowserContext> NewContextAsync(string timeZone = "UTC", ViewportSize? viewport = null, string locale = "en-GB", bool javaScript = true, int? width = null) =>
        await browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            // The site picks its language from Accept-Language; the tests read English labels unless told otherwise.
            Locale = locale,
            TimezoneId = timeZone,
            ViewportSize = viewport ?? (width is { } w ? new ViewportSize { Width = w, Height = 844 } : null),
            JavaScriptEnabled = javaScript,
        });

    /// <summary>
    /// Recomputes a conversation's opinion map from every stored vote, as the background worker does a few seconds
    /// after voting, so a test reads the map of all its votes without waiting for the worker.
    /// </summary>
    public Task RefreshOpinionMapAsync(int conversationId) =>
        app!.Services.GetRequiredService<EqualFooting.Web.Conversations.ConversationAnalyses>().RefreshAsync(conversationId, CancellationToken.None);

    /// <summary>Makes a registered account an administrator, as the promote-admin command does, so a test can run a process of its own.</summary>
    public async Task MakeAdministratorAsync(string email)
    {
        await using var scope = app!.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EqualFooting.Persistence.EqualFootingDb>();
        var account = db.Users.Single(u => u.Email == email);
        account.IsAdministrator = true;
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
        if (app is not null)
        {
            await app.DisposeAsync();
        }

        // Pooled connections keep the file open; release them so the files can go.
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { databasePath, databasePath + "-wal", databasePath + "-shm", keyPath })
        {
            File.Delete(file);
        }
    }

    private sealed class WebApp(string databasePath, string keyPath) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("Database:Provider", "Sqlite");
            builder.UseSetting("ConnectionStrings:Default", $"Data Source={databasePath}");
            builder.UseSetting("Demo:Enabled", "true");
            builder.UseSetting("Record:SigningKeyPath", keyPath);
            // Every test registers an account from the same address; the production limits would throttle the run.
            builder.UseSetting("RateLimits:WritesPerMinute", "10000");
            builder.UseSetting("RateLimits:AccountAttemptsPerMinute", "10000");
            builder.UseSetting("SignIn:FreeFailuresPerSource", "10000");

            // Hashing at Identity's production work factor is not what these tests check (see the web tests' app).
            builder.ConfigureServices(s => s.Configure<PasswordHasherOptions>(o => o.IterationCount = 1));
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SiteCollection : ICollectionFixture<Site>
{
    public const string Name = "Site";
}

/// <summary>
/// A second site and browser for the accessibility pass, the longest test by far: as a collection of its own it runs
/// in parallel with the others.
/// </summary>
[CollectionDefinition(Name)]
public sealed class AxeCollection : ICollectionFixture<Site>
{
    public const string Name = "Axe";
}
