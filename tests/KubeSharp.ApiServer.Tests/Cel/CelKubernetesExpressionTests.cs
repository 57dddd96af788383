using System.Text.Json.Nodes;
using KubeSharp.ApiServer.Cel;

namespace KubeSharp.ApiServer.Tests.Cel;

/// <summary>Expressions as Kubernetes users write them in matchConditions, policies and CRD rules.</summary>
public sealed class CelKubernetesExpressionTests
{
    private const string Deployment = """
        {
          "apiVersion": "apps/v1",
          "kind": "Deployment",
          "metadata": {"name": "web", "namespace": "default", "labels": {"env": "prod", "app": "web"}},
          "spec": {
            "replicas": 3,
            "template": {"spec": {"containers": [
              {"name": "a", "image": "registry.example.com/a:1"},
              {"name": "b", "image": "registry.example.com/b:2"}
            ]}}
          }
        }
        """;

    private static bool Check(string expression, IReadOnlyCollection<string> variables, Dictionary<string, object?> activation) =>
        CelEnvironment.Compile(expression, variables).EvaluateBool(activation);

    private static Dictionary<string, object?> Admission(string objectJson, string? oldJson = null) => new()
    {
        ["object"] = JsonNode.Parse(objectJson),
        ["oldObject"] = oldJson is null ? null : JsonNode.Parse(oldJson),
        ["request"] = JsonNode.Parse("""{"name": "web", "namespace": "default", "operation": "CREATE", "userInfo": {"username": "alice", "groups": ["system:authenticated"]}}"""),
    };

    [Theory]
    [InlineData("object.spec.replicas <= 5", true)]
    [InlineData("object.spec.replicas > 5", false)]
    [InlineData("object.metadata.name == 'skip-me'", false)]
    [InlineData("!(request.name == 'skip-me')", true)]
    [InlineData("object.spec.template.spec.containers.all(c, c.image.startsWith('registry.example.com/'))", true)]
    [InlineData("object.spec.template.spec.containers.exists(c, c.name == 'b')", true)]
    [InlineData("has(object.metadata.labels) && 'env' in object.metadata.labels", true)]
    [InlineData("has(object.metadata.annotations) && 'x' in object.metadata.annotations", false)]
    [InlineData("object.metadata.labels.env == 'prod'", true)]
    [InlineData("object.spec.template.spec.containers.map(c, c.name).join(',') == 'a,b'", true)]
    [InlineData("size(object.spec.template.spec.containers) == 2", true)]
    [InlineData("request.userInfo.groups.exists(g, g == 'system:authenticated')", true)]
    [InlineData("oldObject == null", true)]
    [InlineData("request.operation in ['CREATE', 'UPDATE']", true)]
    public void Admission_expressions_over_a_deployment(string expression, bool expected) =>
        Assert.Equal(expected, Check(expression, CelEnvironment.WebhookMatchConditionVariables, Admission(Deployment)));

    [Fact]
    public void Policy_variables_are_reachable_through_the_variables_binding()
    {
        var activation = Admission(Deployment);
        activation["variables"] = new CelLazyMap([new("foo", () => JsonNode.Parse("""["x"]"""))]);
        Assert.True(Check("variables.foo.size() > 0", CelEnvironment.AdmissionPolicyVariables, activation));
    }

    [Fact]
    public void A_message_expression_builds_a_string()
    {
        var program = CelEnvironment.Compile("'replicas ' + string(object.spec.replicas) + ' exceed ' + string(5)", CelEnvironment.AdmissionPolicyVariables);
        Assert.Equal("replicas 3 exceed 5", program.EvaluateString(Admission(Deployment)));
    }

    [Theory]
    [InlineData("self.minReplicas <= self.replicas", true)]
    [InlineData("oldSelf == self", false)]
    [InlineData("self.replicas >= oldSelf.replicas", true)]
    [InlineData("self.name.matches('^[a-z]+$')", true)]
    public void Custom_resource_rules_over_self_and_old_self(string expression, bool expected)
    {
        var activation = new Dictionary<string, object?>
        {
            ["self"] = JsonNode.Parse("""{"minReplicas": 1, "replicas": 3, "name": "abc"}"""),
            ["oldSelf"] = JsonNode.Parse("""{"minReplicas": 1, "replicas": 2, "name": "abc"}"""),
        };
        Assert.Equal(expected, Check(expression, CelEnvironment.CustomResourceRuleVariables, activation));
    }

    [Fact]
    public void Equal_json_documents_are_equal_values()
    {
        var activation = new Dictionary<string, object?>
        {
            ["self"] = JsonNode.Parse("""{"a": [1, {"b": "c"}]}"""),
            ["oldSelf"] = JsonNode.Parse("""{"a": [1.0, {"b": "c"}]}"""),
        };
        Assert.True(Check("oldSelf == self", CelEnvironment.CustomResourceRuleVariables, activation));
    }

    [Fact]
    public void A_missing_field_fails_evaluation_with_its_name()
    {
        var error = Assert.Throws<CelEvaluationException>(() =>
            Check("object.spec.paused == true", CelEnvironment.WebhookMatchConditionVariables, Admission(Deployment)));
        Assert.Equal("no such key: paused", error.Message);
    }

    [Fact]
    public void Invalid_match_conditions_fail_compilation()
    {
        Assert.Contains("Syntax error", Assert.Throws<CelCompileException>(() =>
            CelEnvironment.Compile("object.x in [1, 2", CelEnvironment.WebhookMatchConditionVariables)).Message);
        Assert.StartsWith("ERROR: <input>:1:1: undeclared reference to 'params'", Assert.Throws<CelCompileException>(() =>
            CelEnvironment.Compile("params.x == 1", CelEnvironment.WebhookMatchConditionVariables)).Message);
    }
}
