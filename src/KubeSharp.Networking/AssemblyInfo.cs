namespace KubeSharp.Networking;
