using KubeSharp.Node.Kubelet;

namespace KubeSharp.Node.Tests;

/// <summary>The kubelet's /logs/ file server: paths stay inside the log directory; directories list as links.</summary>
public sealed class NodeLogFilesTests
{
    [Theory]
    [InlineData("", "/var/log")]
    [InlineData("/", "/var/log")]
    [InlineData("/apt/history.log", "/var/log/apt/history.log")]
    public void Paths_resolve_under_the_log_directory(string relative, string expected) =>
        Assert.Equal(expected, NodeLogFiles.Resolve("/var/log", relative));

    [Theory]
    [InlineData("/../etc/passwd")]
    [InlineData("/apt/../../etc")]
    [InlineData("/../log2")]
    public void Paths_that_leave_the_log_directory_resolve_to_nothing(string relative) =>
        Assert.Null(NodeLogFiles.Resolve("/var/log", relative));

    [Fact]
    public void A_directory_lists_its_entries_as_links_with_directories_ending_in_a_slash()
    {
        var directory = Directory.CreateTempSubdirectory("kubesharp-logs-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(directory, "syslog"), "x");
            Directory.CreateDirectory(Path.Combine(directory, "apt"));
            var listing = NodeLogFiles.Listing(directory);
            Assert.Contains("<a href=\"apt/\">apt/</a>\n<a href=\"syslog\">syslog</a>\n", listing, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
