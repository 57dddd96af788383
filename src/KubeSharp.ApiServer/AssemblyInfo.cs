namespace KubeSharp.ApiServer;
