using EqualFooting.Accounts;
using EqualFooting.Participation;
using EqualFooting.Persistence;
using EqualFooting.Processes;
using EqualFooting.Record;
using EqualFooting.Sessions;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.Demo;

/// <summary>
/// A demo process loaded on a first start (setting <c>Demo:Enabled</c>), modelled on the ATLAS II thematic group in
/// the project's seed transcript, so a newcomer sees a populated participation table. Demo accounts have no
/// password and cannot sign in.
/// </summary>
public static class DemoData
{
    public const string ProcessName = "ATLAS II Thematic Group 1: The Future of Multistakeholderism";
    private const string DemoEmailDomain = "demo.equalfooting.invalid";

    // (name, stakeholder group index, region index, country, organisation): a room like the one in the seed transcript,
    // where civil society dominates and business is scarce, which is exactly what the table should make visible.
    private static readonly (string Name, int Group, int Region, string Country, string? Organisation)[] People =
    [
        ("Amara Okafor", 2, 0, "NG", "Paradigm Initiative"),
        ("Kwame Mensah", 3, 0, "GH", "AfNOG"),
        ("Fatou Diallo", 2, 0, "SN", null),
        ("Nadia Benali", 0, 0, "MA", "Ministry of Digital Transition"),
        ("Joseph Kariuki", 4, 0, "KE", "University of Nairobi"),
        ("Hiroshi Tanaka", 3, 1, "JP", "JPNIC"),
        ("Priya Raman", 2, 1, "IN", "Internet Democracy Project"),
        ("Li Wei", 4, 1, "CN", null),
        ("Siosaia Fifita", 2, 1, "TO", null),
        ("Maria Santos", 2, 1, "PH", "Foundation for Media Alternatives"),
        ("Ingrid Larsen", 0, 2, "NO", "Norwegian Communications Authority"),
        ("Tomas Novak", 3, 2, "CZ", "CZ.NIC"),
        ("Claire Dubois", 2, 2, "FR", "La Quadrature"),
        ("Stefan Weber", 1, 2, "DE", "eco Verband"),
        ("Elena Rossi", 4, 2, "IT", "Politecnico di Torino"),
        ("Oliver Hughes", 2, 2, "GB", null),
        ("Anna Kowalska", 5, 2, "PL", "Council of Europe"),
        ("Alejandro Ruiz", 4, 3, "MX", "UNAM"),
        ("Beatriz Costa", 2, 3, "BR", "Instituto Nupef"),
        ("Carlos Mendoza", 3, 3, "CL", "LACNIC"),
        ("Valentina Gómez", 2, 3, "AR", null),
        ("Rafael Lima", 0, 3, "BR", "CGI.br"),
        ("Sofía Herrera", 2, 3, "CO", "Karisma"),
        ("Evan Brooks", 2, 4, "CA", null),
        ("Rachel Kim", 1, 4, "US", "Internet Infrastructure Coalition"),
        ("Marcus Johnson", 3, 4, "US", "ARIN"),
        ("Hannah Clarke", 2, 4, "US", "Public Knowledge"),
        ("Daniel Moreau", 4, 4, "CA", "McGill University"),
    ];

    public const string SessionTitle = "Regional breakout reports";

    /// <summary>
    /// Loads the demo into an empty database; returns the id of the demo consultation when this call added it, so
    /// the caller can look for its form-letter campaign before the site opens.
    /// </summary>
    public static async Task<int?> LoadIfEmptyAsync(EqualFootingDb db, TimeProvider clock, CancellationToken ct = default)
    {
        if (await db.Processes.AnyAsync(ct))
        {
            return await AddConsultationToExistingDemoAsync(db, clock, ct);
        }

        // Every date is relative to the first start and agrees with the others: the process began a week ago and runs
        // for a month, people joined when it began, the consultation opened the day after, the session is live now.
        var now = clock.GetUtcNow();
        var began = now.AddDays(-7);
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var created = began.AddHours(-1);
        var process = Process.Create(
            new ProcessDetails(
                ProcessName,
                "How to foster the multistakeholder model at a local level: experiences from Mexico, Japan and Brazil, " +
                "then breakout groups by region answering the same questions and reporting back to the rapporteur. " +
                "This is a demo process: its participants are fictional.",
                ProcessStatus.Open,
                today.AddDays(-7),
                today.AddDays(30),
                ["en", "es", "fr"]),
            created).Value;

        var convener = DemoAccount("Demo Secretariat", "secretariat", created);
        db.Users.Add(convener);
        db.Processes.Add(process);
        await SaveAsync(db, _ =>
        {
            db.RoleAssignments.Add(new RoleAssignment(process.Id, convener.Id, ProcessRole.Convener, created));
            return Task.FromResult(RecordEntry.Create(EqualFooting.Web.Processes.ProcessRecord.Created, process.Id, new RecordActor(convener.Id, null, null, null), created,
                EqualFooting.Web.Processes.ProcessRecord.Describe(process)));
        }, ct);

        var groups = process.StakeholderGroups.OrderBy(g => g.Position).ToList();
        var regions = process.Regions.OrderBy(r => r.Position).ToList();
        for (var i = 0; i < People.Length; i++)
        {
            var (name, group, region, country, organisation) = People[i];
            var account = DemoAccount(name, $"participant{i + 1:00}", began);
            db.Users.Add(account);
            await db.SaveChangesAsync(ct);

            var at = began.AddMinutes(i);
            var participant = Participant.Join(process, account.Id, new AffiliationChoice(groups[group].Id, regions[region].Id, country, null, organisation), at).Value;
            db.Participants.Add(participant);
            await SaveAsync(db, _ =>
            {
                var a = participant.Current;
                return Task.FromResult(RecordEntry.Create(
                    EqualFooting.Web.Participation.ParticipationRecord.Joined,
                    process.Id,
                    new RecordActor(account.Id, a, groups[group].Name, regions[region].Name),
                    at,
                    EqualFooting.Web.Participation.ParticipationRecord.Describe(a)));
            }, ct);
        }

        await LoadSessionAsync(db, process, convener, now, ct);
        return await DemoConsultation.LoadAsync(db, process, convener, now, ct);
    }

    /// <summary>A demo database made before the demo had a consultation gets one; any other database is left alone.</summary>
    private static async Task<int?> AddConsultationToExistingDemoAsync(EqualFootingDb db, TimeProvider clock, CancellationToken ct)
    {
        var email = $"secretariat@{DemoEmailDomain}".ToUpperInvariant();
        var convener = await db.Users.FirstOrDefaultAsync(u => u.NormalizedEmail == email, ct);
        if (convener is null)
        {
            return null;
        }

        var processId = await db.RoleAssignments
            .Where(r => r.AccountId == convener.Id && r.Role == ProcessRole.Convener)
            .OrderBy(r => r.ProcessId)
            .Select(r => (int?)r.ProcessId)
            .FirstOrDefaultAsync(ct);
        if (processId is not { } id || await db.Consultations.AnyAsync(c => c.ProcessId == id, ct))
        {
            return null;
        }

        var process = await db.Processes.Include(p => p.StakeholderGroups).Include(p => p.Regions).FirstAsync(p => p.Id == id, ct);
        return await DemoConsultation.LoadAsync(db, process, convener, clock.GetUtcNow(), ct);
    }

    /// <summary>A running session with an agenda and two hands up, so the live pages have something to show.</summary>
    private static async Task LoadSessionAsync(EqualFootingDb db, Process process, Account convener, DateTimeOffset now, CancellationToken ct)
    {
        var session = Session.Create(
            process.Id,
            new SessionDetails(SessionTitle, now.AddMinutes(-10), now.AddHours(2), "Hall B", RemoteParticipation: true),
            QueuePolicyKind.FirstTimeSpeakersFirst,
            QueuePolicySettings.None).Value;
        session.AddAgendaItem("Reports from the regional breakout groups", 45, 180);
        session.AddAgendaItem("Questions to the rapporteur", 30, 120);
        session.Start(now.AddMinutes(-10));
        var queue = session.Queue();
        var speakers = await db.Participants
            .Where(p => p.ProcessId == process.Id)
            .OrderBy(p => p.Id)
            .Take(2)
            .SelectMany(p => db.Affiliations.Where(a => a.ParticipantId == p.Id && a.Until == null))
            .ToListAsync(ct);
        foreach (var (a, i) in speakers.Select((a, i) => (a, i)))
        {
            queue.RaiseHand(new HandRaise(Speaker.Participant(a.ParticipantId), a.StakeholderGroupId, a.RegionId, a.Gender, Remote: i == 1), now.AddMinutes(i - 5));
        }

        session.Apply(queue);
        db.Sessions.Add(session);
        await SaveAsync(db, _ => Task.FromResult(RecordEntry.Create(
            EqualFooting.Web.Sessions.SessionRecord.Created,
            process.Id,
            new RecordActor(convener.Id, null, null, null),
            now,
            new Dictionary<string, object?> { ["session"] = session.Id, ["title"] = session.Title, ["demo"] = true })), ct);
    }

    private static Account DemoAccount(string name, string local, DateTimeOffset now)
    {
        var email = $"{local}@{DemoEmailDomain}";
        return new Account
        {
            UserName = email,
            NormalizedUserName = email.ToUpperInvariant(),
            Email = email,
            NormalizedEmail = email.ToUpperInvariant(),
            DisplayName = name,
            CreatedAt = now,
            SecurityStamp = Guid.NewGuid().ToString("N"),
            LockoutEnabled = true,
        };
    }

    /// <summary>Saves a change and its entry in one transaction, as the write path does, for history the demo backdates.</summary>
    private static async Task SaveAsync(EqualFootingDb db, Func<CancellationToken, Task<RecordEntry>> entry, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        var made = await entry(ct);
        await DemoConsultation.RecordAsync(db, () => made, ct);
        await transaction.CommitAsync(ct);
    }
}
