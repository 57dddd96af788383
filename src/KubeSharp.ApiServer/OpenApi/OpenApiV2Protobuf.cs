namespace KubeSharp.ApiServer.OpenApi;

internal static class OpenApiV2Protobuf
{
    public static byte[] Encode(byte[] json) => throw new NotSupportedException(json.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
