namespace Daybreak.Simulation.Scenarios;

/// <summary>An attack injected into the benign tenant. Plans all its records up front (they are few).</summary>
internal interface IScenario
{
    string Name { get; }

    void Plan(ScenarioContext context);
}
