using System.Globalization;

namespace Daybreak.Rules.Sigma;

/// <summary>
/// Time modifiers (<c>minute</c>, <c>hour</c>, <c>day</c>, <c>week</c>, <c>month</c>, <c>year</c>): take one part of a
/// date value and compare it as a number. No time-zone conversion, as the specification warns.
/// </summary>
internal sealed class TimePartValueMatcher(string part, NumericValueMatcher compare) : IValueMatcher
{
    public bool IsMatch(in FieldValue value, ISigmaEvent evt)
    {
        if (value.Text is not { } text ||
            !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)) return false;
        var number = part switch
        {
            "minute" => time.Minute,
            "hour" => time.Hour,
            "day" => time.Day,
            "week" => ISOWeek.GetWeekOfYear(time.DateTime),
            "month" => time.Month,
            _ => time.Year,
        };
        return compare.Compare(number);
    }
}
