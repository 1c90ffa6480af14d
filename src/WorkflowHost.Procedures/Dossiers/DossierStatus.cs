namespace WorkflowHost.Procedures.Dossiers;

/// <summary>The national public service portal's dossier status codes (TrangThaiHoSo), the only statuses a dossier has.</summary>
public static class DossierStatus
{
    public const int Submitted = 1;
    public const int Accepted = 2;
    public const int Refused = 3;
    public const int InProgress = 4;
    public const int AwaitingSupplement = 5;
    public const int AwaitingPayment = 6;
    public const int Withdrawn = 7;
    public const int Stopped = 8;
    public const int Processed = 9;
    public const int Returned = 10;

    private static readonly (string Vi, string En)[] Names =
    [
        ("Mới đăng ký", "Submitted"),
        ("Được tiếp nhận", "Accepted"),
        ("Không được tiếp nhận", "Refused"),
        ("Đang xử lý", "In progress"),
        ("Yêu cầu bổ sung giấy tờ", "Awaiting supplement"),
        ("Yêu cầu thực hiện nghĩa vụ tài chính", "Awaiting payment"),
        ("Công dân yêu cầu rút hồ sơ", "Withdrawn"),
        ("Dừng xử lý", "Handling stopped"),
        ("Đã xử lý xong", "Processed"),
        ("Đã trả kết quả", "Result returned"),
    ];

    public static bool IsKnown(int code) => code is >= Submitted and <= Returned;

    /// <summary>True for the statuses after which a dossier no longer moves.</summary>
    public static bool IsFinal(int code) => code is Refused or Withdrawn or Stopped or Returned;

    public static string NameVi(int code) => IsKnown(code) ? Names[code - 1].Vi : throw new ArgumentOutOfRangeException(nameof(code), code, "Not a portal status code (1-10).");

    public static string NameEn(int code) => IsKnown(code) ? Names[code - 1].En : throw new ArgumentOutOfRangeException(nameof(code), code, "Not a portal status code (1-10).");
}

/// <summary>How the dossier reached the centre (national portal HinhThuc).</summary>
public enum Channel
{
    InPerson = 1,
    Online = 2,
    Post = 3,
}

/// <summary>Who applies (LoaiDoiTuong).</summary>
public enum ApplicantType
{
    Citizen,
    Organisation,
    HouseholdBusiness,
}

/// <summary>Which of a dossier's three units works a step (<c>wh:unit</c>).</summary>
public enum UnitRole
{
    Receiving,
    Competent,
    Return,
}

/// <summary>How a document was submitted.</summary>
public enum DocumentKind
{
    Original,
    Copy,
    Electronic,
}

/// <summary>A step's result against its budget, as the process control slip grades it.</summary>
public enum StepGrade
{
    Early,
    OnTime,
    Late,
}
