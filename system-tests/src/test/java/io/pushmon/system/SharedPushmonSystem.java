package io.pushmon.system;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands one {@link PushmonSystem} and one {@link WebhookReceiver} to every test class of the run that asks for
 * them as parameters ({@code @BeforeAll static void setUp(PushmonSystem system, WebhookReceiver receiver)}). They
 * are started at first use and closed when the whole run ends, so the ~20 s boot is paid once. Suites that break
 * processes on purpose (kill, restart) must start their own system with {@link PushmonSystem#start()} instead.
 */
public final class SharedPushmonSystem implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
            .create(SharedPushmonSystem.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == PushmonSystem.class || type == WebhookReceiver.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        // The root store closes AutoCloseable values when the run ends.
        ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
        if (parameter.getParameter().getType() == PushmonSystem.class) {
            return store.computeIfAbsent(PushmonSystem.class, type -> PushmonSystem.start(), PushmonSystem.class);
        }
        return store.computeIfAbsent(WebhookReceiver.class, type -> WebhookReceiver.start(), WebhookReceiver.class);
    }
}
