using Microsoft.Extensions.Logging;

namespace KubeSharp;

/// <summary>Structured console logs (one line per entry, UTC timestamps); KUBESHARP_LOG_LEVEL sets the level.</summary>
internal static class Logging
{
    public static ILoggerFactory Create()
    {
        var level = Enum.TryParse<LogLevel>(Environment.GetEnvironmentVariable("KUBESHARP_LOG_LEVEL"), ignoreCase: true, out var l) ? l : LogLevel.Information;
        return LoggerFactory.Create(b => b
            .SetMinimumLevel(level)
            .AddFilter("Microsoft", LogLevel.Warning)
            .AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            }));
    }
}
