namespace KubeSharp.Scheduler;
