namespace KubeSharp.Controllers;
