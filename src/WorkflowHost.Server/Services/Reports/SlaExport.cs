using System.Globalization;
using CsvHelper;
using MiniExcelLibs;

namespace WorkflowHost.Server.Services.Reports;

/// <summary>
/// The report as a download a centre files or opens in a spreadsheet: the same rows and column names as the JSON, plus
/// the unit's name (people read names, the codes keep rows matchable), one row per unit and procedure.
/// </summary>
public static class SlaExport
{
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string CsvType = "text/csv";

    public static readonly string[] Columns =
        ["unit", "unitName", "procedure", "received", "inProgress", "paused", "early", "onTime", "late", "onTimeRate", "carriedOver"];

    public static string FileName(SlaReport report, string extension) => $"sla-{report.From:yyyyMMdd}-{report.To:yyyyMMdd}.{extension}";

    public static async Task<byte[]> XlsxAsync(SlaReport report, Func<string, string?> unitName, CancellationToken ct)
    {
        var rows = report.Rows.Select(r => Cells(r, unitName).Zip(Columns).ToDictionary(p => p.Second, p => p.First)).ToList();
        using var stream = new MemoryStream();
        await MiniExcelLibs.MiniExcel.SaveAsAsync(stream, rows, sheetName: "SLA", excelType: ExcelType.XLSX, cancellationToken: ct);
        return stream.ToArray();
    }

    public static byte[] Csv(SlaReport report, Func<string, string?> unitName)
    {
        using var stream = new MemoryStream();
        using (var writer = CsvWriter.Create(stream, CsvWriterOptions.Default, true))
        {
            writer.WriteHeader(Columns);
            foreach (var row in report.Rows)
                writer.WriteRecord(Cells(row, unitName).Select(c => c switch
                {
                    null => "",
                    double d => d.ToString("0.####", CultureInfo.InvariantCulture),
                    IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                    _ => c.ToString() ?? "",
                }).ToArray());
            writer.Flush();
        }
        return stream.ToArray();
    }

    private static object?[] Cells(SlaRow r, Func<string, string?> unitName) =>
        [r.Unit, unitName(r.Unit) ?? "", r.Procedure, r.Received, r.InProgress, r.Paused, r.Early, r.OnTime, r.Late, r.OnTimeRate, r.CarriedOver];
}
