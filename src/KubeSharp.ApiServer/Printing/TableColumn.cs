namespace KubeSharp.ApiServer.Printing;

/// <summary>A column of server-side printing (metav1.TableColumnDefinition).</summary>
/// <param name="Type">integer, number, string, boolean or date.</param>
/// <param name="Priority">0 = default output; 1 = only with -o wide.</param>
public sealed record TableColumn(string Name, string Type, string Description, int Priority = 0, string Format = "");
