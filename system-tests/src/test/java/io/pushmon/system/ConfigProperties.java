package io.pushmon.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The configuration properties a packaged service reads: the keys of its {@code application.properties} (profile
 * prefixes removed) and every property of its {@code @ConfigMapping} interfaces, found by loading the module's
 * compiled classes with its packaged libraries. Naming follows SmallRye Config's defaults: method names in
 * kebab case, {@code @WithName} replaces a name, {@code @WithParentName} adds none, nested interfaces are groups.
 */
public final class ConfigProperties {

    private static final String MAPPING = "io.smallrye.config.ConfigMapping";
    private static final String WITH_NAME = "io.smallrye.config.WithName";
    private static final String WITH_PARENT_NAME = "io.smallrye.config.WithParentName";

    private ConfigProperties() {
    }

    /** Every property name the module at {@code moduleDir} reads. Needs the module compiled and packaged. */
    public static Set<String> of(Path moduleDir) {
        Set<String> names = new TreeSet<>(applicationProperties(moduleDir).stringPropertyNames().stream()
                .map(key -> key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key).toList());
        names.addAll(mappedProperties(moduleDir));
        return names;
    }

    public static Properties applicationProperties(Path moduleDir) {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(moduleDir.resolve("src/main/resources/application.properties"))) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    /**
     * The port of {@code /q/health} and {@code /q/metrics}: the management interface's when the module enables it
     * (a build-time setting, so it is in {@code application.properties}), else the HTTP port.
     */
    public static int managementPort(Properties applicationProperties) {
        boolean separate = Boolean.parseBoolean(applicationProperties.getProperty("quarkus.management.enabled"));
        return Integer.parseInt(separate ? applicationProperties.getProperty("quarkus.management.port", "9000")
                : applicationProperties.getProperty("quarkus.http.port"));
    }

    /** The environment variable name SmallRye Config maps to {@code property}: upper case, others to '_'. */
    public static String envName(String property) {
        return property.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    /**
     * The mappings of the module's own classes and of pushmon-common, which maps the Kafka settings every service
     * reads; the module's packaged libraries hold pushmon-common's classes, so one class loader loads both.
     */
    private static Set<String> mappedProperties(Path moduleDir) {
        Set<String> names = new TreeSet<>();
        try (URLClassLoader loader = new URLClassLoader(classpath(moduleDir), ClassLoader.getPlatformClassLoader())) {
            for (Path classes : List.of(moduleDir.resolve("target/classes"),
                    moduleDir.resolveSibling("pushmon-common").resolve("target/classes"))) {
                collectMappings(classes, loader, names);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    private static void collectMappings(Path classes, ClassLoader loader, Set<String> names) throws IOException {
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String className = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(className, false, loader);
                annotation(type, MAPPING).ifPresent(mapping -> collect(type, (String) value(mapping, "prefix"), names));
            }
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("a compiled class did not load from its own module", e);
        }
    }

    private static void collect(Class<?> group, String prefix, Set<String> names) {
        for (Method method : group.getMethods()) {
            if (method.getParameterCount() > 0 || method.isDefault() || Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            String name;
            if (annotation(method, WITH_PARENT_NAME).isPresent()) {
                name = prefix;
            } else {
                String own = annotation(method, WITH_NAME).map(a -> (String) value(a, "value"))
                        .orElse(kebab(method.getName()));
                name = prefix.isEmpty() ? own : prefix + "." + own;
            }
            Class<?> nested = groupType(method.getGenericReturnType());
            if (nested != null) {
                collect(nested, name, names);
            } else {
                names.add(name);
            }
        }
    }

    /** The group interface a method returns, directly or in an Optional; null for a leaf value. */
    private static Class<?> groupType(Type type) {
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() == Optional.class) {
            return groupType(parameterized.getActualTypeArguments()[0]);
        }
        if (type instanceof Class<?> raw && raw.isInterface() && raw.getClassLoader() != null
                && !raw.getName().startsWith("java.")) {
            return raw;
        }
        return null;
    }

    private static String kebab(String methodName) {
        return methodName.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private static URL[] classpath(Path moduleDir) throws IOException {
        List<URL> urls = new ArrayList<>();
        urls.add(url(moduleDir.resolve("target/classes")));
        Path lib = moduleDir.resolve("target/quarkus-app/lib");
        try (Stream<Path> jars = Files.walk(lib)) {
            for (Path jar : jars.filter(j -> j.toString().endsWith(".jar")).toList()) {
                urls.add(url(jar));
            }
        }
        return urls.toArray(URL[]::new);
    }

    private static URL url(Path path) {
        try {
            return path.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(path.toString(), e);
        }
    }

    // The annotation classes live in the module's class loader, not ours: they are matched by name.
    private static Optional<Annotation> annotation(AnnotatedElement element, String type) {
        return Stream.of(element.getAnnotations()).filter(a -> a.annotationType().getName().equals(type)).findFirst();
    }

    private static Object value(Annotation annotation, String attribute) {
        try {
            return annotation.annotationType().getMethod(attribute).invoke(annotation);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(annotation + " has no " + attribute, e);
        }
    }
}
