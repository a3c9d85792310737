package io.pushmon.gateway.badges;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class BadgeSvgTest {

    @Test
    void aBadgeIsAWellFormedSvgOfTwoSegmentsThatAddUp() throws Exception {
        Document svg = parse(BadgeSvg.render("backup", "up", "#4c1"));

        Element root = svg.getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("svg");
        assertThat(root.getAttribute("height")).isEqualTo("20");
        assertThat(root.getAttribute("role")).isEqualTo("img");
        assertThat(root.getAttribute("aria-label")).isEqualTo("backup: up");
        assertThat(svg.getElementsByTagName("title").item(0).getTextContent()).isEqualTo("backup: up");
        NodeList rects = ((Element) svg.getElementsByTagName("g").item(0)).getElementsByTagName("rect");
        int label = Integer.parseInt(((Element) rects.item(0)).getAttribute("width"));
        int message = Integer.parseInt(((Element) rects.item(1)).getAttribute("width"));
        assertThat(label + message).isEqualTo(Integer.parseInt(root.getAttribute("width")));
        assertThat(((Element) rects.item(1)).getAttribute("fill")).isEqualTo("#4c1");
        assertThat(svg.getElementsByTagName("text").getLength()).as("each text and its shadow").isEqualTo(4);
    }

    @Test
    void markupInTheLabelIsEscapedAndReadsBackAsWritten() throws Exception {
        String label = "<script>alert('x')</script> & \"quotes\"";

        String text = BadgeSvg.render(label, "down", "#e05d44");

        assertThat(text).doesNotContain("<script>").contains("&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt; &amp; "
                + "&quot;quotes&quot;");
        Document svg = parse(text);
        assertThat(svg.getDocumentElement().getAttribute("aria-label")).isEqualTo(label + ": down");
        assertThat(svg.getElementsByTagName("text").item(1).getTextContent()).isEqualTo(label);
    }

    @Test
    void charactersXmlCannotHoldBecomeReplacementCharacters() throws Exception {
        String label = "bell\u0007 nul\u0000 lone\ud800 end\uffff";

        Document svg = parse(BadgeSvg.render(label, "up", "#4c1"));

        assertThat(svg.getElementsByTagName("text").item(1).getTextContent())
                .isEqualTo("bell\ufffd nul\ufffd lone\ufffd end\ufffd");
    }

    @Test
    void widthsFollowTheTextNarrowToWide() {
        assertThat(BadgeSvg.textWidth("iiii")).isLessThan(BadgeSvg.textWidth("mmmm"));
        assertThat(BadgeSvg.textWidth("up")).isBetween(12, 16);
        assertThat(BadgeSvg.textWidth("down")).isBetween(26, 32);
        assertThat(BadgeSvg.textWidth("日本")).as("two full ems").isEqualTo(22);
        assertThat(BadgeSvg.textWidth("e\u0301")).as("a combining accent takes no room")
                .isEqualTo(BadgeSvg.textWidth("e"));
        for (String text : List.of("", " ", "~", "A longer label with Capitals, digits 0123 and symbols #%&")) {
            assertThat(BadgeSvg.textWidth(text)).isNotNegative();
        }
    }

    @Test
    void aLongerLabelMakesAWiderBadge() throws Exception {
        int narrow = Integer.parseInt(parse(BadgeSvg.render("db", "up", "#4c1")).getDocumentElement()
                .getAttribute("width"));
        int wide = Integer.parseInt(parse(BadgeSvg.render("nightly database backup", "up", "#4c1"))
                .getDocumentElement().getAttribute("width"));

        assertThat(wide).isGreaterThan(narrow + 100);
    }

    private static Document parse(String text) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }
}
