using System.Data.Common;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace EqualFooting.Persistence;

/// <summary>
/// Inserts new rows of one entity type with one prepared statement, bypassing the change tracker, inside the
/// context's current transaction, and sets each entity's database-assigned key. For bulk intake: tracking a thousand
/// comments and letting EF build a thousand statements cost far more than storing them. The statement is built from the
/// EF model (table, columns, value converters, shadow columns as null), so it follows the mapping, both providers and
/// columns added later.
/// </summary>
/// <remarks>Only for entities with no owned collections filled in and a single store-generated key.</remarks>
public sealed class RowInserter<T> : IAsyncDisposable
    where T : class
{
    private readonly DbCommand _command;
    private readonly (IProperty Property, DbParameter Parameter, Func<T, object?> Value)[] _columns;
    private readonly IProperty _key;
    private readonly PropertyInfo _keySetter;

    public RowInserter(EqualFootingDb db)
    {
        var type = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var sql = db.GetService<ISqlGenerationHelper>();
        var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        _key = type.FindPrimaryKey()!.Properties.Single();
        _keySetter = _key.PropertyInfo ?? throw new InvalidOperationException($"The key of {typeof(T).Name} must be a property.");
        var transaction = db.Database.CurrentTransaction ?? throw new InvalidOperationException("Insert rows inside a transaction.");
        _command = db.Database.GetDbConnection().CreateCommand();
        _command.Transaction = transaction.GetDbTransaction();

        var properties = type.GetProperties().Where(p => !p.IsPrimaryKey()).ToList();
        _columns = new (IProperty, DbParameter, Func<T, object?>)[properties.Count];
        for (var i = 0; i < properties.Count; i++)
        {
            var p = properties[i];
            var mapping = (RelationalTypeMapping)p.GetTypeMapping();
            var parameter = mapping.CreateParameter(_command, "@p" + i, null, p.IsNullable);
            _command.Parameters.Add(parameter);
            Func<T, object?> value = p.IsShadowProperty() ? _ => null : p.GetGetter().GetClrValue;
            _columns[i] = (p, parameter, value);
        }

        var columns = string.Join(", ", properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!)));
        var values = string.Join(", ", properties.Select((_, i) => "@p" + i));
        _command.CommandText = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({columns}) VALUES ({values}) RETURNING {sql.DelimitIdentifier(_key.GetColumnName(table)!)}";
    }

    /// <summary>Inserts the rows in order and sets their keys.</summary>
    public async Task InsertAsync(IEnumerable<T> rows, CancellationToken ct)
    {
        var prepared = false;
        foreach (var row in rows)
        {
            foreach (var (property, parameter, value) in _columns)
            {
                var v = value(row);
                var converter = property.GetTypeMapping().Converter;
                parameter.Value = v is null ? DBNull.Value : converter is null ? v : converter.ConvertToProvider(v) ?? DBNull.Value;
            }

            if (!prepared)
            {
                // Parsed and planned once, bound and stepped for every row.
                await _command.PrepareAsync(ct);
                prepared = true;
            }

            var id = await _command.ExecuteScalarAsync(ct);
            _keySetter.SetValue(row, Convert.ChangeType(id, _key.ClrType, System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    public ValueTask DisposeAsync() => _command.DisposeAsync();
}
