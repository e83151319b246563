namespace Daybreak.Simulation.Organisation;

/// <summary>A department's share of the workforce and its job titles. HighValue marks mailboxes attackers want.</summary>
internal sealed record DepartmentProfile(string Name, double Share, bool HighValue, string[] Titles)
{
    public static readonly DepartmentProfile[] All =
    [
        new("Executive Leadership", 0.01, true, ["Chief Executive Officer", "Chief Financial Officer", "Chief Operating Officer", "Chief Technology Officer", "Executive Vice President"]),
        new("Security", 0.02, true, ["Chief Information Security Officer", "Security Engineer", "SOC Analyst", "Incident Responder"]),
        new("Legal", 0.02, true, ["General Counsel", "Senior Counsel", "Paralegal", "Compliance Officer"]),
        new("IT", 0.05, false, ["IT Administrator", "Systems Engineer", "Service Desk Analyst", "Identity Engineer"]),
        new("Executive Office", 0.01, false, ["Executive Assistant"]),
        new("Engineering", 0.24, false, ["Software Engineer", "Senior Software Engineer", "Engineering Manager", "QA Engineer"]),
        new("Sales", 0.20, false, ["Account Executive", "Sales Manager", "Sales Development Representative"]),
        new("Marketing", 0.08, false, ["Marketing Manager", "Content Strategist", "Designer"]),
        new("Finance", 0.08, false, ["Accountant", "Financial Analyst", "Controller"]),
        new("Human Resources", 0.04, false, ["HR Business Partner", "Recruiter", "Payroll Specialist"]),
        new("Operations", 0.15, false, ["Operations Manager", "Logistics Coordinator", "Analyst"]),
        new("Customer Support", 0.10, false, ["Support Engineer", "Customer Success Manager"]),
    ];
}
