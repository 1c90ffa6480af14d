using System.Text.Json.Nodes;
using WorkflowHost.Procedures.Forms;
using WorkflowHost.Procedures.Tests.Support;

namespace WorkflowHost.Procedures.Tests.Forms;

/// <summary>
/// A completion may set only what its task's form declares (architecture decision 14), read from the shipped marriage
/// registration: the officer's appraisal cannot set the leader's approval, unless the task opts out.
/// </summary>
public sealed class FormValidatorTests
{
    private static readonly string Marriage = File.ReadAllText(Path.Combine(Shipped.Workflows, "marriage-registration.bpmn"));

    [Fact]
    public void Validate_RefusesAVariableTheFormDoesNotDeclare_WhenTheAppraisalSetsTheLeadersApproval()
    {
        var appraise = TaskFormReader.Read(Marriage)["appraise"];

        var errors = FormValidator.Validate(appraise, new JsonObject { ["opinion"] = "Đủ điều kiện", ["approved"] = true });

        var error = Assert.Single(errors);
        Assert.Equal("approved", error.Field);
        Assert.Contains("opinion", error.Message);
    }

    [Fact]
    public void Validate_AcceptsUndeclaredVariables_WhenTheTaskOptsOut()
    {
        var optedOut = Marriage.Replace("<bpmn:userTask id=\"appraise\" ", "<bpmn:userTask id=\"appraise\" wh:acceptUndeclaredVariables=\"true\" ", StringComparison.Ordinal);
        var appraise = TaskFormReader.Read(optedOut)["appraise"];

        Assert.True(appraise.AcceptsUndeclared);
        Assert.Empty(FormValidator.Validate(appraise, new JsonObject { ["opinion"] = "Đủ điều kiện", ["approved"] = true }));
    }

    [Fact]
    public void Validate_NamesEachField_WhenARequiredValueIsMissingOrOfTheWrongType()
    {
        var approve = TaskFormReader.Read(Marriage)["approve"];

        var errors = FormValidator.Validate(approve, new JsonObject { ["leaderNote"] = 5 });

        Assert.Equal(["approved", "leaderNote"], errors.Select(e => e.Field).Order());
    }

    [Fact]
    public void Validate_AcceptsTheDeclaredFields_WhenTheyAreComplete()
    {
        var approve = TaskFormReader.Read(Marriage)["approve"];

        Assert.Empty(FormValidator.Validate(approve, new JsonObject { ["approved"] = true, ["leaderNote"] = "Đồng ý" }));
    }
}
