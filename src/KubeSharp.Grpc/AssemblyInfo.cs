namespace KubeSharp.Grpc;
