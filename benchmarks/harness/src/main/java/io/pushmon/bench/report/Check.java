package io.pushmon.bench.report;

/**
 * A target of the issue against what was measured.
 *
 * @param target   the target in words, e.g. "p99 under 50 ms at 200 connections"
 * @param measured what was measured, in words with its unit
 * @param met      whether the measurement meets the target
 * @param kind     what a miss means
 */
public record Check(String target, String measured, boolean met, Kind kind) {

    public enum Kind {
        /** A performance target, which a tiny smoke run does not judge. */
        TARGET,
        /** A correctness target that must hold at any size and on any machine (nothing lost, nothing twice). */
        INVARIANT,
        /** A condition of the measurement itself (e.g. a lean enough generator): missed, the figures are suspect. */
        WARNING
    }

    public boolean invariant() {
        return kind == Kind.INVARIANT;
    }
}
