package io.pushmon.gateway.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import io.pushmon.gateway.incidents.Uptime;

class SvgTest {

    @Test
    void anUptimeBarGroupsItsDaysIntoOnePathPerColour() throws Exception {
        List<Uptime.Day> days = new ArrayList<>();
        for (int i = 0; i < 90; i++) {
            boolean watched = i >= 10;
            double ratio = i == 50 ? 0.5 : i == 60 ? 0.99 : 1.0;
            days.add(new Uptime.Day(LocalDate.of(2026, 9, 1).plusDays(i), watched ? ratio : Double.NaN,
                    Duration.ZERO, 0, watched));
        }
        Document svg = parse(Svg.uptimeBar(days, "90-day uptime 99.4% <of> \"this\""));

        assertThat(svg.getElementsByTagName("path").getLength()).isEqualTo(4);
        assertThat(svg.getDocumentElement().getAttribute("aria-label")).isEqualTo("90-day uptime 99.4% <of> \"this\"");
        assertThat(pathOf(svg, "bar-down")).isEqualTo("M250 0h4v20h-4z");
        assertThat(pathOf(svg, "bar-partial")).isEqualTo("M300 0h4v20h-4z");
        assertThat(pathOf(svg, "bar-none").split("M")).hasSize(11);
    }

    @Test
    void aSparklineRunsOldestLeftAndNeedsTwoPoints() throws Exception {
        assertThat(Svg.sparkline(List.of(1.0), v -> v, "one")).isEmpty();
        Document svg = parse(Svg.sparkline(List.of(3.0, 2.0, 1.0), v -> v, "values"));
        String points = svg.getElementsByTagName("polyline").item(0).getAttributes().getNamedItem("points")
                .getNodeValue();
        // Newest (3.0) is on the right and highest (smallest y).
        assertThat(points).isEqualTo("0,18 50,10 100,2");
    }

    @Test
    void aChartIsWellFormedAndTitlesEachPoint() throws Exception {
        Instant start = Instant.parse("2026-12-01T00:00:00Z");
        Document svg = parse(Svg.chart(List.of(new Svg.TimePoint(start, 1.5),
                new Svg.TimePoint(start.plusSeconds(60), 3)), "Value & more", "s"));

        assertThat(svg.getElementsByTagName("circle").getLength()).isEqualTo(2);
        assertThat(svg.getElementsByTagName("title").item(0).getTextContent())
                .isEqualTo("2026-12-01T00:00:00Z: 1.50 s");
    }

    @Test
    void numbersHaveAtMostTwoDecimalsRoundedHalfUp() {
        assertThat(Svg.number(3)).isEqualTo("3");
        assertThat(Svg.number(1.5)).isEqualTo("1.50");
        assertThat(Svg.number(0.125)).isEqualTo("0.13");
        assertThat(Svg.number(-2.046)).isEqualTo("-2.05");
        assertThat(Svg.number(17.999)).isEqualTo("18.00");
        assertThat(Svg.number(0.07)).isEqualTo("0.07");
    }

    private static String pathOf(Document svg, String cssClass) {
        var paths = svg.getElementsByTagName("path");
        for (int i = 0; i < paths.getLength(); i++) {
            var attributes = paths.item(i).getAttributes();
            if (attributes.getNamedItem("class").getNodeValue().equals(cssClass)) {
                return attributes.getNamedItem("d").getNodeValue();
            }
        }
        return null;
    }

    private static Document parse(String svg) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }
}
