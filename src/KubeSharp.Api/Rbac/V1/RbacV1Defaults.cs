namespace KubeSharp.Api.Rbac.V1;

/// <summary>Server-side defaulting of rbac.authorization.k8s.io/v1 objects: the API groups of references.</summary>
public static class RbacV1Defaults
{
    public const string GroupName = "rbac.authorization.k8s.io";

    public static void Apply(RoleBinding binding)
    {
        ArgumentNullException.ThrowIfNull(binding);
        ApplyToRoleRef(binding.RoleRef ??= new RoleRef());
        ApplyToSubjects(binding.Subjects);
    }

    public static void Apply(ClusterRoleBinding binding)
    {
        ArgumentNullException.ThrowIfNull(binding);
        ApplyToRoleRef(binding.RoleRef ??= new RoleRef());
        ApplyToSubjects(binding.Subjects);
    }

    private static void ApplyToRoleRef(RoleRef roleRef)
    {
        if (string.IsNullOrEmpty(roleRef.ApiGroup))
        {
            roleRef.ApiGroup = GroupName;
        }
    }

    private static void ApplyToSubjects(List<Subject>? subjects)
    {
        foreach (var subject in subjects ?? [])
        {
            if (!string.IsNullOrEmpty(subject.ApiGroup))
            {
                continue;
            }

            subject.ApiGroup = subject.Kind switch
            {
                "ServiceAccount" => "",
                "User" or "Group" => GroupName,
                _ => subject.ApiGroup,
            };
        }
    }
}
