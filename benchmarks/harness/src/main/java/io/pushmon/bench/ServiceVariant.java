package io.pushmon.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.pushmon.system.PushmonSystem;
import io.pushmon.system.PushmonSystem.Component;

/**
 * A service a scenario measures beside this build's: another build, this build with other settings, or both
 * ({@code --gateway-variant} / {@code --processor-variant NAME=DIR[,property=value...]}, DIR {@code .} for this
 * build).
 *
 * @param appDir   the {@code quarkus-app} directory of another build; empty for this build's
 * @param settings {@code -D} settings the variant starts with, e.g. {@code pushmon.kafka.linger=20ms}
 */
public record ServiceVariant(Optional<Path> appDir, Map<String, String> settings) {

    public ServiceVariant {
        settings = Map.copyOf(settings);
    }

    /** Parses {@code DIR[,property=value...]}; a message for the user when it is malformed. */
    static ServiceVariant parse(String text) {
        String[] parts = text.split(",");
        if (parts[0].isEmpty()) {
            throw new IllegalArgumentException("a variant needs a directory ('.' for this build)");
        }
        Map<String, String> settings = new LinkedHashMap<>();
        for (int i = 1; i < parts.length; i++) {
            int equals = parts[i].indexOf('=');
            if (equals < 1 || equals == parts[i].length() - 1) {
                throw new IllegalArgumentException("a variant's setting is property=value, not '" + parts[i] + "'");
            }
            settings.put(parts[i].substring(0, equals), parts[i].substring(equals + 1));
        }
        Optional<Path> dir = parts[0].equals(".") ? Optional.empty() : Optional.of(Path.of(parts[0]));
        return new ServiceVariant(dir, settings);
    }

    /** Makes the system run {@code service} as this variant: its build, with its settings. */
    public void applyTo(PushmonSystem.Builder builder, Component service) {
        appDir.ifPresent(dir -> builder.appDir(service, dir));
        settings.forEach((property, value) -> builder.setting(service, property, value));
    }

    @Override
    public String toString() {
        String build = appDir.map(Path::toString).orElse("this build");
        return settings.isEmpty() ? build : build + " with " + settings;
    }
}
