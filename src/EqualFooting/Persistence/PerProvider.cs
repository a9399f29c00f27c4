namespace EqualFooting.Persistence;

/// <summary>
/// One compiled query per provider. EF compiles a compiled query for the first model it meets and keeps that
/// translation, and the SQLite and PostgreSQL models (and SQL) differ; a process can hold both, as the tests do.
/// </summary>
public sealed class PerProvider<T>(Func<T> compile)
    where T : class
{
    private readonly T _sqlite = compile();
    private readonly T _postgres = compile();

    public T For(EqualFootingDb db) => db is PostgresEqualFootingDb ? _postgres : _sqlite;
}
