package io.pushmon.bench.observe;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import io.pushmon.bench.BenchContext;
import io.pushmon.bench.BenchOptions;
import io.pushmon.bench.ServiceVariant;
import io.pushmon.system.PushmonSystem;
import io.pushmon.system.PushmonSystem.Component;

/**
 * One whole system a scenario on an observed system runs: this build first, then one per name given to
 * {@code --gateway-variant}, {@code --processor-variant} or {@code --dispatcher-variant}, each with the services that
 * name was given for and this build's others.
 *
 * @param name   the variant's name, {@code this build} for this build
 * @param prefix what its figures are prefixed with: nothing when it is the only system, else its name
 * @param folder its data folder under the scenario's
 * @param adjust the builder changes that make it this variant
 */
public record SystemVariant(String name, String prefix, String folder, UnaryOperator<PushmonSystem.Builder> adjust) {

    private static final ServiceVariant THIS_BUILD = new ServiceVariant(Optional.empty(), Map.of());

    /** Whether this is the build under test, the one a scenario's targets are judged on. */
    public boolean thisBuild() {
        return name.equals("this build");
    }

    public static List<SystemVariant> of(BenchContext context) {
        BenchOptions options = context.options();
        Set<String> names = new LinkedHashSet<>(options.gatewayVariants().keySet());
        names.addAll(options.processorVariants().keySet());
        names.addAll(options.dispatcherVariants().keySet());
        List<SystemVariant> variants = new ArrayList<>();
        variants.add(new SystemVariant("this build", names.isEmpty() ? "" : "this build: ", "system",
                UnaryOperator.identity()));
        for (String name : names) {
            ServiceVariant gateway = options.gatewayVariants().getOrDefault(name, THIS_BUILD);
            ServiceVariant processor = options.processorVariants().getOrDefault(name, THIS_BUILD);
            ServiceVariant dispatcher = options.dispatcherVariants().getOrDefault(name, THIS_BUILD);
            variants.add(new SystemVariant(name, name + ": ", name.replaceAll("[^A-Za-z0-9._-]", "-"), builder -> {
                gateway.applyTo(builder, Component.GATEWAY);
                processor.applyTo(builder, Component.PROCESSOR);
                dispatcher.applyTo(builder, Component.DISPATCHER);
                return builder;
            }));
        }
        return variants;
    }

    /**
     * A system of this build to run and throw away before side-by-side systems, or empty when this build runs alone
     * or at smoke size. In each of seven detection runs the first system had the slowest tail, whatever it was; the
     * harness's own JVM (webhook sink, event watcher) starts cold with it, which is one likely reason.
     */
    public static Optional<SystemVariant> warmUp(BenchContext context) {
        if (context.smoke() || of(context).size() == 1) {
            return Optional.empty();
        }
        return Optional.of(new SystemVariant("warm-up", "warm-up: ", "warm-up", UnaryOperator.identity()));
    }

    /** The report's description of the variants, or empty when this build runs alone. */
    public static Optional<String> describe(BenchContext context) {
        BenchOptions options = context.options();
        List<SystemVariant> variants = of(context);
        if (variants.size() == 1) {
            return Optional.empty();
        }
        return Optional.of("this build, then " + variants.stream().skip(1).map(v -> v.name() + " (gateway "
                + options.gatewayVariants().getOrDefault(v.name(), THIS_BUILD) + ", processor "
                + options.processorVariants().getOrDefault(v.name(), THIS_BUILD) + ", dispatcher "
                + options.dispatcherVariants().getOrDefault(v.name(), THIS_BUILD) + ")")
                .collect(Collectors.joining(", ")));
    }
}
