using System.Globalization;
using System.Text.RegularExpressions;

namespace Pipelines.Argo.Observability;

/// <summary>
/// Prometheus durations (<c>30d</c>, <c>1h30m</c>, <c>500ms</c>): units y, w, d, h, m, s, ms, largest first, each at
/// most once. Compiled into the source generator too (linked file), so both read SLO windows and thresholds alike.
/// </summary>
internal static class PrometheusDuration
{
    private static readonly Regex Pattern = new(
        "^(?:([0-9]+)y)?(?:([0-9]+)w)?(?:([0-9]+)d)?(?:([0-9]+)h)?(?:([0-9]+)m)?(?:([0-9]+)s)?(?:([0-9]+)ms)?$",
        RegexOptions.CultureInvariant);

    private static readonly decimal[] Units = [365 * 86400m, 7 * 86400m, 86400m, 3600m, 60m, 1m, 0.001m];

    /// <summary>The duration in seconds; null when the text is not a positive Prometheus duration.</summary>
    public static decimal? Seconds(string? text)
    {
        if (string.IsNullOrEmpty(text) || Pattern.Match(text) is not { Success: true } m)
        {
            return null;
        }

        decimal total = 0;
        for (var i = 0; i < Units.Length; i++)
        {
            if (m.Groups[i + 1].Success)
            {
                total += decimal.Parse(m.Groups[i + 1].Value, NumberStyles.None, CultureInfo.InvariantCulture) * Units[i];
            }
        }

        return total > 0 ? total : null;
    }
}
