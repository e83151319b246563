namespace Daybreak.Simulation.Organisation;

/// <summary>A city as Entra reports it in a sign-in's location.</summary>
internal sealed record GeoPlace(string City, string State, string CountryCode, double Latitude, double Longitude, int UtcOffsetHours);
