using System.Globalization;
using System.Text.RegularExpressions;
using VoiceAssist.Compliance.Contracts;

namespace VoiceAssist.Compliance.Phi.Detection;

/// <summary>Identifiers with a recognisable shape: contact details, network addresses, numbers with a label or a
/// checksum, dates, ages over 89 and street addresses. Each shape is validated (octets, calendar, checksum) and
/// scored higher when a context word announces it.</summary>
internal static partial class PatternRecognizer
{
    private const string Month =
        @"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?";

    private const string IdValue = @"(?<id>(?=[A-Za-z0-9/.-]*\d)[A-Za-z0-9](?:[A-Za-z0-9]|[-/.](?=[A-Za-z0-9])){2,24})";

    private const string Suffix = @"\s*(?:ID\b|Identifier\b|No\b\.?|Number\b|Nbr\b|#)";

    private const string LabelGap = @"(?:\s*(?:(?:number|num|no|nbr|id)\b\.?|#))?\s*(?:[:#=]|\bis\b|\bwas\b)?\s*#?\s*";

    public static void Find(string text, List<PhiSpan> spans)
    {
        Emails(text, spans);
        Urls(text, spans);
        IpAddresses(text, spans);
        Phones(text, spans);
        Ssns(text, spans);
        LabelledIds(text, spans);
        FreeIds(text, spans);
        Dates(text, spans);
        Ages(text, spans);
        Addresses(text, spans);
    }

    private static void Emails(string text, List<PhiSpan> spans)
    {
        foreach (Match m in EmailRegex().Matches(text))
        {
            spans.Add(new PhiSpan(m.Index, m.Index + m.Length, PhiTypes.Email, 0.99));
        }
    }

    private static void Urls(string text, List<PhiSpan> spans)
    {
        foreach (Match m in UrlRegex().Matches(text))
        {
            var length = m.Length;
            while (length > 0 && text[m.Index + length - 1] is '.' or ',' or ';' or ':' or ')' or '!' or '?')
            {
                length--;
            }

            if ((m.Index > 0 && text[m.Index - 1] == '@') || IsLoopback(m.Value))
            {
                continue;
            }

            var explicitScheme = m.Value.Contains("://", StringComparison.Ordinal) || m.Value.StartsWith("www.", StringComparison.OrdinalIgnoreCase);
            spans.Add(new PhiSpan(m.Index, m.Index + length, PhiTypes.Url, explicitScheme ? 0.97 : 0.85));
        }
    }

    private static void IpAddresses(string text, List<PhiSpan> spans)
    {
        foreach (Match m in Ipv4Regex().Matches(text))
        {
            if (m.Value.Split('.').All(o => int.Parse(o, CultureInfo.InvariantCulture) <= 255) && !IsLoopback(m.Value))
            {
                spans.Add(new PhiSpan(m.Index, m.Index + m.Length, PhiTypes.Ip, 0.95));
            }
        }

        foreach (Match m in Ipv6Regex().Matches(text))
        {
            var colons = m.Value.Count(c => c == ':');
            var compressed = m.Value.Split("::").Length - 1;
            if (compressed <= 1 && !m.Value.Contains(":::", StringComparison.Ordinal) && (colons == 7 || (compressed == 1 && m.Value.Any(char.IsAsciiLetter))))
            {
                spans.Add(new PhiSpan(m.Index, m.Index + m.Length, PhiTypes.Ip, 0.9));
            }
        }
    }

    private static void Phones(string text, List<PhiSpan> spans)
    {
        foreach (Match m in LoosePhoneRegex().Matches(text))
        {
            spans.Add(new PhiSpan(m.Index, m.Index + m.Length, PhoneOrFax(text, m.Index), 0.82));
        }

        foreach (Match m in InternationalPhoneRegex().Matches(text))
        {
            spans.Add(new PhiSpan(m.Index, m.Index + m.Length, PhoneOrFax(text, m.Index), 0.88));
        }

        foreach (Match m in PhoneRegex().Matches(text))
        {
            var digits = new string(m.Value.Where(char.IsAsciiDigit).ToArray());
            var national = digits.Length >= 11 && digits[0] == '1' ? digits[1..] : digits;
            var nanp = national.Length >= 10 && national[0] >= '2' && national[3] >= '2';
            spans.Add(new PhiSpan(m.Index, m.Index + m.Length, PhoneOrFax(text, m.Index), nanp ? 0.93 : 0.8));
        }

        foreach (Match m in ShortPhoneRegex().Matches(text))
        {
            if (m.Value.EndsWith("000", StringComparison.Ordinal) || m.Value.StartsWith("00", StringComparison.Ordinal) || (m.Value[1..3] == "00" && m.Value.EndsWith('0')))
            {
                continue;
            }

            var contact = HasContext(text, m.Index, 40, PhoneContextRegex());
            spans.Add(new PhiSpan(m.Index, m.Index + m.Length, PhoneOrFax(text, m.Index), contact ? 0.85 : 0.6));
        }

        foreach (Match m in PagerRegex().Matches(text))
        {
            var number = m.Groups["n"];
            spans.Add(new PhiSpan(number.Index, number.Index + number.Length, PhoneOrFax(text, number.Index), 0.85));
        }
    }

    private static string PhoneOrFax(string text, int index)
    {
        var from = Math.Max(0, index - 30);
        var before = text[from..index];
        var newline = before.LastIndexOf('\n');
        if (newline >= 0)
        {
            before = before[(newline + 1)..];
        }

        var fax = before.LastIndexOf("fax", StringComparison.OrdinalIgnoreCase);
        if (fax < 0)
        {
            return PhiTypes.Phone;
        }

        var phone = PhoneContextRegex().Matches(before).Where(x => !x.Value.Equals("fax", StringComparison.OrdinalIgnoreCase))
            .Select(x => x.Index).DefaultIfEmpty(-1).Max();
        return fax > phone ? PhiTypes.Fax : PhiTypes.Phone;
    }

    private static void Ssns(string text, List<PhiSpan> spans)
    {
        foreach (Match m in SsnRegex().Matches(text))
        {
            var area = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            var group = int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
            var serial = int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture);
            var context = HasContext(text, m.Index, 30, SsnContextRegex());
            var spaced = m.Value.Contains(' ', StringComparison.Ordinal);
            if (Checksums.IsIssuableSsn(area, group, serial))
            {
                if (!spaced || context)
                {
                    spans.Add(new PhiSpan(m.Index, m.Index + m.Length, PhiTypes.Ssn, context ? 0.99 : 0.93));
                }
            }
            else if (!spaced || context)
            {
                spans.Add(new PhiSpan(m.Index, m.Index + m.Length, context ? PhiTypes.Ssn : PhiTypes.Id, context ? 0.9 : 0.7));
            }
        }

        foreach (Match m in BareSsnRegex().Matches(text))
        {
            var number = m.Groups["n"];
            spans.Add(new PhiSpan(number.Index, number.Index + number.Length, PhiTypes.Ssn, 0.97));
        }
    }

    private static void LabelledIds(string text, List<PhiSpan> spans)
    {
        Labelled(text, spans, MrnLabelRegex(), PhiTypes.Mrn, 0.95, minDigits: 2);
        Labelled(text, spans, HealthPlanLabelRegex(), PhiTypes.HealthPlan, 0.93, minDigits: 2);
        Labelled(text, spans, AccountLabelRegex(), PhiTypes.Account, 0.93, minDigits: 2);
        Labelled(text, spans, LicenseLabelRegex(), PhiTypes.License, 0.93, minDigits: 2);
        Labelled(text, spans, VehicleLabelRegex(), PhiTypes.Vehicle, 0.92, minDigits: 1);
        Labelled(text, spans, DeviceLabelRegex(), PhiTypes.Device, 0.9, minDigits: 2);
        Labelled(text, spans, IdLabelRegex(), PhiTypes.Id, 0.88, minDigits: 3);
    }

    private static void Labelled(string text, List<PhiSpan> spans, Regex regex, string type, double confidence, int minDigits)
    {
        foreach (Match m in regex.Matches(text))
        {
            var id = m.Groups["id"];
            if (id.Value.Count(char.IsAsciiDigit) >= minDigits && !IsMeasurement(id.Value))
            {
                spans.Add(new PhiSpan(id.Index, id.Index + id.Length, type, confidence));
            }
        }
    }

    private static void FreeIds(string text, List<PhiSpan> spans)
    {
        foreach (Match m in CardRegex().Matches(text))
        {
            var separated = m.Value.Contains(' ', StringComparison.Ordinal) || m.Value.Contains('-', StringComparison.Ordinal);
            if (Checksums.Luhn(m.Value))
            {
                spans.Add(new PhiSpan(m.Index, m.Index + m.Length, PhiTypes.Account, separated ? 0.9 : 0.75));
            }
        }

        foreach (Match m in VinRegex().Matches(text))
        {
            if (m.Value.Count(char.IsAsciiLetter) >= 2 && m.Value.Count(char.IsAsciiDigit) >= 2 && Checksums.IsValidVin(m.Value))
            {
                spans.Add(new PhiSpan(m.Index, m.Index + m.Length, PhiTypes.Vehicle, 0.95));
            }
        }

        foreach (Match m in DeaRegex().Matches(text))
        {
            if (Checksums.IsValidDea(m.Value))
            {
                spans.Add(new PhiSpan(m.Index, m.Index + m.Length, PhiTypes.License, 0.9));
            }
        }

        foreach (Match m in AlphanumericIdRegex().Matches(text))
        {
            var digits = m.Value.Count(char.IsAsciiDigit);
            var segments = m.Value.Split('-');

            // "RR-18-20", "600x12x30", "sat-98-100": readings and ventilator settings, not identifiers.
            if ((segments.Length > 1 && segments.Any(p => p.All(char.IsAsciiLetter))) || SettingRegex().IsMatch(m.Value))
            {
                continue;
            }

            if (digits >= 4 && m.Value.Length >= 6 && m.Value.Any(char.IsAsciiLetter) && !IsMeasurement(m.Value))
            {
                spans.Add(new PhiSpan(m.Index, m.Index + m.Length, PhiTypes.Id, 0.65));
            }
        }

        foreach (Match m in LongNumberRegex().Matches(text))
        {
            spans.Add(new PhiSpan(m.Index, m.Index + m.Length, PhiTypes.Id, m.Length >= 7 ? 0.6 : 0.52));
        }
    }

    /// <summary>This machine's own addresses identify nobody ("Now listening on: http://localhost:5080").</summary>
    private static bool IsLoopback(string value) =>
        value.Contains("localhost", StringComparison.OrdinalIgnoreCase) || value.Contains("127.0.0.1", StringComparison.Ordinal)
        || value.Contains("0.0.0.0", StringComparison.Ordinal) || value.Contains("[::]", StringComparison.Ordinal) || value.Contains("[::1]", StringComparison.Ordinal);

    [GeneratedRegex(@"\dx\d|^x\d|\d+x$", RegexOptions.IgnoreCase)]
    private static partial Regex SettingRegex();

    private static bool IsMeasurement(string value) => MeasurementRegex().IsMatch(value) || RangeOrSettingRegex().IsMatch(value);

    [GeneratedRegex(@"^\d+(?:\.\d+)?[a-z]{0,4}(?:x|-|/)\d+(?:\.\d+)?[a-z]{0,5}$|^[a-z]{1,5}\d{1,4}(?:-\d{1,4})?$|^\d+(?:\.\d+)?(?:cmh2?0|cmh2o|ccs|mls|mcgs|mgs|units|hrs)$", RegexOptions.IgnoreCase)]
    private static partial Regex RangeOrSettingRegex();

    [GeneratedRegex(@"(?<![\d/.-])\(?\d{3}\)?(?:[ .-]{1,2}|/)\d{3}(?:[ .-]{1,2}|/)?\d{4}(?![\d/-])|(?<![\d/.-])\d{6}-\d{4}(?![\d/-])")]
    private static partial Regex LoosePhoneRegex();

    [GeneratedRegex(@"(?<![\w+])\+\d{1,3}[ .-]?(?:\(\d{1,4}\)[ .-]?)?\d{1,4}(?:[ .-]?\d{2,4}){2,4}(?!\d)")]
    private static partial Regex InternationalPhoneRegex();

    [GeneratedRegex(@"(?<![\d/.-])(?:0?[1-9]|1[0-2])/(?:[3-9]\d|0\d)(?![\d/%]|\.\d)")]
    private static partial Regex MonthShortYearRegex();

    [GeneratedRegex(@"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?\b", RegexOptions.IgnoreCase)]
    private static partial Regex WeekdayRegex();

    [GeneratedRegex(@"(?:\b(?:on|until|till|by|for|next|this|last|since|thru|through|from|before|after|and|or|each|every)\s+|\b(?:mon|tues?|wed|thu|thurs?|fri|sat|sun)\b\.?[,/ ]\s*|/)(?<day>mon|tues?|wed|thu|thurs?|fri|sat|sun)\b\.?", RegexOptions.IgnoreCase)]
    private static partial Regex WeekdayAbbreviationRegex();

    [GeneratedRegex(@"\b(?:on|since|from|until|till|by|before|after)\s+the\s+(?<d>(?:[1-9]|[12]\d|3[01])(?:st|nd|rd|th))\b", RegexOptions.IgnoreCase)]
    private static partial Regex OrdinalDayRegex();

    [GeneratedRegex(@"\b(?:ps|psv|peep|cpap|bipap|vent|settings?|support|ac|simv|mode|pressure|pain|score|scale|rated|strength|ratio|sats?|co|ci|svr|fick|bp|map|cvp|pap|abg|cp|rr|tv)\b[^.\n]{0,20}$", RegexOptions.IgnoreCase)]
    private static partial Regex VentOrScoreBeforeRegex();

    [GeneratedRegex(@"^\s*(?:%|mg|mcg|ml|cc|units?|mmhg|cm|mm|kg|x\b|ps\b|peep|ratio)", RegexOptions.IgnoreCase)]
    private static partial Regex UnitFollowsRegex();

    private static void Dates(string text, List<PhiSpan> spans)
    {
        foreach (Match m in NumericDateRegex().Matches(text))
        {
            if (m.Index + m.Length < text.Length && text[m.Index + m.Length] == '%')
            {
                continue;
            }

            spans.Add(new PhiSpan(m.Index, m.Index + m.Length, PhiTypes.Date, 0.95));
        }

        foreach (Match m in IsoDateRegex().Matches(text))
        {
            spans.Add(new PhiSpan(m.Index, m.Index + m.Length, PhiTypes.Date, 0.95));
        }

        foreach (Match m in MonthYearNumericRegex().Matches(text))
        {
            spans.Add(new PhiSpan(m.Index, m.Index + m.Length, PhiTypes.Date, 0.8));
        }

        foreach (Match m in MonthDayRegex().Matches(text))
        {
            var day = int.Parse(m.Groups["d"].Value, CultureInfo.InvariantCulture);
            var after = text.Substring(m.Index + m.Length, Math.Min(20, text.Length - m.Index - m.Length));
            if (ScoreFollowsRegex().IsMatch(after))
            {
                continue;
            }

            var context = HasContext(text, m.Index, 25, DateContextRegex());
            if (context)
            {
                spans.Add(new PhiSpan(m.Index, m.Index + m.Length, PhiTypes.Date, 0.85));
            }
            else if (!FractionFollowsRegex().IsMatch(after) && !UnitFollowsRegex().IsMatch(after) && IsLikelyMonthDay(text, m, day))
            {
                spans.Add(new PhiSpan(m.Index, m.Index + m.Length, PhiTypes.Date, 0.7));
            }
        }

        foreach (Match m in MonthShortYearRegex().Matches(text))
        {
            spans.Add(new PhiSpan(m.Index, m.Index + m.Length, PhiTypes.Date, 0.75));
        }

        foreach (Match m in WeekdayRegex().Matches(text))
        {
            spans.Add(new PhiSpan(m.Index, m.Index + m.Length, PhiTypes.Date, 0.75));
        }

        foreach (Match m in WeekdayAbbreviationRegex().Matches(text))
        {
            var word = m.Groups["day"];
            var after = text.AsSpan(word.Index + word.Length, Math.Min(4, text.Length - word.Index - word.Length));
            if (after.Length > 0 && after.TrimStart(". ").Length > 0 && (char.IsDigit(after.TrimStart(". ")[0]) || after.TrimStart(". ")[0] == '%'))
            {
                continue;
            }

            spans.Add(new PhiSpan(word.Index, word.Index + word.Length, PhiTypes.Date, 0.72));
        }

        foreach (Match m in OrdinalDayRegex().Matches(text))
        {
            var day = m.Groups["d"];
            spans.Add(new PhiSpan(day.Index, day.Index + day.Length, PhiTypes.Date, 0.72));
        }

        foreach (Match m in TextDateRegex().Matches(text))
        {
            if (m.Groups["d"].Success && int.Parse(m.Groups["d"].Value, CultureInfo.InvariantCulture) is < 1 or > 31)
            {
                continue;
            }

            // "may 5" in lowercase is far more often the verb than the month.
            if (m.Value.StartsWith("may", StringComparison.Ordinal) && !m.Groups["y"].Success)
            {
                continue;
            }

            spans.Add(new PhiSpan(m.Index, m.Index + m.Length, PhiTypes.Date, 0.93));
        }

        foreach (Match m in MonthNameRegex().Matches(text))
        {
            spans.Add(new PhiSpan(m.Index, m.Index + m.Length, PhiTypes.Date, 0.6));
        }

        foreach (Match m in DayOrHolidayRegex().Matches(text))
        {
            spans.Add(new PhiSpan(m.Index, m.Index + m.Length, PhiTypes.Date, 0.6));
        }
    }

    /// <summary>"3/6" without a date word before it: a date unless it reads as a ventilator setting (PS/PEEP "10/5"),
    /// a pain score ("3/10"), or one element of a run of slashed values (an ABG "7.35/40/90").</summary>
    private static bool IsLikelyMonthDay(string text, Match m, int day)
    {
        var from = Math.Max(0, m.Index - 30);
        var before = text.AsSpan(from, m.Index - from);
        if (m.Index > 0 && text[m.Index - 1] is '/' or '(' && m.Index > 1 && char.IsDigit(text[m.Index - 2]))
        {
            return false;
        }

        if (m.Index > 0 && text[m.Index - 1] is '\'' or '’')
        {
            return false;
        }

        // "1/2 amp", "2/3": a fraction; "10/5", "5/5": pressure support over PEEP.
        var month = int.Parse(m.Value.AsSpan(0, m.Value.IndexOf('/', StringComparison.Ordinal)), CultureInfo.InvariantCulture);
        if ((day <= 4 && month < day) || (day == 5 && month >= 5))
        {
            return false;
        }

        var wider = text.AsSpan(Math.Max(0, m.Index - 45), Math.Min(45, m.Index));
        if (VentilationRegex().IsMatch(wider))
        {
            return false;
        }

        return !VentOrScoreBeforeRegex().IsMatch(before[Math.Max(0, before.Length - 22)..]);
    }

    [GeneratedRegex(@"\b(?:vent|ventilation|ventilator|imv|ips|psv|cpap|bipap|peep|settings)\b", RegexOptions.IgnoreCase)]
    private static partial Regex VentilationRegex();

    private static void Ages(string text, List<PhiSpan> spans)
    {
        foreach (var match in AgeRegex().Matches(text).Concat(AgeLabelRegex().Matches(text)).Concat(AgeDecadeRegex().Matches(text)))
        {
            var age = match.Groups["age"];
            spans.Add(new PhiSpan(age.Index, age.Index + age.Length, PhiTypes.Age, 0.93));
        }
    }

    private static void Addresses(string text, List<PhiSpan> spans)
    {
        foreach (Match m in StreetAddressRegex().Matches(text))
        {
            spans.Add(new PhiSpan(m.Index, m.Index + m.Length, PhiTypes.Address, 0.9));
        }

        foreach (Match m in PoBoxRegex().Matches(text))
        {
            spans.Add(new PhiSpan(m.Index, m.Index + m.Length, PhiTypes.Address, 0.95));
        }
    }

    private static bool HasContext(string text, int index, int window, Regex context)
    {
        var from = Math.Max(0, index - window);
        return context.IsMatch(text.AsSpan(from, index - from));
    }

    [GeneratedRegex(@"\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b")]
    private static partial Regex EmailRegex();

    [GeneratedRegex(@"\b(?:(?:https?|ftp)://|www\.)[^\s<>""'\]]+|\b[A-Za-z0-9][A-Za-z0-9-]*(?:\.[A-Za-z0-9-]+)*\.(?:com|org|net|edu|gov|io|us|info|biz|health|care)\b(?:/[^\s<>""']*)?", RegexOptions.IgnoreCase)]
    private static partial Regex UrlRegex();

    [GeneratedRegex(@"(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d]|\.\d)")]
    private static partial Regex Ipv4Regex();

    [GeneratedRegex(@"(?<![0-9A-Fa-f:])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{1,4}(?![0-9A-Fa-f:])")]
    private static partial Regex Ipv6Regex();

    [GeneratedRegex(@"(?<![\d-])(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}(?:\s*(?:x|ext\.?|extension)\s*\d{1,6})?(?![\d-])", RegexOptions.IgnoreCase)]
    private static partial Regex PhoneRegex();

    [GeneratedRegex(@"(?<![\d/.-])\d{3}-\d{4}(?![\d-])")]
    private static partial Regex ShortPhoneRegex();

    [GeneratedRegex(@"\b(?:phone|ph|tel|telephone|call|cell|mobile|home|work|contact|pager|beeper|fax|number|reached at|at)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PhoneContextRegex();

    [GeneratedRegex(@"\b(?:pager|beeper|pgr|page|paged|ext\.?|extension|x)\s*(?:no\.?|number)?[\s:#]*(?<n>\d{4,10})\b", RegexOptions.IgnoreCase)]
    private static partial Regex PagerRegex();

    [GeneratedRegex(@"(?<![\d-])(\d{3})[- ](\d{2})[- ](\d{4})(?![\d-])")]
    private static partial Regex SsnRegex();

    [GeneratedRegex(@"\b(?:ssn|ss#|ss\s?no|social security(?:\s+(?:number|no|#))?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SsnContextRegex();

    [GeneratedRegex(@"\b(?:ssn|ss#|ss\s?no\.?|social security(?:\s+(?:number|no\.?|#))?)\s*[:#]?\s*(?<n>\d{9})\b", RegexOptions.IgnoreCase)]
    private static partial Regex BareSsnRegex();

    [GeneratedRegex(@"(?:\bMRN|\bMR\s?#|\bMR\s?No\b\.?|\bMedical\s+Record(?:\s+(?:Number|No\b\.?|#))?|\bMed\.?\s+Rec(?:ord)?\b\.?|\bUnit\s+(?:No\b\.?|Number|#)|\bChart\s+(?:No\b\.?|Number|#)|\bHospital\s+(?:No\b\.?|Number|#)|\bPatient\s+ID\b|\bPt\.?\s+ID\b|\bPID\b|\bEMPI\b|\bMPI\b|\bRecord\s+#)" + LabelGap + IdValue, RegexOptions.IgnoreCase)]
    private static partial Regex MrnLabelRegex();

    [GeneratedRegex(@"(?:\b(?:Member|Subscriber|Policy|Beneficiary|Medicare|Medicaid|HICN|MBI|Health\s+Plan|Insurance\s+ID)\b|\b(?:Group|Plan|Insurance)" + Suffix + ")" + LabelGap + IdValue, RegexOptions.IgnoreCase)]
    private static partial Regex HealthPlanLabelRegex();

    [GeneratedRegex(@"(?:\b(?:Account|Acct|FIN)\b\.?|\b(?:Billing|Encounter|Visit|Invoice|Claim)" + Suffix + ")" + LabelGap + IdValue, RegexOptions.IgnoreCase)]
    private static partial Regex AccountLabelRegex();

    [GeneratedRegex(@"(?:\b(?:Licen[cs]e|Lic\b\.?|DEA|NPI|Certificate|Cert\b\.?)|\b(?:DL|Board\s+Cert(?:ification)?)" + Suffix + ")" + LabelGap + IdValue, RegexOptions.IgnoreCase)]
    private static partial Regex LicenseLabelRegex();

    [GeneratedRegex(@"(?:\b(?:(?:License\s+)?Plate|VIN)\b|\b(?:Tag|Vehicle)" + Suffix + ")" + LabelGap + IdValue, RegexOptions.IgnoreCase)]
    private static partial Regex VehicleLabelRegex();

    [GeneratedRegex(@"(?:\bSerial\b|\bS/N\b|\bSN\b|\bUDI\b|\b(?:Device|Model|Lot|Implant|Pacemaker|Defibrillator|Generator)" + Suffix + ")" + LabelGap + IdValue, RegexOptions.IgnoreCase)]
    private static partial Regex DeviceLabelRegex();

    [GeneratedRegex(@"(?:\bID\s*[:#]|\b(?:Identifier|Case|Specimen|Accession|Order|Ref(?:erence)?|Study|Subject|Badge|Employee|Requisition|Confirmation|Tracking)" + Suffix + ")" + LabelGap + IdValue, RegexOptions.IgnoreCase)]
    private static partial Regex IdLabelRegex();

    [GeneratedRegex(@"(?<![\d-])(?:\d{4}[ -]){3}\d{1,7}(?![\d-])|(?<![\d.,-])\d{13,19}(?![\d.,-])")]
    private static partial Regex CardRegex();

    [GeneratedRegex(@"\b[A-HJ-NPR-Z0-9]{17}\b")]
    private static partial Regex VinRegex();

    [GeneratedRegex(@"\b[A-Z][A-Z9]\d{7}\b")]
    private static partial Regex DeaRegex();

    [GeneratedRegex(@"(?<![\w.-])[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*(?![\w-]|\.\d)")]
    private static partial Regex AlphanumericIdRegex();

    [GeneratedRegex(@"(?<![\d.,/$-])\d{6,}(?![\d.,/%-])")]
    private static partial Regex LongNumberRegex();

    [GeneratedRegex(@"^\d+(?:\.\d+)?(?:mg|mcg|ug|g|kg|lb|lbs|ml|l|cc|units?|iu|meq|mmol|mosm|mm|cm|m|hrs?|h|min|mins|sec|s|x|st|nd|rd|th|pm|am|k|bpm|mmhg)$", RegexOptions.IgnoreCase)]
    private static partial Regex MeasurementRegex();

    [GeneratedRegex(@"(?<![\d/.-])(?:0?[1-9]|1[0-2])([/.-])(?:0?[1-9]|[12]\d|3[01])\1(?:\d{4}|\d{2})(?![\d/]|[.-]\d)")]
    private static partial Regex NumericDateRegex();

    [GeneratedRegex(@"(?<![\d/.-])(?:1[89]\d{2}|2[01]\d{2})([-/.])(?:0?[1-9]|1[0-2])\1(?:0?[1-9]|[12]\d|3[01])(?!\d)")]
    private static partial Regex IsoDateRegex();

    [GeneratedRegex(@"(?<![\d/.-])(?:0?[1-9]|1[0-2])/(?:19|20)\d{2}(?![\d/])")]
    private static partial Regex MonthYearNumericRegex();

    [GeneratedRegex(@"(?<![\d/.,-])(?:0?[1-9]|1[0-2])/(?<d>0?[1-9]|[12]\d|3[01])(?![\d/]|\.\d|-\d)")]
    private static partial Regex MonthDayRegex();

    [GeneratedRegex(@"^\s*(?:\+|strength|motor|power|murmur|pain|cp\b|chest|systolic|diastolic|holosystolic|sem\b|reflexes|dtrs|tabs?\b|tablets?|dose|inch|cups?|ns\b|nss\b|normal saline|bilat|bilaterally|throughout|grade|scale|hearing|vision|%)", RegexOptions.IgnoreCase)]
    private static partial Regex ScoreFollowsRegex();

    [GeneratedRegex(@"^\s*(?:of\b|in\b|on\b)", RegexOptions.IgnoreCase)]
    private static partial Regex FractionFollowsRegex();

    [GeneratedRegex(@"\b(?:on|since|from|until|till|through|thru|dated?|dos|doa|dob|born|admitted|admission|discharged?|discharge|seen|visit|last|next|starting|started|effective|by|before|after|of|to|date|surgery|s/p|dx|diagnosed|scheduled|appointment|appt|f/u|follow-up|followup|d/c'?d|dc'?d|d/c|stopped|given|received|drawn|collected|placed|removed|changed|completed|ended|resumed|done|performed|obtained|checked|repeated|until|started|restarted)\b\W*$", RegexOptions.IgnoreCase)]
    private static partial Regex DateContextRegex();

    [GeneratedRegex(@"\b(?:" + Month + @"\s+(?<d>\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(?<y>\d{4}|'\d{2}))?|(?<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + Month + @"(?:,?\s+(?<y>\d{4}))?|(?<d>\d{1,2})-" + Month + @"-(?<y>\d{2,4})|" + Month + @",?\s+(?<y>\d{4}))(?!\w)", RegexOptions.IgnoreCase)]
    private static partial Regex TextDateRegex();

    [GeneratedRegex(@"\b(?:January|February|March|April|June|July|August|September|October|November|December)\b")]
    private static partial Regex MonthNameRegex();

    [GeneratedRegex(@"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Christmas(?:\s+(?:Eve|Day))?|Thanksgiving(?:\s+Day)?|New\s+Year'?s(?:\s+(?:Eve|Day))?|Easter|Memorial\s+Day|Labor\s+Day|Independence\s+Day|Fourth\s+of\s+July|Halloween|Valentine'?s\s+Day|Hanukkah|Passover|Veterans\s+Day|Mother'?s\s+Day|Father'?s\s+Day)\b")]
    private static partial Regex DayOrHolidayRegex();

    [GeneratedRegex(@"(?<![\d.])(?<age>9\d|1[0-1]\d)(?:\s*|-)(?:years?|yrs?|y\.?\s?o\b\.?|y/o|yo\b|y\b)(?:[\s-]*old)?", RegexOptions.IgnoreCase)]
    private static partial Regex AgeRegex();

    [GeneratedRegex(@"\b(?:age[ds]?|aged)\s*(?:of\s*)?[:=]?\s*(?<age>9\d|1[0-1]\d)\b", RegexOptions.IgnoreCase)]
    private static partial Regex AgeLabelRegex();

    [GeneratedRegex(@"\bin\s+(?:his|her|their)\s+(?:late\s+|mid\s+|early\s+)?(?<age>90s|nineties|100s)\b", RegexOptions.IgnoreCase)]
    private static partial Regex AgeDecadeRegex();

    [GeneratedRegex(@"\b\d{1,6}[A-Za-z]?\s+(?:(?:N|S|E|W|NE|NW|SE|SW|North|South|East|West)\.?\s+)?(?:(?:[A-Z][A-Za-z'.-]*|\d{1,3}(?:st|nd|rd|th))\s+){1,4}(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|Terrace|Ter|Circle|Cir|Parkway|Pkwy|Highway|Hwy|Square|Sq|Trail|Trl|Row|Pike|Turnpike|Plaza|Crescent|Alley|Path|Loop)\b\.?(?:,?\s*(?:Apt|Apartment|Unit|Suite|Ste|Fl|Floor|#)\.?\s*#?\s*[A-Za-z0-9-]+)?")]
    private static partial Regex StreetAddressRegex();

    [GeneratedRegex(@"\bP\.?\s?O\.?\s+Box\s+\d+\b", RegexOptions.IgnoreCase)]
    private static partial Regex PoBoxRegex();
}
