package bench.suites;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** {@link Hundred} with a trivial {@code @BeforeEach} and {@code @AfterEach}: three guarded calls per test. */
public abstract class HundredWithLifecycle extends Hundred {

    private int state;

    @BeforeEach
    void setUp() {
        state = 1;
    }

    @AfterEach
    void tearDown() {
        state = 0;
    }

    int state() {
        return state;
    }
}
