namespace VoiceAssist.Compliance.Contracts;

/// <summary>The kinds of protected health information the detector reports: the HIPAA Safe Harbor identifiers,
/// grouped as clinical text shows them. See docs/phi.md for what each covers.</summary>
public static class PhiTypes
{
    public const string Name = "NAME";
    public const string Date = "DATE";
    public const string Age = "AGE";
    public const string Phone = "PHONE";
    public const string Fax = "FAX";
    public const string Email = "EMAIL";
    public const string Ssn = "SSN";
    public const string Mrn = "MRN";
    public const string HealthPlan = "HEALTH_PLAN";
    public const string Account = "ACCOUNT";
    public const string License = "LICENSE";
    public const string Vehicle = "VEHICLE";
    public const string Device = "DEVICE";
    public const string Url = "URL";
    public const string Ip = "IP";
    public const string Address = "ADDRESS";
    public const string City = "CITY";
    public const string State = "STATE";
    public const string Zip = "ZIP";
    public const string Id = "ID";
    public const string Hospital = "HOSPITAL";
    public const string Organization = "ORGANIZATION";

    public static readonly IReadOnlyList<string> All =
    [
        Name, Date, Age, Phone, Fax, Email, Ssn, Mrn, HealthPlan, Account, License, Vehicle, Device, Url, Ip,
        Address, City, State, Zip, Id, Hospital, Organization,
    ];
}
