using Daybreak.Cli;

return DaybreakApp.Run(args);
