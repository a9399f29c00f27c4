using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EqualFooting.Web.Record;
using EqualFooting.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EqualFooting.Web.Tests.Kernel;

/// <summary>
/// The record is public and append-only: what it publishes can never be taken back. Entries name people by id and
/// carry what is public by nature (stakeholder group, region, the action); names, e-mail addresses, gender, country
/// and organisation stay in tables that privacy settings and erasure govern, and are resolved when read.
/// </summary>
public abstract class RecordPrivacyTests(AppFactory app)
{
    private static readonly string[] PersonalKeys = ["gender", "country", "organisation", "organization", "email", "displayName"];

    [Fact]
    public async Task No_record_entry_carries_a_name_an_email_a_gender_a_country_or_an_organisation()
    {
        // The demo's history (a process, participants, a session, a consultation) plus the API's own writes.
        var (admin, _) = await app.AdministratorAsync();
        var process = await admin.CreateProcessAsync();
        var (client, email) = await app.SignedInAsync("Zephyrine Quillfeather");
        var join = await client.PostAsJsonAsync($"/api/processes/{process.Id()}/participants", new
        {
            stakeholderGroupId = process.GroupId("Civil society"),
            regionId = process.RegionId("Africa"),
            country = "KE",
            gender = "Nonbinaryish",
            organisation = "Quillfeather Institute",
        });
        await join.JsonAsync(HttpStatusCode.Created);
        await (await client.PutAsJsonAsync($"/api/processes/{process.Id()}/participants/me/affiliation", new
        {
            stakeholderGroupId = process.GroupId("Academia"),
            regionId = process.RegionId("Africa"),
            country = "UG",
            gender = "Nonbinaryish",
            organisation = "Quillfeather University",
        })).JsonAsync(HttpStatusCode.OK);
        await (await admin.PostAsJsonAsync($"/api/processes/{process.Id()}/roles", new { email, role = "Rapporteur" })).JsonAsync(HttpStatusCode.OK);

        var entries = await app.WithDbAsync(db => db.Record.Select(r => r.Entry).ToListAsync());
        var people = await app.WithDbAsync(db => db.Users.Select(u => new[] { u.DisplayName, u.Email! }).ToListAsync());
        var declared = await app.WithDbAsync(db => db.Affiliations.Select(a => new[] { a.Country, a.Gender, a.Organisation }).ToListAsync());
        var personal = people.SelectMany(p => p).Concat(declared.SelectMany(d => d)).OfType<string>().Distinct().ToList();
        Assert.Contains("Zephyrine Quillfeather", personal);
        Assert.True(entries.Count > 20, "The scenario should have recorded the demo and the API's writes.");

        foreach (var entry in entries)
        {
            using var doc = JsonDocument.Parse(entry);
            Assert.Empty(Keys(doc.RootElement).Intersect(PersonalKeys, StringComparer.OrdinalIgnoreCase));
            foreach (var value in personal)
            {
                Assert.DoesNotContain(JsonSerializer.Serialize(value), entry, StringComparison.Ordinal);
            }
        }

        // Names are resolved when the record is read, so readers still see who acted.
        var page = await (await app.Anonymous().GetAsync($"/processes/{process.Id()}/record")).Content.ReadAsStringAsync();
        Assert.Contains("Zephyrine Quillfeather", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Entries_of_the_first_format_still_render()
    {
        // As written before names left the record: the actor's name in the entry, the subject's name in its data.
        var joined = new RecordEntryDto(3, 1, "participant.joined", DateTimeOffset.UnixEpoch, "acc-1",
            "{\"action\":\"participant.joined\",\"actor\":{\"account\":\"acc-1\",\"affiliation\":{\"id\":5,\"region\":\"Africa\",\"regionId\":2,\"stakeholderGroup\":\"Civil society\",\"stakeholderGroupId\":3},\"name\":\"Amara Okafor\"},\"at\":\"1970-01-01T00:00:00.0000000Z\",\"data\":{\"affiliation\":5,\"country\":\"NG\",\"gender\":null,\"organisation\":null,\"regionId\":2,\"stakeholderGroupId\":3},\"process\":1,\"v\":1}");
        var assigned = new RecordEntryDto(4, 1, "role.assigned", DateTimeOffset.UnixEpoch, "acc-2",
            "{\"action\":\"role.assigned\",\"actor\":{\"account\":\"acc-2\",\"affiliation\":null,\"name\":\"Demo Secretariat\"},\"at\":\"1970-01-01T00:00:00.0000000Z\",\"data\":{\"account\":\"acc-1\",\"name\":\"Amara Okafor\",\"role\":\"Rapporteur\"},\"process\":1,\"v\":1}");

        await using var scope = app.Services.CreateAsyncScope();
        var lines = await RecordQueries.LinesAsync(
            scope.ServiceProvider.GetRequiredService<EqualFooting.Web.Kernel.RecordActions>(),
            [joined, assigned],
            scope.ServiceProvider.GetRequiredService<EqualFooting.Web.Privacy.PublicNames>(),
            null,
            CancellationToken.None);

        Assert.Equal(("Amara Okafor", "joined", "Civil society", "Africa", (string?)null), (lines[0].ActorName, lines[0].Phrase, lines[0].StakeholderGroup, lines[0].Region, lines[0].Subject));
        Assert.Equal(("Demo Secretariat", "assigned a role", "Amara Okafor: Rapporteur"), (lines[1].ActorName, lines[1].Phrase, lines[1].Subject));
    }

    private static IEnumerable<string> Keys(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => e.EnumerateObject().SelectMany(p => Keys(p.Value).Prepend(p.Name)),
        JsonValueKind.Array => e.EnumerateArray().SelectMany(Keys),
        _ => [],
    };
}

public sealed class RecordPrivacyOnSqlite(DemoOnSqliteApp app) : RecordPrivacyTests(app), IClassFixture<DemoOnSqliteApp>;

public sealed class RecordPrivacyOnPostgres(DemoOnPostgresApp app) : RecordPrivacyTests(app), IClassFixture<DemoOnPostgresApp>;
