using System.Diagnostics;

namespace EqualFooting.Conversations;

/// <summary>
/// What one step of an analysis cost: wall time (a stopwatch), the process's CPU time (all threads, the garbage
/// collector's included), bytes allocated, full (gen 2) collections and time paused for collections. For benchmarks
/// and logs: on a shared machine the CPU time and the counts say more than the wall time.
/// </summary>
public sealed record PhaseCost(string Name, double WallMs, double CpuMs, long AllocatedBytes, int FullCollections, double PauseMs);

/// <summary>Takes a <see cref="PhaseCost"/> at each mark; cheap enough (a few system calls) to run on every analysis.</summary>
internal sealed class PhaseClock
{
    private readonly List<PhaseCost> _phases = [];
    private long _wall = Stopwatch.GetTimestamp();
    private TimeSpan _cpu = Environment.CpuUsage.TotalTime;
    private long _allocated = GC.GetTotalAllocatedBytes();
    private int _full = GC.CollectionCount(2);
    private TimeSpan _pause = GC.GetTotalPauseDuration();

    internal IReadOnlyList<PhaseCost> Phases => _phases;

    /// <summary>Counts that say how much work an update did (rows re-counted, pairs touched, participants looked at), by name.</summary>
    internal Dictionary<string, long> Counts { get; } = [];

    internal void Mark(string name)
    {
        var wall = Stopwatch.GetTimestamp();
        var cpu = Environment.CpuUsage.TotalTime;
        var allocated = GC.GetTotalAllocatedBytes();
        var full = GC.CollectionCount(2);
        var pause = GC.GetTotalPauseDuration();
        _phases.Add(new PhaseCost(name, Stopwatch.GetElapsedTime(_wall, wall).TotalMilliseconds, (cpu - _cpu).TotalMilliseconds,
            allocated - _allocated, full - _full, (pause - _pause).TotalMilliseconds));
        (_wall, _cpu, _allocated, _full, _pause) = (wall, cpu, allocated, full, pause);
    }
}
