using KubeSharp.Api;

namespace KubeSharp.ApiServer.Printing.Printers;

/// <summary>A printer of one CLR kind: the row is computed from the typed object.</summary>
internal abstract class TypedTablePrinter<T> : TablePrinter
    where T : KubernetesObject
{
    public sealed override IReadOnlyList<object?> Cells(KubernetesObject obj, DateTimeOffset now) => Row((T)obj, now);

    protected abstract IReadOnlyList<object?> Row(T obj, DateTimeOffset now);

    protected static TableColumn Column(string name, string type, string description, int priority = 0) => new(name, type, description, priority);

    protected static TableColumn Wide(string name, string description) => new(name, "string", description, 1);

    protected static TableColumn ContainersColumn { get; } = Wide("Containers", "Names of each container in the template.");

    protected static TableColumn ImagesColumn { get; } = Wide("Images", "Images referenced by each container in the template.");
}
