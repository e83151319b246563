namespace Daybreak.Simulation.Organisation;

internal static class Names
{
    public static readonly string[] Given =
    [
        "James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David", "Elizabeth", "William",
        "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Charles", "Karen", "Daniel", "Lisa",
        "Matthew", "Nancy", "Anthony", "Sandra", "Mark", "Ashley", "Priya", "Wei", "Fatima", "Oluwaseun", "Sofia",
        "Mateo", "Aisha", "Hiroshi", "Ingrid", "Lars", "Chloe", "Noah", "Amara", "Diego", "Yuki", "Emma", "Liam",
        "Olivia", "Arjun", "Zara", "Tomasz", "Anika", "Kenji", "Leila", "Omar", "Grace", "Samuel", "Hannah", "Ravi",
        "Elena", "Marcus", "Nina",
    ];

    public static readonly string[] Family =
    [
        "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
        "Hernandez", "Lopez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee", "Patel",
        "Chen", "Okafor", "Kowalski", "Nakamura", "Schmidt", "Rossi", "Dubois", "Novak", "Singh", "Kim", "Nguyen",
        "Haddad", "Andersson", "Costa", "Murphy", "O'Brien", "Walker", "Young", "Allen", "King", "Wright", "Scott",
        "Green", "Baker", "Adams", "Nelson", "Hill", "Campbell", "Mitchell", "Roberts", "Carter", "Phillips", "Evans",
        "Turner", "Torres", "Parker", "Collins", "Edwards", "Stewart",
    ];

    public static readonly string[] AppWords =
    [
        "Portal", "Sync", "Connector", "Reporting", "Dashboard", "Automation", "Gateway", "Insights", "Workflow",
        "Scheduler", "Ingest", "Bot", "Analytics", "Billing", "Inventory",
    ];
}
