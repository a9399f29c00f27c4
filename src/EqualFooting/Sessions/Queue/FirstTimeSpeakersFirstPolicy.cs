namespace EqualFooting.Sessions;

/// <summary>
/// Those who have not spoken yet in this session go before those who have, each part in raise order. This is the
/// moderator's "I said the queue was closed, but since you haven't spoken this session…" made into a rule: with
/// <see cref="AdmitNewSpeakersWhenClosed"/> such a person may still raise a hand after the queue closes.
/// </summary>
public sealed class FirstTimeSpeakersFirstPolicy(bool admitNewSpeakersWhenClosed = false) : QueuePolicy
{
    public bool AdmitNewSpeakersWhenClosed { get; } = admitNewSpeakersWhenClosed;

    public override QueuePolicyKind Kind => QueuePolicyKind.FirstTimeSpeakersFirst;

    public override bool AdmitsWhenClosed(Speaker speaker, IReadOnlyList<Intervention> interventions) =>
        AdmitNewSpeakersWhenClosed && !interventions.Any(i => i.Speaker == speaker);

    protected override IEnumerable<QueueEntry> OrderHands(IReadOnlyList<QueueEntry> hands, QueueContext context)
    {
        var spoken = context.Interventions.Select(i => i.Speaker).ToHashSet();
        return hands.Where(e => !spoken.Contains(e.Speaker)).Concat(hands.Where(e => spoken.Contains(e.Speaker)));
    }
}
