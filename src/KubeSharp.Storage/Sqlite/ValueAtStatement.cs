using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace KubeSharp.Storage.Sqlite;

/// <summary>
/// The point read of one log row by revision, prepared once on a connection and driven through
/// SQLite's C API: the hot path of Get and List, where a Microsoft.Data.Sqlite command and data
/// reader per row cost several times the lookup itself.
/// </summary>
internal sealed class ValueAtStatement : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly sqlite3_stmt _statement;

    public ValueAtStatement(SqliteConnection connection)
    {
        _connection = connection;
        var result = raw.sqlite3_prepare_v2(connection.Handle, "SELECT value FROM kv WHERE revision = ?", out _statement);
        SqliteException.ThrowExceptionForRC(result, connection.Handle);
    }

    /// <summary>The value written at <paramref name="revision"/>, or null if there is no such row.</summary>
    public byte[]? Read(long revision)
    {
        try
        {
            raw.sqlite3_bind_int64(_statement, 1, revision);
            var result = raw.sqlite3_step(_statement);
            if (result == raw.SQLITE_ROW)
            {
                return raw.sqlite3_column_blob(_statement, 0).ToArray();
            }

            if (result != raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(result, _connection.Handle);
            }

            return null;
        }
        finally
        {
            // Ends the statement's read, so outside a transaction it holds no snapshot.
            raw.sqlite3_reset(_statement);
        }
    }

    public void Dispose() => _statement.Dispose();
}
