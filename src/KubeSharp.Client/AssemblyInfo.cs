namespace KubeSharp.Client;
