package dev.reaper.internal.engine;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.ServiceLoader;

import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.EngineDiscoveryListener;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestEngine;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.discovery.UniqueIdSelector;

/**
 * The Jupiter engine's own discovery of a request, so that the Reaper engine finds exactly the tests
 * Jupiter would: the same selectors (a Reaper unique ID, from an IDE's rerun, read as Jupiter's), filters
 * and configuration. Jupiter reports its discovery issues itself; this run's are not said twice.
 */
final class JupiterDiscovery {

    private static final String JUPITER_ENGINE = "org.junit.jupiter.engine.JupiterTestEngine";

    private JupiterDiscovery() {
    }

    /** Empty when the Jupiter engine is not on the class path. */
    static java.util.Optional<TestDescriptor> discover(EngineDiscoveryRequest request) {
        return ServiceLoader.load(TestEngine.class, JupiterDiscovery.class.getClassLoader()).stream()
                .filter(provider -> provider.type().getName().equals(JUPITER_ENGINE))
                .findFirst()
                .map(provider -> provider.get().discover(quiet(request),
                        UniqueId.forEngine(MirroredDescriptor.JUPITER)));
    }

    private static EngineDiscoveryRequest quiet(EngineDiscoveryRequest request) {
        InvocationHandler handler = (proxy, method, arguments) -> {
            if (method.getName().equals("getDiscoveryListener") && method.getParameterCount() == 0) {
                return EngineDiscoveryListener.NOOP;
            }
            Object result = invoke(method, request, arguments);
            if (method.getName().equals("getSelectorsByType") && result instanceof List<?> selectors) {
                return selectors.stream().map(selector -> asJupiter(selector, (Class<?>) arguments[0])).toList();
            }
            return result;
        };
        return (EngineDiscoveryRequest) Proxy.newProxyInstance(JupiterDiscovery.class.getClassLoader(),
                new Class<?>[] {EngineDiscoveryRequest.class}, handler);
    }

    private static Object asJupiter(Object selector, Class<?> wanted) {
        if (selector instanceof UniqueIdSelector byId
                && byId.getUniqueId().getEngineId().filter(ReaperTestEngine.ID::equals).isPresent()) {
            DiscoverySelector jupiter =
                    DiscoverySelectors.selectUniqueId(MirroredDescriptor.toJupiter(byId.getUniqueId()));
            return wanted.isInstance(jupiter) ? jupiter : selector;
        }
        return selector;
    }

    private static Object invoke(Method method, Object target, Object[] arguments) throws Throwable {
        try {
            return method.invoke(target, arguments);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
