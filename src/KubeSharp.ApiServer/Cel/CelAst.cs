namespace KubeSharp.ApiServer.Cel;

/// <summary>A node of a parsed CEL expression; Offset is the UTF-16 index of the node in the source.</summary>
internal abstract record CelExpr(int Offset);

internal sealed record CelConstExpr(int Offset, object? Value) : CelExpr(Offset);

internal sealed record CelIdentExpr(int Offset, string Name) : CelExpr(Offset);

/// <summary>Field selection <c>operand.field</c>; with TestOnly it is the <c>has(operand.field)</c> macro.</summary>
internal sealed record CelSelectExpr(int Offset, CelExpr Operand, string Field, bool TestOnly) : CelExpr(Offset);

/// <summary>
/// A function call, global (Target null) or receiver-style. Operators are calls with CEL's internal
/// names: <c>_+_</c>, <c>_&amp;&amp;_</c>, <c>!_</c>, <c>-_</c>, <c>_?_:_</c>, <c>_[_]</c>, <c>@in</c>.
/// </summary>
internal sealed record CelCallExpr(int Offset, CelExpr? Target, string Function, IReadOnlyList<CelExpr> Args) : CelExpr(Offset);

internal sealed record CelListExpr(int Offset, IReadOnlyList<CelExpr> Elements) : CelExpr(Offset);

internal sealed record CelMapExpr(int Offset, IReadOnlyList<KeyValuePair<CelExpr, CelExpr>> Entries) : CelExpr(Offset);

internal enum CelMacroKind
{
    All,
    Exists,
    ExistsOne,
    Map,
    Filter,
}

/// <summary>
/// An expanded comprehension macro over Range binding Variable. Step is the predicate (all, exists,
/// exists_one, filter) or the transform (map); Filter is map's optional three-argument predicate.
/// </summary>
internal sealed record CelComprehensionExpr(int Offset, CelMacroKind Kind, CelExpr Range, string Variable, CelExpr Step, CelExpr? Filter) : CelExpr(Offset);
