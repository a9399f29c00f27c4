using System.Net;
using System.Net.Http.Json;
using EqualFooting.Persistence;
using EqualFooting.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.Tests;

public sealed class TightLimitsApp() : AppFactory(DatabaseProvider.Sqlite)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("RateLimits:AccountAttemptsPerMinute", "3");
        builder.UseSetting("RateLimits:WritesPerMinute", "5");
    }
}

public sealed class RateLimitTests(TightLimitsApp app) : IClassFixture<TightLimitsApp>
{
    [Fact]
    public async Task Registration_floods_get_429_problems_and_reading_stays_open()
    {
        var client = app.Anonymous();
        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 5; i++)
        {
            responses.Add(await client.PostAsJsonAsync("/api/account/register", new { displayName = "Flood", email = $"flood{i}-{Guid.NewGuid():N}@example.org", password = "correct horse battery" }));
        }

        Assert.Equal(3, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        var limited = responses.Last();
        await limited.ProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.True(limited.Headers.RetryAfter is not null || limited.Headers.Contains("Retry-After"));
        Assert.Equal(3, await app.WithDbAsync(db => db.Users.CountAsync(u => u.DisplayName == "Flood")));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/processes")).StatusCode);
    }
}
