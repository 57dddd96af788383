namespace KubeSharp.Node;
