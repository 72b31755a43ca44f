package bench.suites;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * One hundred trivial tests of one assertion each: real {@code @Test} methods, so that every variant
 * goes through the path a real suite takes ({@code interceptTestMethod}, one test descriptor and one
 * extension context per method). Suites are made of subclasses ({@link Suites}): JUnit runs the
 * inherited methods of each subclass as that class's own tests.
 */
public abstract class Hundred {

    private final int one = 1;

    // @formatter:off (a table)
    @Test void t000() { assertEquals(2, one + one); }
    @Test void t001() { assertEquals(2, one + one); }
    @Test void t002() { assertEquals(2, one + one); }
    @Test void t003() { assertEquals(2, one + one); }
    @Test void t004() { assertEquals(2, one + one); }
    @Test void t005() { assertEquals(2, one + one); }
    @Test void t006() { assertEquals(2, one + one); }
    @Test void t007() { assertEquals(2, one + one); }
    @Test void t008() { assertEquals(2, one + one); }
    @Test void t009() { assertEquals(2, one + one); }
    @Test void t010() { assertEquals(2, one + one); }
    @Test void t011() { assertEquals(2, one + one); }
    @Test void t012() { assertEquals(2, one + one); }
    @Test void t013() { assertEquals(2, one + one); }
    @Test void t014() { assertEquals(2, one + one); }
    @Test void t015() { assertEquals(2, one + one); }
    @Test void t016() { assertEquals(2, one + one); }
    @Test void t017() { assertEquals(2, one + one); }
    @Test void t018() { assertEquals(2, one + one); }
    @Test void t019() { assertEquals(2, one + one); }
    @Test void t020() { assertEquals(2, one + one); }
    @Test void t021() { assertEquals(2, one + one); }
    @Test void t022() { assertEquals(2, one + one); }
    @Test void t023() { assertEquals(2, one + one); }
    @Test void t024() { assertEquals(2, one + one); }
    @Test void t025() { assertEquals(2, one + one); }
    @Test void t026() { assertEquals(2, one + one); }
    @Test void t027() { assertEquals(2, one + one); }
    @Test void t028() { assertEquals(2, one + one); }
    @Test void t029() { assertEquals(2, one + one); }
    @Test void t030() { assertEquals(2, one + one); }
    @Test void t031() { assertEquals(2, one + one); }
    @Test void t032() { assertEquals(2, one + one); }
    @Test void t033() { assertEquals(2, one + one); }
    @Test void t034() { assertEquals(2, one + one); }
    @Test void t035() { assertEquals(2, one + one); }
    @Test void t036() { assertEquals(2, one + one); }
    @Test void t037() { assertEquals(2, one + one); }
    @Test void t038() { assertEquals(2, one + one); }
    @Test void t039() { assertEquals(2, one + one); }
    @Test void t040() { assertEquals(2, one + one); }
    @Test void t041() { assertEquals(2, one + one); }
    @Test void t042() { assertEquals(2, one + one); }
    @Test void t043() { assertEquals(2, one + one); }
    @Test void t044() { assertEquals(2, one + one); }
    @Test void t045() { assertEquals(2, one + one); }
    @Test void t046() { assertEquals(2, one + one); }
    @Test void t047() { assertEquals(2, one + one); }
    @Test void t048() { assertEquals(2, one + one); }
    @Test void t049() { assertEquals(2, one + one); }
    @Test void t050() { assertEquals(2, one + one); }
    @Test void t051() { assertEquals(2, one + one); }
    @Test void t052() { assertEquals(2, one + one); }
    @Test void t053() { assertEquals(2, one + one); }
    @Test void t054() { assertEquals(2, one + one); }
    @Test void t055() { assertEquals(2, one + one); }
    @Test void t056() { assertEquals(2, one + one); }
    @Test void t057() { assertEquals(2, one + one); }
    @Test void t058() { assertEquals(2, one + one); }
    @Test void t059() { assertEquals(2, one + one); }
    @Test void t060() { assertEquals(2, one + one); }
    @Test void t061() { assertEquals(2, one + one); }
    @Test void t062() { assertEquals(2, one + one); }
    @Test void t063() { assertEquals(2, one + one); }
    @Test void t064() { assertEquals(2, one + one); }
    @Test void t065() { assertEquals(2, one + one); }
    @Test void t066() { assertEquals(2, one + one); }
    @Test void t067() { assertEquals(2, one + one); }
    @Test void t068() { assertEquals(2, one + one); }
    @Test void t069() { assertEquals(2, one + one); }
    @Test void t070() { assertEquals(2, one + one); }
    @Test void t071() { assertEquals(2, one + one); }
    @Test void t072() { assertEquals(2, one + one); }
    @Test void t073() { assertEquals(2, one + one); }
    @Test void t074() { assertEquals(2, one + one); }
    @Test void t075() { assertEquals(2, one + one); }
    @Test void t076() { assertEquals(2, one + one); }
    @Test void t077() { assertEquals(2, one + one); }
    @Test void t078() { assertEquals(2, one + one); }
    @Test void t079() { assertEquals(2, one + one); }
    @Test void t080() { assertEquals(2, one + one); }
    @Test void t081() { assertEquals(2, one + one); }
    @Test void t082() { assertEquals(2, one + one); }
    @Test void t083() { assertEquals(2, one + one); }
    @Test void t084() { assertEquals(2, one + one); }
    @Test void t085() { assertEquals(2, one + one); }
    @Test void t086() { assertEquals(2, one + one); }
    @Test void t087() { assertEquals(2, one + one); }
    @Test void t088() { assertEquals(2, one + one); }
    @Test void t089() { assertEquals(2, one + one); }
    @Test void t090() { assertEquals(2, one + one); }
    @Test void t091() { assertEquals(2, one + one); }
    @Test void t092() { assertEquals(2, one + one); }
    @Test void t093() { assertEquals(2, one + one); }
    @Test void t094() { assertEquals(2, one + one); }
    @Test void t095() { assertEquals(2, one + one); }
    @Test void t096() { assertEquals(2, one + one); }
    @Test void t097() { assertEquals(2, one + one); }
    @Test void t098() { assertEquals(2, one + one); }
    @Test void t099() { assertEquals(2, one + one); }
    // @formatter:on
}
