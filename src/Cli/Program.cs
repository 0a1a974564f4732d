using SensorStream.Cli;

return await SensorStreamCommand.Create().Parse(args).InvokeAsync();
