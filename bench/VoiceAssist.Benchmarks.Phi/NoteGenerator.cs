using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using VoiceAssist.Compliance.Phi.Detection;

namespace VoiceAssist.Benchmarks.Phi;

/// <summary>Synthetic clinical notes with annotated PHI, built from templates. Every identifier is invented: names
/// are drawn from the detector's name lists and, a third of the time, from names the detector has never seen;
/// numbers are random. The development set and the held-out set use different templates, so rules tuned on the
/// first are measured on phrasing they were not tuned on. Templates also carry the things that must not be
/// flagged: drugs and doses, eponymous diseases, scores, lab values, years alone, ages under 90.</summary>
internal static partial class NoteGenerator
{
    private static readonly string[] UnseenFirstNames =
    [
        "Zelda", "Thaddeus", "Ottoline", "Lysander", "Marisol", "Ezequiel", "Oluwaseun", "Chiamaka", "Siobhan", "Niamh", "Tadhg", "Aurelio",
        "Bronwyn", "Cosima", "Dagny", "Evander", "Fenella", "Gideon", "Henrike", "Ignatius", "Jolanta", "Kasimir", "Leocadia", "Mireille",
        "Anselm", "Philippa", "Rosalind", "Soraya", "Tobias", "Wilhelmina", "Yusuf", "Zofia",
    ];

    private static readonly string[] UnseenSurnames =
    [
        "Okonkwo", "Przybylski", "Vanderhoeven", "Abernathy", "Castellanos", "Delacroix", "Eisenberg", "Fairweather", "Grabowski", "Halvorsen",
        "Ishikawa", "Jaworski", "Kowalczyk", "Lindgren", "Marchetti", "Nakashima", "Oyelaran", "Pemberton", "Quintero", "Szymanski",
        "Thistlewood", "Ueda", "Villalobos", "Wojcik", "Yilmaz", "Zarkovic", "Achterberg", "Bellweather", "Cattaneo", "Drummond-Hay",
    ];

    private static readonly string[] UnseenTowns = ["Millbrook", "Cedar Falls", "Westbury", "Hollis", "Ashford", "Glenwood", "Fairhaven", "Stonebridge"];

    private static readonly string[] HospitalPatterns =
    [
        "{0} General Hospital", "St. Agnes Medical Center", "Mercy Hospital", "Riverside Community Hospital", "Lakeview Clinic",
        "Brookhaven Memorial Hospital", "Northshore Rehabilitation Center", "Pine Ridge Nursing Home", "{0} Medical Center",
        "Good Samaritan Hospital", "{1} Family Health Center", "Sacred Heart Hospital",
    ];

    private static readonly string[] Organizations = ["Acme Logistics Inc", "Blue Harbor Insurance Company", "Northfield Pharmacy", "Granite State Bank", "Hillside Elementary School"];

    private static readonly string[] Streets = ["Maple", "Oak", "Elm", "Cedar", "Washington", "Lincoln", "Highland", "Prospect", "Chestnut", "Willow", "Sunset", "River"];

    private static readonly string[] StreetTypes = ["Street", "St", "Avenue", "Ave", "Road", "Rd", "Lane", "Drive", "Court", "Way", "Blvd", "Terrace"];

    private static readonly string[] DevelopmentTemplates =
    [
        "Patient: {plast}, {pfirst}\nMRN: {mrn}\nDOB: {dob}\nAdmission Date: {date}\nDischarge Date: {date}\nAttending: {drfull}, MD\n",
        "HISTORY OF PRESENT ILLNESS: {pfirst} {plast} is a {age}-year-old man with a history of Parkinson disease and hypertension who presented to {hospital} on {date} with chest pain. He was seen by Dr. {drlast} in the emergency department.\n",
        "HPI: Mrs. {plast} is a {age90}-year-old woman with Alzheimer's dementia, atrial fibrillation on Eliquis 5 mg BID, and CKD stage 3 who was brought in by her daughter {relfirst}.\n",
        "SOCIAL HISTORY: Lives alone at {street}, {city}, {stateabbr} {zip}. Retired teacher. Quit smoking in 1998. Her son {relfirst} {plast} visits weekly and can be reached at {phone}.\n",
        "MEDICATIONS: Lasix 40 mg PO daily, metoprolol 25 mg BID, Coumadin 5 mg daily (INR goal 2-3), Lipitor 40 mg qhs, Synthroid 75 mcg daily.\n",
        "LABS: Na 138, K 4.1, Cr 1.2, BUN 22, WBC 8.4, Hgb 11.2, Plt 245. HbA1c 7.2% in 2019. Troponin <0.01.\n",
        "PHYSICAL EXAM: BP 132/78, HR 72, T 98.6 F, RR 16, SpO2 97% on room air. Strength 5/5 throughout. 2/6 systolic murmur at the left sternal border. Babinski sign negative. Murphy's sign negative.\n",
        "ASSESSMENT AND PLAN: {age}-year-old with Crohn's disease flare. Continue prednisone 40 mg daily, taper over 2 weeks. Follow up with Dr. {drfirst} {drlast} at {hospital} on {mdate}. Discussed with {nursefirst} {nurselast}, RN.\n",
        "Insurance: Member ID {plan}. Account #: {acct}. Contact email: {email}.\n",
        "Pacemaker serial number {device} implanted {date}. Device interrogation normal.\n",
        "The patient's SSN is {ssn}. Emergency contact: {relfirst} {rellast} (wife), phone {phone}, fax {fax}.\n",
        "Records were requested from {url} and faxed to {fax}. Portal login came from IP {ip}.\n",
        "Driver's license {lic}. Patient arrived by car, license plate {plate}, VIN {vin}.\n",
        "FAMILY HISTORY: Mother with Hodgkin lymphoma, father with Huntington's disease, died at age 71. Brother with Graves disease.\n",
        "Electronically signed by {drfirst} {drlast}, MD on {date} at 14:32.\n",
        "Dictated by: {drfull}\nTranscribed by: {nursefirst} {nurselast}\ncc: Dr. {drlast2}, {hospital}\n",
        "Patient was transferred from {hospital} to {hospital2} on {date}. Outside records (case no. {id}) reviewed.\n",
        "{pfirst} was last seen in clinic on {mdate}. She lives in {city} with her husband {relfirst}. Next appointment {date}.\n",
    ];

    private static readonly string[] HeldOutTemplates =
    [
        "Name: {pfirst} {plast}    Unit No: {mrn}\nDate of birth {dob}    Date of service {date}\nPCP: {drfirst} {drlast}\n",
        "Ms. {plast} ({age90} y/o) was admitted {date} after a fall at home. Per her granddaughter, {relfirst}, she has had Bell's palsy since 2015 and takes aspirin 81 mg daily.\n",
        "I spoke with {relfirst} {rellast}, the patient's nephew, at {phone} and reviewed the plan. He lives at {street} in {city}.\n",
        "Pt {pfirst} {plast} seen today in follow up. Wilson's disease well controlled on penicillamine. Hgb 12.9, ALT 31, AST 28. Return in 6 months or sooner.\n",
        "CONSULT NOTE\nRequesting physician: {drfull}\nReason: evaluation of Cushing syndrome.\nThank you for this referral. I saw {pfirst} {plast} on {date} at {hospital}.\n",
        "Correspondence: {street}, {city}, {statename} {zip}. Tel {phone}. E-mail {email}. Health plan subscriber no. {plan}.\n",
        "Assessment: Guillain-Barre syndrome, improving. NIHSS 0. GCS 15. Motor 4/5 in lower extremities. Plan IVIG day 3 of 5. Discussed with Dr. {drlast}.\n",
        "Neurostimulator model no. {device} checked {mdate}. Billing account {acct}. Website for the device clinic: {url}\n",
        "{relfirst} (daughter) called on {date} asking for records; callback {phone}. Her patient portal account was accessed from {ip}.\n",
        "Seen by {nursefirst} {nurselast}, NP. Patient is a {age}-year-old retired machinist from {city}, {stateabbr}. His mother is {age90} and lives in {hospital}.\n",
    ];

    public static List<AnnotatedDocument> Generate(int seed, int count, bool heldOut)
    {
        var random = new Random(seed);
        var dictionaries = PhiDictionaries.Shared;
        var firstNames = dictionaries.FirstNames.Where(n => !dictionaries.AmbiguousNames.Contains(n)).Order(StringComparer.Ordinal).ToArray();
        var surnames = dictionaries.Surnames.Where(n => !dictionaries.AmbiguousNames.Contains(n) && !dictionaries.ClinicalTerms.Contains(n))
            .Order(StringComparer.Ordinal).ToArray();
        var cities = dictionaries.Cities.Where(c => !dictionaries.IsName(c) && !dictionaries.AmbiguousNames.Contains(c)).Order(StringComparer.Ordinal).ToArray();
        var states = dictionaries.StateAbbreviations.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToArray();
        var templates = heldOut ? HeldOutTemplates : DevelopmentTemplates;
        var documents = new List<AnnotatedDocument>(count);
        for (var n = 0; n < count; n++)
        {
            var note = new NoteBuilder(random, firstNames, surnames, cities, states);
            var sections = templates.OrderBy(_ => random.Next()).Take(random.Next(3, 7));
            foreach (var template in sections)
            {
                note.Append(template);
            }

            documents.Add(note.Build());
        }

        return documents;
    }

    private sealed class NoteBuilder(Random random, string[] firstNames, string[] surnames, string[] cities, KeyValuePair<string, string>[] states)
    {
        private readonly StringBuilder text = new();
        private readonly List<AnnotatedSpan> spans = [];
        private readonly Dictionary<string, string> people = new(StringComparer.Ordinal);

        public void Append(string template)
        {
            var position = 0;
            foreach (Match slot in SlotRegex().Matches(template))
            {
                text.Append(template, position, slot.Index - position);
                position = slot.Index + slot.Length;
                var (value, type) = Fill(slot.Groups[1].Value);
                if (type is null)
                {
                    text.Append(value);
                    continue;
                }

                spans.AddRange(Annotate(value, type, text.Length));
                text.Append(value);
            }

            text.Append(template, position, template.Length - position);
        }

        public AnnotatedDocument Build() => new(text.ToString(), spans);

        /// <summary>Names are annotated per word run (as de-identification corpora do), with punctuation outside.</summary>
        private static IEnumerable<AnnotatedSpan> Annotate(string value, string type, int offset)
        {
            if (type != "NAME" || !value.Contains(", ", StringComparison.Ordinal))
            {
                yield return new AnnotatedSpan(offset, offset + value.Length, type);
                yield break;
            }

            var comma = value.IndexOf(", ", StringComparison.Ordinal);
            yield return new AnnotatedSpan(offset, offset + comma, type);
            yield return new AnnotatedSpan(offset + comma + 2, offset + value.Length, type);
        }

        private (string Value, string? Type) Fill(string slot) => slot switch
        {
            "pfirst" => (Person("pfirst", First), "NAME"),
            "plast" => (Person("plast", Last), "NAME"),
            "relfirst" => (Person("relfirst", First), "NAME"),
            "rellast" => (Person("rellast", Last), "NAME"),
            "drfirst" => (Person("drfirst", First), "NAME"),
            "drlast" => (Person("drlast", Last), "NAME"),
            "drlast2" => (Person("drlast2", Last), "NAME"),
            "drfull" => (Person("drfull", () => random.Next(3) == 0 ? $"{First()} {(char)('A' + random.Next(26))}. {Last()}" : $"{First()} {Last()}"), "NAME"),
            "nursefirst" => (Person("nursefirst", First), "NAME"),
            "nurselast" => (Person("nurselast", Last), "NAME"),
            "date" => (Date(withYear: true), "DATE"),
            "dob" => (Date(withYear: true, birth: true), "DATE"),
            "mdate" => (Date(withYear: false), "DATE"),
            "age" => (random.Next(18, 89).ToString(CultureInfo.InvariantCulture), null),
            "age90" => (random.Next(90, 104).ToString(CultureInfo.InvariantCulture), "AGE"),
            "phone" => (Phone(), "PHONE"),
            "fax" => (Phone(), "FAX"),
            "email" => ($"{Person("pfirst", First).ToLowerInvariant()}.{Digits(2)}@{Pick(["mailbox.example", "example.com", "postmail.example.org"])}", "EMAIL"),
            "ssn" => ($"{random.Next(1, 665):000}-{random.Next(1, 99):00}-{random.Next(1, 9999):0000}", "SSN"),
            "mrn" => (random.Next(2) == 0 ? Digits(7) : $"{Letters(2)}{Digits(6)}", "MRN"),
            "plan" => ($"{Letters(3)}{Digits(9)}", "HEALTH_PLAN"),
            "acct" => (Digits(random.Next(8, 11)), "ACCOUNT"),
            "lic" => ($"{Letters(1)}{Digits(7)}", "LICENSE"),
            "plate" => ($"{Digits(1)}{Letters(3)}{Digits(3)}", "VEHICLE"),
            "vin" => (Vin(), "VEHICLE"),
            "device" => ($"{Letters(3)}{Digits(6)}{Letters(1)}", "DEVICE"),
            "url" => ($"https://www.{Pick(["records", "portal", "care"])}{Digits(3)}.example.org/patient/{Digits(5)}", "URL"),
            "ip" => ($"{random.Next(11, 223)}.{random.Next(0, 255)}.{random.Next(0, 255)}.{random.Next(1, 254)}", "IP"),
            "street" => ($"{random.Next(1, 9999)} {Pick(Streets)} {Pick(StreetTypes)}", "ADDRESS"),
            "city" => (random.Next(4) == 0 ? Pick(UnseenTowns) : Pick(cities), "CITY"),
            "stateabbr" => (Pick(states).Key, "STATE"),
            "statename" => (Pick(states).Value, "STATE"),
            "zip" => (Digits(5), "ZIP"),
            "hospital" or "hospital2" => (string.Format(CultureInfo.InvariantCulture, Pick(HospitalPatterns), Pick(cities), Last()), "HOSPITAL"),
            "org" => (Pick(Organizations), "ORGANIZATION"),
            "id" => ($"{Letters(2)}-{Digits(6)}", "ID"),
            _ => throw new InvalidOperationException($"Unknown slot {slot}."),
        };

        private string Person(string key, Func<string> make)
        {
            if (!people.TryGetValue(key, out var name))
            {
                people[key] = name = make();
            }

            return name;
        }

        private string First() => random.Next(3) == 0 ? Pick(UnseenFirstNames) : Pick(firstNames);

        private string Last() => random.Next(3) == 0 ? Pick(UnseenSurnames) : Pick(surnames);

        private string Date(bool withYear, bool birth = false)
        {
            var date = new DateTime(birth ? random.Next(1925, 2005) : random.Next(2015, 2026), random.Next(1, 13), random.Next(1, 29), 0, 0, 0, DateTimeKind.Unspecified);
            var formats = withYear
                ? new[] { "MM/dd/yyyy", "M/d/yyyy", "M/d/yy", "yyyy-MM-dd", "MMMM d, yyyy", "MMM d, yyyy", "d MMM yyyy", "dd-MMM-yyyy" }
                : ["MMMM d", "MMM d", "M/d"];
            var format = Pick(formats);
            return date.ToString(format, CultureInfo.InvariantCulture);
        }

        private string Phone() => random.Next(3) switch
        {
            0 => $"({random.Next(201, 989)}) {random.Next(201, 999)}-{Digits(4)}",
            1 => $"{random.Next(201, 989)}-{random.Next(201, 999)}-{Digits(4)}",
            _ => $"{random.Next(201, 989)}.{random.Next(201, 999)}.{Digits(4)}",
        };

        private string Vin()
        {
            const string alphabet = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789";
            while (true)
            {
                var chars = Enumerable.Range(0, 17).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray();
                for (var check = 0; check <= 10; check++)
                {
                    chars[8] = check == 10 ? 'X' : (char)('0' + check);
                    if (Checksums.IsValidVin(chars))
                    {
                        return new string(chars);
                    }
                }
            }
        }

        private string Digits(int n) => string.Concat(Enumerable.Range(0, n).Select(i => (char)('0' + (i == 0 ? random.Next(1, 10) : random.Next(10)))));

        private string Letters(int n) => string.Concat(Enumerable.Range(0, n).Select(_ => (char)('A' + random.Next(26))));

        private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];
    }

    [GeneratedRegex(@"\{([a-z0-9]+)\}")]
    private static partial Regex SlotRegex();
}
