using WorkflowHost.Engine.Tests.Support;

namespace WorkflowHost.Engine.Tests.Conformance;

/// <summary>Every MIWG reference model (and its bpmn-io export) loads; unsupported parts give a report, never an exception.</summary>
public sealed class MiwgLoadTests
{
    public static TheoryData<string> Models()
    {
        var data = new TheoryData<string>();
        var root = Fixtures.PathOf("conformance/bpmn-miwg");
        foreach (var file in Directory.GetFiles(root, "*.bpmn", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            data.Add(Path.GetRelativePath(root, file));
        return data;
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Load_ReturnsDefinitionOrReport_ForEveryMiwgModel(string file)
    {
        var xml = Fixtures.Read(Path.Combine("conformance/bpmn-miwg", file));
        var result = new BpmnEngine().Load(xml);
        if (result.Succeeded)
        {
            Assert.Equal(xml, result.Definition!.SourceXml);
            Assert.NotEmpty(result.Definition.Process.AllNodes);
        }
        else
        {
            Assert.NotEmpty(result.Report.Errors);
            Assert.All(result.Report.Errors, p => Assert.False(string.IsNullOrWhiteSpace(p.Message)));
        }
    }

    [Fact]
    public void Load_ToleratesVendorElementsInBpmnNamespace_ForC10()
    {
        var result = new BpmnEngine().Load(Fixtures.Read("conformance/bpmn-miwg/C.1.0.bpmn"));
        Assert.DoesNotContain(result.Report.Problems, p => p.Message.Contains("Grid", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_ReportsCompensationEventSubprocessAsUnsupported_AndSaysWhatToUse_ForC60()
    {
        var result = new BpmnEngine().Load(Fixtures.Read("conformance/bpmn-miwg/C.6.0.bpmn"));
        Assert.False(result.Succeeded);
        Assert.Contains(result.Report.Errors, p => p.Message.Contains("compensation event subprocess", StringComparison.Ordinal)
            && p.Message.Contains("isForCompensation", StringComparison.Ordinal) && p.ElementId is not null);
        // Its compensation boundary events and handlers themselves are accepted now.
        Assert.DoesNotContain(result.Report.Errors, p => p.ElementType == "boundaryEvent" && p.Message.Contains("compensat", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Load_Succeeds_ForSimpleA10Export()
    {
        var result = new BpmnEngine().Load(Fixtures.Read("conformance/bpmn-miwg/bpmn-io-18.6.1-export/A.1.0-export.bpmn"));
        Assert.True(result.Succeeded, string.Join("; ", result.Report.Errors.Select(e => e.Message)));
    }

    /// <summary>The MIWG models that draw escalation, signal, compensation or event subprocesses.</summary>
    public static TheoryData<string> ModelsWithEvents() => ["A.3.0.bpmn", "B.2.0.bpmn", "C.4.0.bpmn", "C.5.0.bpmn", "C.6.0.bpmn", "C.9.0.bpmn", "C.9.2.bpmn",
        "bpmn-io-18.6.1-export/A.3.0-export.bpmn", "bpmn-io-18.6.1-export/B.2.0-export.bpmn", "bpmn-io-18.6.1-export/C.4.0-export.bpmn",
        "bpmn-io-18.6.1-export/C.5.0-export.bpmn", "bpmn-io-18.6.1-export/C.6.0-export.bpmn", "bpmn-io-18.6.1-export/C.9.0-export.bpmn",
        "bpmn-io-18.6.1-export/C.9.2-export.bpmn"];

    [Theory]
    [MemberData(nameof(ModelsWithEvents))]
    public void Load_RefusesNoEscalationSignalCompensationOrEventSubprocess_ExceptWhatStaysUnsupported(string file)
    {
        var result = new BpmnEngine().Load(Fixtures.Read(Path.Combine("conformance/bpmn-miwg", file)));
        var refusedEvents = result.Report.Errors.Where(e => e.Message.Contains("not supported", StringComparison.Ordinal)
            && (e.Message.Contains("escalation", StringComparison.OrdinalIgnoreCase) || e.Message.Contains("signal", StringComparison.OrdinalIgnoreCase)
                || e.Message.Contains("compensat", StringComparison.OrdinalIgnoreCase) || e.Message.Contains("event subprocess", StringComparison.OrdinalIgnoreCase)))
            // Still refused on purpose, each saying what to use instead: compensation event subprocesses and process-level conditional starts.
            .Where(e => !e.Message.Contains("compensation event subprocess", StringComparison.Ordinal) && !e.Message.StartsWith("A conditional start event", StringComparison.Ordinal))
            .Select(e => $"{e.ElementId} ({e.ElementType}): {e.Message}").ToList();
        Assert.True(refusedEvents.Count == 0, string.Join(Environment.NewLine, refusedEvents));
    }
}
