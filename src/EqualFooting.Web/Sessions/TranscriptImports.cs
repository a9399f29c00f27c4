using EqualFooting.Common;
using EqualFooting.Persistence;
using EqualFooting.Processes;
using EqualFooting.Sessions;
using EqualFooting.Web.Hosting;
using EqualFooting.Web.Processes;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.Sessions;

/// <param name="MappedTo">What the name stands for in the process's name table; null for an unknown speaker.</param>
public sealed record PreviewSpeakerDto(string Name, int Interventions, int Words, double EstimatedSeconds, string? MappedTo);

public sealed record TranscriptPreviewDto(
    string Format,
    double WordsPerMinute,
    int Interventions,
    int Words,
    double EstimatedSeconds,
    IReadOnlyList<PreviewSpeakerDto> Speakers,
    int UnnamedInterventions,
    int UnnamedWords);

public sealed record TranscriptImportDto(int SessionId, bool SessionCreated, int Interventions, int Speakers, int UnnamedInterventions, int Words, IReadOnlyList<string> UnknownSpeakers);

/// <summary>A transcript speaker name of a process: how often it speaks in imported transcripts, and what it stands for.</summary>
public sealed record SpeakerNameDto(string Name, int Interventions, int Words, SpeakerMappingKind? Kind, int? ParticipantId, string? Participant, int? StakeholderGroupId, string? StakeholderGroup, int? RegionId, string? Region);

/// <summary>
/// Storing transcripts in a process and keeping its speaker name table. The page, the API and the command line
/// import through <see cref="StoreAsync"/>: the interventions, the session they go in (created when none is named)
/// and the record entry are saved in one transaction, so a failure leaves nothing behind.
/// </summary>
public sealed class TranscriptImports(EqualFootingDb db, ProcessAccess processes, Writes writes, TimeProvider clock)
{
    public async Task<Result<TranscriptPreviewDto>> PreviewAsync(int processId, byte[] content, TranscriptOptions options, CancellationToken ct = default)
    {
        var process = await ConvenedAsync(processId, SessionPolicy.ImportTranscript, ct);
        if (process.Error is { } denied)
        {
            return denied;
        }

        var parsed = TranscriptParser.Parse(content, options);
        if (parsed.Error is { } malformed)
        {
            return malformed;
        }

        var t = parsed.Value;
        var keys = t.Speakers.Select(s => SpeakerNameMapping.KeyOf(s.Name)).ToList();
        var mapped = (await NamesAsync(process.Value, keys, ct)).ToDictionary(n => SpeakerNameMapping.KeyOf(n.Name));
        return new TranscriptPreviewDto(
            t.Format.ToString(),
            t.WordsPerMinute,
            t.Interventions.Count,
            t.Words,
            t.Interventions.Sum(i => i.EstimatedDuration.TotalSeconds),
            [.. t.Speakers.Select(s => new PreviewSpeakerDto(
                s.Name,
                s.Interventions,
                s.Words,
                s.EstimatedDuration.TotalSeconds,
                mapped.TryGetValue(SpeakerNameMapping.KeyOf(s.Name), out var m) ? Describe(m) : null))],
            t.Unnamed.Interventions,
            t.Unnamed.Words);
    }

    /// <summary>The page's and API's import: the convener's permission first, then the shared store.</summary>
    public async Task<Result<TranscriptImportDto>> ImportAsync(int processId, int? sessionId, string? fileName, byte[] content, TranscriptOptions options, CancellationToken ct = default)
    {
        var process = await ConvenedAsync(processId, SessionPolicy.ImportTranscript, ct);
        if (process.Error is { } denied)
        {
            return denied;
        }

        var parsed = TranscriptParser.Parse(content, options);
        return parsed.Error is { } malformed ? malformed : await StoreAsync(processId, sessionId, fileName, parsed.Value, viaCommandLine: false, ct);
    }

    /// <summary>
    /// Stores a parsed transcript's interventions in a session of the process. With no session named, it creates an
    /// ended session titled "Imported transcript: FILE" that ends now and lasts as long as the estimate. A session
    /// holds at most one imported transcript, so importing the same file twice cannot double anyone's speaking time.
    /// Callers check permission; the command line is the operator's, like the database itself.
    /// </summary>
    public async Task<Result<TranscriptImportDto>> StoreAsync(int processId, int? sessionId, string? fileName, Transcript transcript, bool viaCommandLine, CancellationToken ct = default)
    {
        var file = Path.GetFileName(fileName ?? "").Trim() is { Length: > 0 } name ? name : "transcript.txt";
        if (!await db.Processes.AnyAsync(p => p.Id == processId, ct))
        {
            return Error.NotFound("No such process.");
        }

        Session? session = null;
        if (sessionId is { } id)
        {
            session = await db.Sessions.FirstOrDefaultAsync(s => s.Id == id && s.ProcessId == processId, ct);
            if (session is null)
            {
                return Error.Invalid("sessionId", "No such session in this process.");
            }

            if (await db.ImportedInterventions.AnyAsync(i => i.SessionId == id, ct))
            {
                return Error.Conflict("This session already holds an imported transcript.", "sessionId");
            }
        }
        else
        {
            var now = clock.GetUtcNow();
            var length = TimeSpan.FromSeconds(transcript.Interventions.Sum(i => i.EstimatedDuration.TotalSeconds));
            var created = Session.CreatePast(processId, $"Imported transcript: {file}", now - length, now);
            if (created.Error is { } invalid)
            {
                return invalid;
            }

            session = created.Value;
            db.Sessions.Add(session);
        }

        var keys = transcript.Speakers.Select(s => SpeakerNameMapping.KeyOf(s.Name)).ToList();
        var known = await db.SpeakerNames.Where(m => m.ProcessId == processId && keys.Contains(m.Key)).Select(m => m.Key).ToListAsync(ct);
        var unknown = transcript.Speakers.Where(s => !known.Contains(SpeakerNameMapping.KeyOf(s.Name))).Select(s => s.Name).ToList();
        try
        {
            await writes.SaveAsync(processId, EqualFooting.Web.Sessions.SessionRecord.TranscriptImported, () => new Dictionary<string, object?>
            {
                ["session"] = session.Id,
                ["sessionCreated"] = sessionId is null,
                ["file"] = file,
                ["format"] = transcript.Format.ToString(),
                ["wordsPerMinute"] = (long)Math.Round(transcript.WordsPerMinute),
                ["interventions"] = transcript.Interventions.Count,
                ["words"] = transcript.Words,
                ["speakers"] = transcript.Speakers.Select(s => (object?)s.Name).ToList(),
                ["unnamedInterventions"] = transcript.Unnamed.Interventions,
                ["via"] = viaCommandLine ? "command line" : "web",
            }, ct, async token =>
            {
                // The new session needs its id before its interventions can point at it; this save is inside the transaction.
                if (sessionId is null)
                {
                    await db.SaveChangesAsync(token);
                }

                db.ImportedInterventions.AddRange(ImportedInterventionRow.From(session.Id, transcript));
            });
        }
        catch (DbUpdateException) when (sessionId is not null)
        {
            // Two imports into the same session at once: the key (session, number) let one in.
            if (!await AlreadyImportedAsync(sessionId.Value, ct))
            {
                throw;
            }

            return Error.Conflict("This session already holds an imported transcript.", "sessionId");
        }

        return new TranscriptImportDto(session.Id, sessionId is null, transcript.Interventions.Count, transcript.Speakers.Count, transcript.Unnamed.Interventions, transcript.Words, unknown);
    }

    /// <summary>Every name in the process's imported transcripts and its name table, unknown names first, then by name.</summary>
    public async Task<Result<IReadOnlyList<SpeakerNameDto>>> SpeakersAsync(int processId, CancellationToken ct = default)
    {
        var process = await ConvenedAsync(processId, SessionPolicy.MapSpeakers, ct);
        if (process.Error is { } denied)
        {
            return denied;
        }

        var spoken = await db.ImportedInterventions
            .Where(i => i.SpeakerKey != null && db.Sessions.Any(s => s.Id == i.SessionId && s.ProcessId == processId))
            .GroupBy(i => i.SpeakerKey!)
            .Select(g => new { Key = g.Key, Name = g.Min(i => i.SpeakerName)!, Count = g.Count(), Words = g.Sum(i => i.Words) })
            .ToListAsync(ct);
        var mapped = await NamesAsync(process.Value, null, ct);
        var byKey = mapped.ToDictionary(m => SpeakerNameMapping.KeyOf(m.Name));
        var list = spoken
            .Select(s => byKey.TryGetValue(s.Key, out var m) ? m with { Interventions = s.Count, Words = s.Words } : new SpeakerNameDto(s.Name, s.Count, s.Words, null, null, null, null, null, null, null))
            .Concat(mapped.Where(m => !spoken.Any(s => s.Key == SpeakerNameMapping.KeyOf(m.Name))))
            .OrderBy(n => n.Kind is null ? 0 : 1)
            .ThenBy(n => n.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();
        return list;
    }

    /// <summary>Says what a transcript name stands for; every imported turn under that name counts accordingly from now on.</summary>
    public async Task<Result<SpeakerNameDto>> MapSpeakerAsync(int processId, string? name, int? participantId, int? stakeholderGroupId, int? regionId, CancellationToken ct = default)
    {
        var found = await ConvenedAsync(processId, SessionPolicy.MapSpeakers, ct);
        if (found.Error is { } denied)
        {
            return denied;
        }

        var process = found.Value;
        var participant = participantId is { } pid ? await db.Participants.AsNoTracking().FirstOrDefaultAsync(p => p.Id == pid && p.ProcessId == processId, ct) : null;
        var choice = SpeakerNameMapping.Validate(process, name, participantId, participant, stakeholderGroupId, regionId);
        if (choice.Error is { } invalid)
        {
            return invalid;
        }

        var now = clock.GetUtcNow();
        var key = SpeakerNameMapping.KeyOf(choice.Value.Name);
        var mapping = await db.SpeakerNames.FirstOrDefaultAsync(m => m.ProcessId == processId && m.Key == key, ct);
        var changed = true;
        if (mapping is null)
        {
            mapping = SpeakerNameMapping.Create(processId, choice.Value, now);
            db.SpeakerNames.Add(mapping);
        }
        else
        {
            changed = mapping.Change(choice.Value, now);
        }

        if (changed)
        {
            try
            {
                await writes.SaveAsync(processId, SessionRecord.SpeakerNameMapped, () => new Dictionary<string, object?>
                {
                    ["mapping"] = mapping.Id,
                    ["kind"] = mapping.Kind.ToString(),
                    ["participant"] = mapping.ParticipantId,
                    ["stakeholderGroupId"] = mapping.StakeholderGroupId,
                    ["regionId"] = mapping.RegionId,
                }, ct);
            }
            catch (DbUpdateException)
            {
                // Two conveners mapped the same new name at once: the unique index kept one; ask to look again.
                db.ChangeTracker.Clear();
                return Error.Conflict("Someone mapped this name at the same moment. Look at the table and try again.", "name");
            }
        }

        return (await NamesAsync(process, [key], ct)).Single();
    }

    private async Task<Result<Process>> ConvenedAsync(int processId, Func<Actor, Process, Error?> policy, CancellationToken ct)
    {
        var found = await processes.FindAsync(processId, ct);
        if (found.Error is { } missing)
        {
            return missing;
        }

        return policy(found.Value.Actor, found.Value.Process) is { } denied ? denied : found.Value.Process;
    }

    private async Task<bool> AlreadyImportedAsync(int sessionId, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        return await db.ImportedInterventions.AnyAsync(i => i.SessionId == sessionId, ct);
    }

    private async Task<List<SpeakerNameDto>> NamesAsync(Process process, IReadOnlyList<string>? keys, CancellationToken ct)
    {
        var query = db.SpeakerNames.AsNoTracking().Where(m => m.ProcessId == process.Id);
        if (keys is not null)
        {
            query = query.Where(m => keys.Contains(m.Key));
        }

        var rows = await query
            .Select(m => new
            {
                Mapping = m,
                Participant = db.Participants.Where(p => p.Id == m.ParticipantId).Join(db.Users, p => p.AccountId, u => u.Id, (p, u) => u.DisplayName).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var groups = process.StakeholderGroups.ToDictionary(g => g.Id, g => g.Name);
        var regions = process.Regions.ToDictionary(r => r.Id, r => r.Name);
        return [.. rows.Select(r => new SpeakerNameDto(
            r.Mapping.Name,
            0,
            0,
            r.Mapping.Kind,
            r.Mapping.ParticipantId,
            r.Participant,
            r.Mapping.StakeholderGroupId,
            r.Mapping.StakeholderGroupId is { } g ? groups.GetValueOrDefault(g) : null,
            r.Mapping.RegionId,
            r.Mapping.RegionId is { } reg ? regions.GetValueOrDefault(reg) : null))];
    }

    private static string Describe(SpeakerNameDto m) => m.Kind switch
    {
        SpeakerMappingKind.Participant => m.Participant ?? $"Participant {m.ParticipantId}",
        SpeakerMappingKind.Group => m.Region is null ? m.StakeholderGroup ?? "" : $"{m.StakeholderGroup}, {m.Region}",
        _ => "Unaffiliated",
    };
}
