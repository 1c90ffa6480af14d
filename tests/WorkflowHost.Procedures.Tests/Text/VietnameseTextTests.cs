using WorkflowHost.Procedures.Text;

namespace WorkflowHost.Procedures.Tests.Text;

public sealed class VietnameseTextTests
{
    [Theory]
    [InlineData("Nguyễn  Văn\tAn", "nguyen van an")]
    [InlineData("ĐỖ THỊ ĐÀO", "do thi dao")]
    [InlineData("000.02.42.H48-261203-0001 Trần Thị Bình", "000.02.42.h48-261203-0001 tran thi binh")]
    [InlineData("   ", "")]
    [InlineData(null, "")]
    public void Fold_GivesWhatASearchBoxCompares_WhenTextHasMarksCaseAndSpaces(string? text, string folded) =>
        Assert.Equal(folded, VietnameseText.Fold(text));
}
