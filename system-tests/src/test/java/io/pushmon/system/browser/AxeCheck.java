package io.pushmon.system.browser;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Accessibility check of the page a {@link Browser} shows, with axe-core (Deque's {@code axe.min.js}, read from
 * the classpath: the {@code com.deque.html.axe-core:selenium} jar ships it at its root; its Java classes are not
 * used). The script is injected into the current page when it lacks it, then {@code axe.run} checks the whole
 * document.
 *
 * <p>Rules: only those tagged {@link #WCAG_2_AA} (WCAG 2.0, 2.1 and 2.2, levels A and AA), so a violation is a
 * failed success criterion and not a matter of taste; {@link #withBestPractices()} adds axe's
 * {@code best-practice} rules (landmarks, one {@code h1}, ...). AAA rules and axe's experimental ones never run.
 * Only violations are reported: results axe cannot decide ("incomplete", e.g. the contrast of text over an
 * image) are not.
 *
 * <p>{@link #assertNoSeriousViolations(String)} fails on impact {@code serious} or {@code critical} and lists each
 * with its rule id, help text and the CSS selectors of the nodes; {@code moderate} and {@code minor} ones are
 * printed but pass.
 */
public final class AxeCheck {

    /** axe-core's tags for the WCAG 2.x A and AA success criteria. */
    public static final List<String> WCAG_2_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");
    public static final String BEST_PRACTICE = "best-practice";
    /** The impacts that fail {@link #assertNoSeriousViolations(String)}. */
    public static final Set<String> SERIOUS = Set.of("serious", "critical");

    private static final String AXE_RESOURCE = "/axe.min.js";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static volatile String axeSource;

    private static final String RUN = """
            const tags = arguments[0];
            const done = arguments[arguments.length - 1];
            const selector = t => Array.isArray(t) ? t.join(' >>> ') : t;
            axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})
              .then(results => done(JSON.stringify({violations: results.violations.map(v => ({
                  id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl, tags: v.tags,
                  nodes: v.nodes.map(n => ({target: n.target.map(selector).join(' '), html: n.html,
                                            summary: n.failureSummary || ''}))}))})))
              .catch(e => done(JSON.stringify({error: String(e && e.stack || e)})));
            """;

    private final Browser browser;
    private final List<String> tags;

    private AxeCheck(Browser browser, List<String> tags) {
        this.browser = browser;
        this.tags = List.copyOf(tags);
    }

    /** WCAG 2 A/AA rules on what {@code browser} shows. */
    public static AxeCheck of(Browser browser) {
        return new AxeCheck(browser, WCAG_2_AA);
    }

    /** The same check with axe's best-practice rules as well. */
    public AxeCheck withBestPractices() {
        List<String> more = new ArrayList<>(tags);
        if (!more.contains(BEST_PRACTICE)) {
            more.add(BEST_PRACTICE);
        }
        return new AxeCheck(browser, more);
    }

    /** The axe tags whose rules run. */
    public List<String> tags() {
        return tags;
    }

    /** Runs axe on the current page and returns every violation, any impact. */
    public List<Violation> violations() {
        if (!Boolean.TRUE.equals(browser.script("return typeof window.axe === 'object';"))) {
            browser.script(axeSource());
        }
        Object answer = browser.driver().executeAsyncScript(RUN, tags);
        try {
            JsonNode result = JSON.readTree(String.valueOf(answer));
            if (result.has("error")) {
                throw new IllegalStateException("axe.run failed: " + result.get("error").asText());
            }
            List<Violation> violations = new ArrayList<>();
            for (JsonNode v : result.get("violations")) {
                List<Node> nodes = new ArrayList<>();
                for (JsonNode n : v.get("nodes")) {
                    nodes.add(new Node(n.get("target").asText(), n.get("html").asText(), n.get("summary").asText()));
                }
                List<String> ruleTags = new ArrayList<>();
                v.get("tags").forEach(t -> ruleTags.add(t.asText()));
                violations.add(new Violation(v.get("id").asText(), v.path("impact").asText("unknown"),
                        v.get("help").asText(), v.get("helpUrl").asText(), ruleTags, nodes));
            }
            return violations;
        } catch (IOException e) {
            throw new UncheckedIOException("axe.run answered " + answer, e);
        }
    }

    /** The violations of impact serious or critical. */
    public List<Violation> seriousViolations() {
        return violations().stream().filter(Violation::serious).toList();
    }

    /**
     * Fails when the current page has a serious or critical violation, listing each one's id, impact, help, its
     * help URL and the nodes' selectors; {@code page} names the page in the message. Prints the lesser ones.
     */
    public void assertNoSeriousViolations(String page) {
        List<Violation> all = violations();
        List<Violation> serious = all.stream().filter(Violation::serious).toList();
        List<Violation> lesser = all.stream().filter(v -> !v.serious()).toList();
        if (!lesser.isEmpty()) {
            System.out.println("axe: " + page + ": " + lesser.size() + " moderate/minor violation(s), not failing:\n"
                    + describe(lesser));
        }
        if (!serious.isEmpty()) {
            throw new AssertionError("axe: " + page + " (" + browser.driver().getCurrentUrl() + ") has "
                    + serious.size() + " serious or critical accessibility violation(s) (rules " + tags + "):\n"
                    + describe(serious));
        }
    }

    private static String describe(List<Violation> violations) {
        return violations.stream().map(Violation::describe).collect(Collectors.joining("\n"));
    }

    private static String axeSource() {
        String source = axeSource;
        if (source == null) {
            try (InputStream in = AxeCheck.class.getResourceAsStream(AXE_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(AXE_RESOURCE + " is not on the classpath: system-tests needs the"
                            + " test dependency com.deque.html.axe-core:selenium, which ships it");
                }
                source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            axeSource = source;
        }
        return source;
    }

    /** One rule axe found broken, with every node that breaks it. */
    public record Violation(String id, String impact, String help, String helpUrl, List<String> tags,
            List<Node> nodes) {

        public boolean serious() {
            return SERIOUS.contains(impact);
        }

        /** The nodes' CSS selectors. */
        public List<String> targets() {
            return nodes.stream().map(Node::target).toList();
        }

        String describe() {
            StringBuilder text = new StringBuilder("- ").append(id).append(" [").append(impact).append("] ")
                    .append(help).append(" (").append(helpUrl).append(')');
            for (Node node : nodes) {
                text.append("\n    ").append(node.target()).append("  ").append(node.html());
            }
            return text.toString();
        }
    }

    /** A node of a violation: its CSS selector, its HTML (as axe shortens it) and what to fix. */
    public record Node(String target, String html, String summary) {
    }
}
