using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using EqualFooting.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EqualFooting.Web.Tests.Infrastructure;

/// <summary>The real app on a fresh database of one provider. Each test class gets one; tests inside use fresh accounts.</summary>
public abstract partial class AppFactory : WebApplicationFactory<Program>
{
    private readonly string _connectionString;
    private readonly string? _sqliteFile;
    private int _accounts;

    /// <summary>A node on a database that already exists, for tests of several nodes sharing one store.</summary>
    protected AppFactory(DatabaseProvider provider, string connectionString)
    {
        Provider = provider;
        _connectionString = connectionString;
    }

    /// <param name="provider">The store.</param>
    /// <param name="database">
    /// Migrated (a copy of the run's template, the usual case) or empty, for tests of what a first start does.
    /// </param>
    protected AppFactory(DatabaseProvider provider, StartingDatabase database = StartingDatabase.Migrated)
    {
        Provider = provider;
        var migrated = database == StartingDatabase.Migrated;
        if (provider == DatabaseProvider.Postgres)
        {
            _connectionString = PostgresServer.CreateDatabase(migrated ? TemplateDatabases.PostgresName : null);
        }
        else
        {
            _sqliteFile = Path.Combine(Path.GetTempPath(), $"equalfooting-test-{Guid.NewGuid():N}.db");
            if (migrated)
            {
                TemplateDatabases.CopySqlite(_sqliteFile);
            }

            _connectionString = $"Data Source={_sqliteFile}";
        }
    }

    public DatabaseProvider Provider { get; }

    /// <summary>Where this app keeps the record's signing key: outside the source tree, one per app (a restart reuses it).</summary>
    public string SigningKeyPath { get; init; } = Path.Combine(Path.GetTempPath(), $"equalfooting-test-key-{Guid.NewGuid():N}.pem");

    /// <summary>What the app logged from its start on, as an operator would read it.</summary>
    public LogLines Logs { get; } = new();

    /// <summary>The database's connection string, for tests of commands that open it themselves.</summary>
    public string ConnectionString => _connectionString;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureLogging(l => l.AddProvider(Logs));
        builder.UseSetting("Database:Provider", Provider.ToString());
        builder.UseSetting("ConnectionStrings:Default", _connectionString);
        builder.UseSetting("Demo:Enabled", "false");
        builder.UseSetting("RateLimits:WritesPerMinute", "100000");
        builder.UseSetting("RateLimits:AccountAttemptsPerMinute", "100000");
        builder.UseSetting("Record:SigningKeyPath", SigningKeyPath);
        builder.UseSetting("RateLimits:VotesPerMinute", "100000");

        // Every request of a test server comes from the same unknown source.
        builder.UseSetting("SignIn:FreeFailuresPerSource", "100000");

        // The suite creates thousands of accounts, and at Identity's production work factor hashing their passwords
        // took half its time. The work factor is not what these tests check; production keeps the default.
        builder.ConfigureServices(s => s.Configure<PasswordHasherOptions>(o => o.IterationCount = 1));
    }

    public async Task<T> WithDbAsync<T>(Func<EqualFootingDb, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<EqualFootingDb>());
    }

    /// <summary>A client with no cookies and no redirects followed, so tests see exactly what the server answered.</summary>
    public HttpClient Anonymous() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Registers a fresh account through the API and returns a client carrying its bearer token.</summary>
    public async Task<(HttpClient Client, string Email)> SignedInAsync(string? name = null)
    {
        var n = Interlocked.Increment(ref _accounts);
        var email = $"person{n}-{Guid.NewGuid():N}@example.org";
        var client = Anonymous();
        var register = await client.PostAsJsonAsync("/api/account/register", new { displayName = name ?? $"Person {n}", email, password = "correct horse battery" });
        Assert.Equal(HttpStatusCode.Created, register.StatusCode);
        var token = await client.PostAsJsonAsync("/api/account/token", new { email, password = "correct horse battery" });
        token.EnsureSuccessStatusCode();
        var body = await token.Content.ReadFromJsonAsync<TokenResponse>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body!.AccessToken);
        return (client, email);
    }

    /// <summary>An administrator, promoted directly in the database as the promote-admin command does.</summary>
    public async Task<(HttpClient Client, string Email)> AdministratorAsync()
    {
        var (client, email) = await SignedInAsync("Admin");
        await WithDbAsync(async db =>
        {
            var account = db.Users.Single(u => u.Email == email);
            account.IsAdministrator = true;
            return await db.SaveChangesAsync();
        });
        return (client, email);
    }

    /// <summary>A browser-like client: signs in through the login page with a cookie, for page tests.</summary>
    public async Task<HttpClient> BrowserSignedInAsync(string email)
    {
        var client = Anonymous();
        var form = await FormAsync(client, "/account/login");
        form["Email"] = email;
        form["Password"] = "correct horse battery";
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>GETs a page and returns the antiforgery token of its first form, ready to post.</summary>
    public static async Task<Dictionary<string, string>> FormAsync(HttpClient client, string url)
    {
        var html = await client.GetStringAsync(url);
        var token = AntiforgeryToken().Match(html);
        Assert.True(token.Success, $"No antiforgery token on {url}");
        return new Dictionary<string, string> { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value) };
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);

        // Npgsql keeps a pool per connection string for minutes after use; with one database per test class those idle
        // pools would add up past the server's connection limit in a full run.
        if (disposing && Provider == DatabaseProvider.Postgres)
        {
            using var connection = new Npgsql.NpgsqlConnection(_connectionString);
            Npgsql.NpgsqlConnection.ClearPool(connection);
        }

        if (disposing && _sqliteFile is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var f in new[] { _sqliteFile, _sqliteFile + "-wal", _sqliteFile + "-shm" })
            {
                File.Delete(f);
            }
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    private sealed record TokenResponse(string AccessToken);
}

/// <summary>What a test app's database holds when the app starts.</summary>
public enum StartingDatabase
{
    /// <summary>Every migration applied, no data: the app's own migration step finds nothing to do.</summary>
    Migrated,

    /// <summary>Nothing at all, as on a fresh machine: the app migrates it at start.</summary>
    Empty,
}

public sealed class SqliteApp() : AppFactory(DatabaseProvider.Sqlite);

public sealed class PostgresApp() : AppFactory(DatabaseProvider.Postgres);
