using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace WorkflowHost.Engine.Parsing;

/// <summary>
/// Loads XML safely by construction: DTDs are refused (no entity expansion, no XXE), nothing is resolved
/// externally, and size and nesting depth are bounded before a tree is built.
/// </summary>
internal static class SafeXmlLoader
{
    public static XDocument Load(string xml, long maxBytes, int maxDepth)
    {
        // Count UTF-8 bytes without encoding the whole document: a 50 MB string must be refused cheaply.
        if (xml.Length > maxBytes || Encoding.UTF8.GetByteCount(xml) > maxBytes)
            throw new BpmnParseException($"The document is larger than the limit of {maxBytes / (1024 * 1024.0):0.#} MB.");

        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersFromEntities = 0,
            MaxCharactersInDocument = maxBytes,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
        };
        try
        {
            using (var scan = XmlReader.Create(new StringReader(xml), settings))
            {
                while (scan.Read())
                {
                    if (scan.Depth > maxDepth)
                        throw new BpmnParseException($"The document nests elements deeper than {maxDepth} levels.");
                }
            }
            using var reader = XmlReader.Create(new StringReader(xml), settings);
            return XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException ex) when (ex.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase))
        {
            throw new BpmnParseException("The document contains a DTD (<!DOCTYPE>); DTDs and entities are refused for security.");
        }
        catch (XmlException ex)
        {
            throw new BpmnParseException($"The document is not well-formed XML: {ex.Message}");
        }
    }
}

/// <summary>The document cannot be read as BPMN at all (not XML, hostile, too large, not BPMN 2.0).</summary>
public sealed class BpmnParseException(string message) : Exception(message);
