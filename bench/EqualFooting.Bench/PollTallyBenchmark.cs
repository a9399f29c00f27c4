using System.Diagnostics;
using EqualFooting.Polls;
using Microsoft.Data.Sqlite;

namespace EqualFooting.Bench;

/// <summary>
/// The result of a poll with a million ballots by stakeholder group × region. Two figures: the pure tally over a
/// million single ballots (the domain code's worst case, each ballot its own row), and the path a results request
/// takes: SQLite's GROUP BY over the ballots index (the same columns as <c>IX_Ballots_PollId_StakeholderGroupId_RegionId_Choices</c>)
/// followed by the tally of the grouped rows. Each is the median of several runs after a warm-up.
/// </summary>
public sealed class PollTallyBenchmark : IBenchmark
{
    public string Name => "poll-tally";

    public string Description => "Tally of a 1,000,000-ballot Likert poll by group × region (pure, and SQLite GROUP BY + tally)";

    public async Task<BenchResult> RunAsync(BenchOptions options)
    {
        var ballots = options.Int("ballots", 1_000_000);
        var runs = options.Int("runs", 7);
        const int groups = 8;
        const int regions = 6;
        var shape = new TallyShape(7, ScaleMin: 0, ScalePoints: 6);
        var random = new Random(2014);
        var rows = new BallotRow[ballots];
        for (var i = 0; i < ballots; i++)
        {
            rows[i] = new BallotRow(1 + random.Next(groups), 101 + random.Next(regions), 1 << random.Next(7));
        }

        var pure = Median(runs, () => PollTally.Ballots(shape, rows, 3));

        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        using (var create = connection.CreateCommand())
        {
            create.CommandText = """
                CREATE TABLE Ballots (Id INTEGER PRIMARY KEY, PollId INTEGER NOT NULL, ParticipantId INTEGER NOT NULL, StakeholderGroupId INTEGER NOT NULL, RegionId INTEGER NOT NULL, Choices INTEGER NOT NULL);
                CREATE UNIQUE INDEX IX_Ballots_PollId_ParticipantId ON Ballots (PollId, ParticipantId);
                CREATE INDEX IX_Ballots_PollId_StakeholderGroupId_RegionId_Choices ON Ballots (PollId, StakeholderGroupId, RegionId, Choices);
                """;
            await create.ExecuteNonQueryAsync();
        }

        await using (var transaction = await connection.BeginTransactionAsync())
        {
            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO Ballots (PollId, ParticipantId, StakeholderGroupId, RegionId, Choices) VALUES (1, $p, $g, $r, $c)";
            var p = insert.Parameters.Add("$p", SqliteType.Integer);
            var g = insert.Parameters.Add("$g", SqliteType.Integer);
            var r = insert.Parameters.Add("$r", SqliteType.Integer);
            var c = insert.Parameters.Add("$c", SqliteType.Integer);
            insert.Prepare();
            for (var i = 0; i < ballots; i++)
            {
                (p.Value, g.Value, r.Value, c.Value) = (i, rows[i].GroupId, rows[i].RegionId, rows[i].Mask);
                await insert.ExecuteNonQueryAsync();
            }

            await transaction.CommitAsync();
        }

        var check = 0;
        var sql = Median(runs, () =>
        {
            using var query = connection.CreateCommand();
            query.CommandText = "SELECT StakeholderGroupId, RegionId, Choices, COUNT(*) FROM Ballots WHERE PollId = 1 GROUP BY StakeholderGroupId, RegionId, Choices";
            var grouped = new List<BallotRow>();
            using var reader = query.ExecuteReader();
            while (reader.Read())
            {
                grouped.Add(new BallotRow(reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3)));
            }

            check = PollTally.Ballots(shape, grouped, 3).Overall.N;
        });
        if (check != ballots)
        {
            throw new BenchFailedException($"The SQL path counted {check} ballots, not {ballots}.");
        }

        return new BenchResult()
            .Add("ballots", ballots)
            .Add("ms", sql)
            .Add("pure_ms", pure)
            .Add("cells", groups * regions);
    }

    private static double Median(int runs, Action run)
    {
        run();
        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            run();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        return Math.Round(times[times.Count / 2], 1);
    }
}
