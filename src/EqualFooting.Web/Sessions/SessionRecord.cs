using EqualFooting.Record;
using Payload = System.Collections.Generic.IReadOnlyDictionary<string, object?>;

namespace EqualFooting.Web.Sessions;

/// <summary>The record entries of live sessions: scheduling, the agenda, the speaking queue, remote hubs, tables and imported transcripts. Payloads name people by id only.</summary>
public static class SessionRecord
{
    public static readonly RecordAction<Payload> Created = new("session.created", "scheduled a session");

    public static readonly RecordAction<Payload> AgendaItemAdded = new("session.agenda-item-added", "added an agenda item");

    public static readonly RecordAction<Payload> Started = new("session.started", "started a session");

    public static readonly RecordAction<Payload> Ended = new("session.ended", "ended a session");

    public static readonly RecordAction<Payload> HandRaised = new("session.hand-raised", "raised a hand");

    public static readonly RecordAction<Payload> HandLowered = new("session.hand-lowered", "lowered a hand");

    public static readonly RecordAction<Payload> FloorGiven = new("session.floor-given", "gave the floor");

    public static readonly RecordAction<Payload> FloorGivenOutOfTurn = new("session.floor-given-out-of-turn", "gave the floor out of turn");

    public static readonly RecordAction<Payload> InterventionEnded = new("session.intervention-ended", "ended an intervention");

    public static readonly RecordAction<Payload> QueueClosed = new("session.queue-closed", "closed the speaking queue");

    public static readonly RecordAction<Payload> QueueReopened = new("session.queue-reopened", "reopened the speaking queue");

    public static readonly RecordAction<Payload> AgendaItemStarted = new("session.agenda-item-started", "moved on to an agenda item");

    public static readonly RecordAction<Payload> AllotmentAdjusted = new("session.allotment-adjusted", "changed the time per speaker");

    public static readonly RecordAction<Payload> InterventionPaused = new("session.intervention-paused", "paused the speaker's time");

    public static readonly RecordAction<Payload> InterventionResumed = new("session.intervention-resumed", "resumed the speaker's time");

    public static readonly RecordAction<Payload> ConferenceLinkChanged = new("session.conference-link-changed", "changed the conference link");

    public static readonly RecordAction<Payload> TableDeclared = new("session.table-declared", "declared a table");

    public static readonly RecordAction<Payload> HubRegistered = new("session.hub-registered", "registered a remote hub");

    public static readonly RecordAction<Payload> PolicyChanged = new("session.policy-changed", "changed the queue policy");

    public static readonly RecordAction<Payload> TranscriptImported = new("session.transcript-imported", "imported a transcript");

    public static readonly RecordAction<Payload> SpeakerNameMapped = new("speaker-name.mapped", "mapped a speaker's name");

    public static IEnumerable<RecordAction> All =>
    [
        SpeakerNameMapped,
        Created,
        AgendaItemAdded,
        Started,
        Ended,
        HandRaised,
        HandLowered,
        FloorGiven,
        FloorGivenOutOfTurn,
        InterventionEnded,
        QueueClosed,
        QueueReopened,
        AgendaItemStarted,
        AllotmentAdjusted,
        InterventionPaused,
        InterventionResumed,
        ConferenceLinkChanged,
        TableDeclared,
        HubRegistered,
        PolicyChanged,
        TranscriptImported,
    ];
}
