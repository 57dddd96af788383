using Microsoft.Data.Sqlite;

namespace KubeSharp.Storage.Sqlite;

/// <summary>
/// The on-disk layout. <c>kv</c> is the revision log: one row per write, its rowid is the
/// revision. A delete writes a tombstone row (<c>deleted</c> = 1) carrying the last value.
/// <c>prev_revision</c> names the row a write superseded (0 for a create), which lets compaction
/// find superseded rows from the new rows alone and lets watch replay attach previous values.
/// Nothing is indexed by key: point reads go through the in-memory <see cref="KeyIndex"/>.
/// <c>meta</c> holds <c>compact_revision</c>: rows at or below it that were superseded at or below it are gone.
/// </summary>
internal static class LogSchema
{
    public const string CompactRevisionName = "compact_revision";

    public static SqliteConnection OpenConnection(string path, bool writer)
    {
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = false,
        }.ToString();
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        // WAL lets readers run beside the single writer; synchronous=FULL fsyncs the WAL at every
        // commit, so a commit that returned is durable. Readers map the file: a random point read
        // then costs no pread system call, and all readers share the OS page cache.
        Execute(connection, writer
            ? "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000;"
            : "PRAGMA busy_timeout=10000; PRAGMA query_only=1; PRAGMA mmap_size=1073741824;");
        return connection;
    }

    public static void Create(SqliteConnection connection) => Execute(connection, """
        CREATE TABLE IF NOT EXISTS kv (
            revision INTEGER PRIMARY KEY,
            key TEXT NOT NULL,
            create_revision INTEGER NOT NULL,
            prev_revision INTEGER NOT NULL,
            deleted INTEGER NOT NULL,
            value BLOB NOT NULL
        );
        CREATE TABLE IF NOT EXISTS meta (
            name TEXT PRIMARY KEY,
            value INTEGER NOT NULL
        );
        """);

    public static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public static SqliteCommand Prepare(SqliteConnection connection, string sql, params string[] parameterNames)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameterNames)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        command.Prepare();
        return command;
    }

    public static byte[] ReadBlob(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? [] : reader.GetFieldValue<byte[]>(ordinal);
}
