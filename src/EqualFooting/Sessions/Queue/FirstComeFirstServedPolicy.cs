namespace EqualFooting.Sessions;

/// <summary>Hands in the order they went up.</summary>
public sealed class FirstComeFirstServedPolicy : QueuePolicy
{
    public override QueuePolicyKind Kind => QueuePolicyKind.FirstComeFirstServed;

    protected override IEnumerable<QueueEntry> OrderHands(IReadOnlyList<QueueEntry> hands, QueueContext context) => hands;
}
