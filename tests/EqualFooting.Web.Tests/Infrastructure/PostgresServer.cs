using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace EqualFooting.Web.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL cluster for the test run: initdb in a temporary folder, a free loopback port, durability
/// off for speed, stopped when the test process exits. Set EQUALFOOTING_TEST_POSTGRES to a connection string
/// to use an existing server instead. Each test class gets its own database.
/// </summary>
public static class PostgresServer
{
    private static readonly Lazy<string> BaseConnection = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);
    private static int _databases;

    /// <summary>A new database, empty or, given <paramref name="template"/>, a copy of that one.</summary>
    public static string CreateDatabase(string? template = null)
    {
        var admin = BaseConnection.Value;
        var name = $"ef_test_{Environment.ProcessId}_{Interlocked.Increment(ref _databases)}";
        using var connection = new Npgsql.NpgsqlConnection(admin);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = template is null ? $"CREATE DATABASE \"{name}\"" : $"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"";
        command.ExecuteNonQuery();
        return new Npgsql.NpgsqlConnectionStringBuilder(admin) { Database = name }.ToString();
    }

    private static string Start()
    {
        if (Environment.GetEnvironmentVariable("EQUALFOOTING_TEST_POSTGRES") is { Length: > 0 } configured)
        {
            return configured;
        }

        var bin = FindBinaries();
        var root = Environment.GetEnvironmentVariable("EQUALFOOTING_TEST_TMP") is { Length: > 0 } tmp ? tmp : Path.GetTempPath();
        var dir = Path.Combine(root, $"equalfooting-pg-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        var data = Path.Combine(dir, "data");
        var port = FreePort();

        // PostgreSQL refuses to run as root; as root, run it as the postgres user the package creates.
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            Run("chown", $"-R postgres:postgres {dir}");
        }

        RunPg(asRoot, Path.Combine(bin, "initdb"), $"-D {data} -U postgres --auth=trust -E UTF8 --no-sync");
        RunPg(asRoot, Path.Combine(bin, "pg_ctl"),
            $"-D {data} -l {Path.Combine(dir, "log")} -w -t 60 -o \"-p {port} -k {dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200\" start");

        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                RunPg(asRoot, Path.Combine(bin, "pg_ctl"), $"-D {data} -m immediate -w stop");
                Directory.Delete(dir, recursive: true);
            }
            catch (Exception e)
            {
                Console.Error.WriteLine($"Could not stop the test PostgreSQL in {dir}: {e.Message}");
            }
        };

        return $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size=50;Include Error Detail=true";
    }

    private static string FindBinaries()
    {
        var candidates = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
            : Enumerable.Empty<string>();
        return candidates.FirstOrDefault()
            ?? throw new InvalidOperationException("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb). Run ./test.sh, which installs it, or set EQUALFOOTING_TEST_POSTGRES.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void RunPg(bool asRoot, string exe, string args)
    {
        if (asRoot)
        {
            Run("runuser", $"-u postgres -- {exe} {args}");
        }
        else
        {
            Run(exe, args);
        }
    }

    private static void Run(string exe, string args)
    {
        var info = new ProcessStartInfo(exe, args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{exe} {args} did not finish in 2 minutes.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{exe} {args} failed ({process.ExitCode}): {stderr.Result}{stdout.Result}");
        }
    }
}
