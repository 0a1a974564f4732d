using System.CommandLine;
using SensorStream.Cli;

namespace SensorStream.Tests.Infrastructure;

/// <summary>Runs the <c>sensorstream</c> command tree in-process with captured output, as a user would from a shell.</summary>
public static class CliRunner
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static async Task<Result> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await SensorStreamCommand.Create().Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error })
            .WaitAsync(TimeSpan.FromMinutes(3));
        return new Result(exitCode, output.ToString(), error.ToString());
    }
}
