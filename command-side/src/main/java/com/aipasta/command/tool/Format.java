package com.aipasta.command.tool;

import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.springframework.stereotype.Component;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;

/**
 * Pretty-prints JSON or XML with the indentation asked for. Invalid input is a 400 saying where it broke. XML is read
 * with document type declarations refused, so neither an external entity (XXE) nor an entity expansion bomb can be
 * smuggled in.
 */
@Component
public class Format implements Tool {

    static final int MAX_LENGTH = 100_000;
    static final int MAX_NESTING = 200;
    private static final List<String> LANGUAGES = List.of("json", "xml");

    private static final ToolSchema PARAMETERS = ToolSchema.builder()
            .choice("language", "the text's language", LANGUAGES, true)
            .text("text", "the text to format", MAX_LENGTH, true)
            .integer("indent", "spaces per level (2 when left out)", 0, 8, false)
            .build();

    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    @Override
    public String name() {
        return "format";
    }

    @Override
    public String description() {
        return "Pretty-prints JSON or XML, or says where the text is not valid.";
    }

    @Override
    public ToolSchema parameters() {
        return PARAMETERS;
    }

    @Override
    public Map<String, Object> run(ToolInput input) {
        String language = input.choice("language", LANGUAGES);
        String text = input.text("text", MAX_LENGTH);
        int indent = input.optionalInteger("indent", 0, 8).orElse(2);
        String formatted = language.equals("json") ? json(text, indent) : xml(text, indent);
        return Map.of("language", language, "formatted", formatted);
    }

    private static String json(String text, int indent) {
        try {
            JsonNode tree = JSON.readTree(text);
            if (tree == null || tree.isMissingNode()) {
                throw invalid("JSON", "the text is empty");
            }
            DefaultIndenter indenter = new DefaultIndenter(" ".repeat(indent), indent == 0 ? "" : "\n");
            DefaultPrettyPrinter printer = new DefaultPrettyPrinter().withObjectIndenter(indenter)
                    .withArrayIndenter(indenter);
            return JSON.writer(printer).writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            throw invalid("JSON", e.getOriginalMessage() + where);
        }
    }

    private static String xml(String text, int indent) {
        try {
            DocumentBuilder builder = hardenedFactory().newDocumentBuilder();
            builder.setErrorHandler(new Refusing());
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entities are not read");
            });
            Document document = builder.parse(new InputSource(new StringReader(text)));
            removeBlankText(document);
            TransformerFactory transformers = TransformerFactory.newInstance();
            transformers.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            transformers.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            transformers.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
            Transformer transformer = transformers.newTransformer();
            transformer.setOutputProperty(OutputKeys.INDENT, indent > 0 ? "yes" : "no");
            transformer.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", Integer.toString(indent));
            transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION,
                    text.stripLeading().startsWith("<?xml") ? "no" : "yes");
            StringWriter out = new StringWriter();
            transformer.transform(new DOMSource(document), new StreamResult(out));
            return out.toString().strip();
        } catch (SAXParseException e) {
            throw invalid("XML", e.getMessage() + " at line " + e.getLineNumber() + ", column " + e.getColumnNumber());
        } catch (SAXException e) {
            throw invalid("XML", e.getMessage());
        } catch (IOException | ParserConfigurationException | TransformerException e) {
            throw new IllegalStateException("The XML formatter could not be set up", e);
        }
    }

    private static DocumentBuilderFactory hardenedFactory() throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setAttribute("http://www.oracle.com/xml/jaxp/properties/maxElementDepth",
                Integer.toString(MAX_NESTING));
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        factory.setNamespaceAware(true);
        return factory;
    }

    /** Whitespace between elements would otherwise be kept beside the new indentation. */
    private static void removeBlankText(Node node) {
        NodeList children = node.getChildNodes();
        for (int i = children.getLength() - 1; i >= 0; i--) {
            Node child = children.item(i);
            if (child.getNodeType() == Node.TEXT_NODE && child.getTextContent().isBlank()) {
                node.removeChild(child);
            } else {
                removeBlankText(child);
            }
        }
    }

    private static DomainException invalid(String language, String problem) {
        return new DomainException(ErrorCode.VALIDATION_FAILED, "text is not valid " + language + ": " + problem,
                Map.of("text", "is not valid " + language + ": " + problem));
    }

    /** Stops at the first problem, without printing it to the standard error stream. */
    private static final class Refusing implements ErrorHandler {
        @Override
        public void warning(SAXParseException exception) {
        }

        @Override
        public void error(SAXParseException exception) throws SAXException {
            throw exception;
        }

        @Override
        public void fatalError(SAXParseException exception) throws SAXException {
            throw exception;
        }
    }
}
