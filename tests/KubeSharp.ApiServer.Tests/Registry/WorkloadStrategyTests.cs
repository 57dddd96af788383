using KubeSharp.Api;
using KubeSharp.Api.Apps.V1;
using KubeSharp.Api.Batch.V1;
using KubeSharp.Api.Core.V1;
using KubeSharp.ApiServer.Registry;
using KubeSharp.ApiServer.Registry.Strategies;

namespace KubeSharp.ApiServer.Tests.Registry;

public sealed class WorkloadStrategyTests
{
    private static readonly IReadOnlyDictionary<Type, ResourceStrategy> Strategies = BuiltInStrategies.Create();

    private static T Copy<T>(T obj)
        where T : KubernetesObject => KubeJson.Deserialize<T>(KubeJson.SerializeToUtf8Bytes(obj, typeof(T)))!;

    private static Deployment NewDeployment(Dictionary<string, string> selector, Dictionary<string, string> templateLabels)
    {
        var deployment = new Deployment
        {
            Metadata = new ObjectMeta { Name = "web", Namespace = "default" },
            Spec = new DeploymentSpec
            {
                Selector = new LabelSelector { MatchLabels = selector },
                Template = new PodTemplateSpec
                {
                    Metadata = new ObjectMeta { Labels = templateLabels },
                    Spec = new PodSpec { Containers = [new Container { Name = "nginx", Image = "nginx" }] },
                },
            },
        };
        Strategies[typeof(Deployment)].Default(deployment);
        return deployment;
    }

    [Fact]
    public void Deployment_defaults_reach_its_pod_template()
    {
        var deployment = NewDeployment(new() { ["app"] = "web" }, new() { ["app"] = "web" });
        Assert.Equal(1, deployment.Spec!.Replicas);
        Assert.Equal("Always", deployment.Spec.Template!.Spec!.RestartPolicy);
        Assert.Equal("ClusterFirst", deployment.Spec.Template.Spec.DnsPolicy);
        Assert.Equal("Always", deployment.Spec.Template.Spec.Containers![0].ImagePullPolicy);
        Assert.Empty(Strategies[typeof(Deployment)].Validate(deployment));
    }

    [Fact]
    public void Deployment_selector_not_matching_template_is_invalid()
    {
        var deployment = NewDeployment(new() { ["app"] = "web" }, new() { ["app"] = "api" });
        var error = Assert.Single(Strategies[typeof(Deployment)].Validate(deployment));
        Assert.Equal("spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"api\"}: `selector` does not match template `labels`", error.ToString());
    }

    [Fact]
    public void Deployment_without_selector_is_invalid()
    {
        var deployment = NewDeployment(new() { ["app"] = "web" }, new() { ["app"] = "web" });
        deployment.Spec!.Selector = null;
        Assert.Contains("spec.selector: Required value", Strategies[typeof(Deployment)].Validate(deployment).Select(e => e.ToString()));
    }

    [Fact]
    public void Negative_replicas_are_invalid()
    {
        var deployment = NewDeployment(new() { ["app"] = "web" }, new() { ["app"] = "web" });
        deployment.Spec!.Replicas = -1;
        Assert.Contains("spec.replicas: Invalid value: -1: must be greater than or equal to 0", Strategies[typeof(Deployment)].Validate(deployment).Select(e => e.ToString()));
    }

    [Fact]
    public void Deployment_selector_is_immutable()
    {
        var old = NewDeployment(new() { ["app"] = "web" }, new() { ["app"] = "web", ["tier"] = "front" });
        var updated = Copy(old);
        updated.Spec!.Selector = new LabelSelector { MatchLabels = new() { ["tier"] = "front" } };
        var error = Assert.Single(Strategies[typeof(Deployment)].ValidateUpdate(updated, old));
        Assert.Equal("spec.selector", error.Field);
        Assert.EndsWith(": field is immutable", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void ReplicaSet_template_must_restart_always()
    {
        var rs = new ReplicaSet
        {
            Metadata = new ObjectMeta { Name = "rs", Namespace = "default" },
            Spec = new ReplicaSetSpec
            {
                Selector = new LabelSelector { MatchLabels = new() { ["a"] = "b" } },
                Template = new PodTemplateSpec { Metadata = new ObjectMeta { Labels = new() { ["a"] = "b" } }, Spec = new PodSpec { RestartPolicy = "Never", Containers = [new Container { Name = "c", Image = "i" }] } },
            },
        };
        var strategy = Strategies[typeof(ReplicaSet)];
        strategy.Default(rs);
        Assert.Contains("spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values: \"Always\"", strategy.Validate(rs).Select(e => e.ToString()));
        Assert.Equal("0", strategy.FieldValue(rs, "status.replicas"));
    }

    [Fact]
    public void Job_gets_a_generated_selector_and_pod_labels_on_create()
    {
        var job = new Job
        {
            Metadata = new ObjectMeta { Name = "pi", Namespace = "default", Uid = "1234" },
            Spec = new JobSpec { Template = new PodTemplateSpec { Spec = new PodSpec { RestartPolicy = "Never", Containers = [new Container { Name = "pi", Image = "perl" }] } } },
        };
        var strategy = Strategies[typeof(Job)];
        strategy.Default(job);
        strategy.PrepareForCreate(job);
        Assert.Equal(new Dictionary<string, string> { ["batch.kubernetes.io/controller-uid"] = "1234" }, job.Spec!.Selector!.MatchLabels);
        var labels = job.Spec.Template!.Metadata!.Labels!;
        Assert.Equal("1234", labels["batch.kubernetes.io/controller-uid"]);
        Assert.Equal("pi", labels["batch.kubernetes.io/job-name"]);
        Assert.Equal("1234", labels["controller-uid"]);
        Assert.Equal("pi", labels["job-name"]);
        Assert.Equal(1, job.Spec.Completions);
        Assert.Empty(strategy.Validate(job));
    }

    [Fact]
    public void Job_with_manual_selector_keeps_its_selector_and_must_match_its_template()
    {
        var job = new Job
        {
            Metadata = new ObjectMeta { Name = "pi", Namespace = "default", Uid = "1234" },
            Spec = new JobSpec
            {
                ManualSelector = true,
                Selector = new LabelSelector { MatchLabels = new() { ["app"] = "pi" } },
                Template = new PodTemplateSpec { Metadata = new ObjectMeta { Labels = new() { ["app"] = "other" } }, Spec = new PodSpec { RestartPolicy = "OnFailure", Containers = [new Container { Name = "pi", Image = "perl" }] } },
            },
        };
        var strategy = Strategies[typeof(Job)];
        strategy.Default(job);
        strategy.PrepareForCreate(job);
        Assert.Equal(new Dictionary<string, string> { ["app"] = "pi" }, job.Spec!.Selector!.MatchLabels);
        Assert.Contains(strategy.Validate(job), e => e.Field == "spec.template.metadata.labels");
    }

    [Fact]
    public void Job_pod_template_must_not_restart_always()
    {
        var job = new Job { Metadata = new ObjectMeta { Name = "j", Namespace = "default", Uid = "u" }, Spec = new JobSpec { Template = new PodTemplateSpec { Spec = new PodSpec { Containers = [new Container { Name = "c", Image = "i" }] } } } };
        var strategy = Strategies[typeof(Job)];
        strategy.Default(job);
        strategy.PrepareForCreate(job);
        Assert.Contains("spec.template.spec.restartPolicy: Unsupported value: \"Always\": supported values: \"OnFailure\", \"Never\"", strategy.Validate(job).Select(e => e.ToString()));
    }

    [Fact]
    public void CronJob_job_template_gets_pod_defaults()
    {
        var cronJob = new CronJob
        {
            Metadata = new ObjectMeta { Name = "c", Namespace = "default" },
            Spec = new CronJobSpec { Schedule = "* * * * *", JobTemplate = new JobTemplateSpec { Spec = new JobSpec { Template = new PodTemplateSpec { Spec = new PodSpec { RestartPolicy = "OnFailure", Containers = [new Container { Name = "c", Image = "busybox" }] } } } } },
        };
        var strategy = Strategies[typeof(CronJob)];
        strategy.Default(cronJob);
        Assert.Equal("Allow", cronJob.Spec!.ConcurrencyPolicy);
        Assert.Equal("default-scheduler", cronJob.Spec.JobTemplate!.Spec!.Template!.Spec!.SchedulerName);
        Assert.Empty(strategy.Validate(cronJob));
    }

    [Fact]
    public void ReplicationController_template_defaults_and_selector_from_labels()
    {
        var rc = new ReplicationController
        {
            Metadata = new ObjectMeta { Name = "rc", Namespace = "default" },
            Spec = new ReplicationControllerSpec { Template = new PodTemplateSpec { Metadata = new ObjectMeta { Labels = new() { ["app"] = "x" } }, Spec = new PodSpec { Containers = [new Container { Name = "c", Image = "i" }] } } },
        };
        var strategy = Strategies[typeof(ReplicationController)];
        strategy.Default(rc);
        Assert.Equal("x", rc.Spec!.Selector!["app"]);
        Assert.Equal("Always", rc.Spec.Template!.Spec!.RestartPolicy);
        Assert.Empty(strategy.Validate(rc));
    }
}
