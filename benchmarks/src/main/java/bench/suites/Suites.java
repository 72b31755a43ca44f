package bench.suites;

/**
 * The generated-free suites: each nested class is a test class of 100 inherited trivial tests.
 * {@code P00..P99} (10,000 tests) without lifecycle methods, {@code L00..L19} (2,000 tests) with a
 * {@code @BeforeEach} and an {@code @AfterEach}.
 */
public final class Suites {

    private Suites() {
    }

    // @formatter:off (a table)
    public static class P00 extends Hundred { }
    public static class P01 extends Hundred { }
    public static class P02 extends Hundred { }
    public static class P03 extends Hundred { }
    public static class P04 extends Hundred { }
    public static class P05 extends Hundred { }
    public static class P06 extends Hundred { }
    public static class P07 extends Hundred { }
    public static class P08 extends Hundred { }
    public static class P09 extends Hundred { }
    public static class P10 extends Hundred { }
    public static class P11 extends Hundred { }
    public static class P12 extends Hundred { }
    public static class P13 extends Hundred { }
    public static class P14 extends Hundred { }
    public static class P15 extends Hundred { }
    public static class P16 extends Hundred { }
    public static class P17 extends Hundred { }
    public static class P18 extends Hundred { }
    public static class P19 extends Hundred { }
    public static class P20 extends Hundred { }
    public static class P21 extends Hundred { }
    public static class P22 extends Hundred { }
    public static class P23 extends Hundred { }
    public static class P24 extends Hundred { }
    public static class P25 extends Hundred { }
    public static class P26 extends Hundred { }
    public static class P27 extends Hundred { }
    public static class P28 extends Hundred { }
    public static class P29 extends Hundred { }
    public static class P30 extends Hundred { }
    public static class P31 extends Hundred { }
    public static class P32 extends Hundred { }
    public static class P33 extends Hundred { }
    public static class P34 extends Hundred { }
    public static class P35 extends Hundred { }
    public static class P36 extends Hundred { }
    public static class P37 extends Hundred { }
    public static class P38 extends Hundred { }
    public static class P39 extends Hundred { }
    public static class P40 extends Hundred { }
    public static class P41 extends Hundred { }
    public static class P42 extends Hundred { }
    public static class P43 extends Hundred { }
    public static class P44 extends Hundred { }
    public static class P45 extends Hundred { }
    public static class P46 extends Hundred { }
    public static class P47 extends Hundred { }
    public static class P48 extends Hundred { }
    public static class P49 extends Hundred { }
    public static class P50 extends Hundred { }
    public static class P51 extends Hundred { }
    public static class P52 extends Hundred { }
    public static class P53 extends Hundred { }
    public static class P54 extends Hundred { }
    public static class P55 extends Hundred { }
    public static class P56 extends Hundred { }
    public static class P57 extends Hundred { }
    public static class P58 extends Hundred { }
    public static class P59 extends Hundred { }
    public static class P60 extends Hundred { }
    public static class P61 extends Hundred { }
    public static class P62 extends Hundred { }
    public static class P63 extends Hundred { }
    public static class P64 extends Hundred { }
    public static class P65 extends Hundred { }
    public static class P66 extends Hundred { }
    public static class P67 extends Hundred { }
    public static class P68 extends Hundred { }
    public static class P69 extends Hundred { }
    public static class P70 extends Hundred { }
    public static class P71 extends Hundred { }
    public static class P72 extends Hundred { }
    public static class P73 extends Hundred { }
    public static class P74 extends Hundred { }
    public static class P75 extends Hundred { }
    public static class P76 extends Hundred { }
    public static class P77 extends Hundred { }
    public static class P78 extends Hundred { }
    public static class P79 extends Hundred { }
    public static class P80 extends Hundred { }
    public static class P81 extends Hundred { }
    public static class P82 extends Hundred { }
    public static class P83 extends Hundred { }
    public static class P84 extends Hundred { }
    public static class P85 extends Hundred { }
    public static class P86 extends Hundred { }
    public static class P87 extends Hundred { }
    public static class P88 extends Hundred { }
    public static class P89 extends Hundred { }
    public static class P90 extends Hundred { }
    public static class P91 extends Hundred { }
    public static class P92 extends Hundred { }
    public static class P93 extends Hundred { }
    public static class P94 extends Hundred { }
    public static class P95 extends Hundred { }
    public static class P96 extends Hundred { }
    public static class P97 extends Hundred { }
    public static class P98 extends Hundred { }
    public static class P99 extends Hundred { }

    public static class L00 extends HundredWithLifecycle { }
    public static class L01 extends HundredWithLifecycle { }
    public static class L02 extends HundredWithLifecycle { }
    public static class L03 extends HundredWithLifecycle { }
    public static class L04 extends HundredWithLifecycle { }
    public static class L05 extends HundredWithLifecycle { }
    public static class L06 extends HundredWithLifecycle { }
    public static class L07 extends HundredWithLifecycle { }
    public static class L08 extends HundredWithLifecycle { }
    public static class L09 extends HundredWithLifecycle { }
    public static class L10 extends HundredWithLifecycle { }
    public static class L11 extends HundredWithLifecycle { }
    public static class L12 extends HundredWithLifecycle { }
    public static class L13 extends HundredWithLifecycle { }
    public static class L14 extends HundredWithLifecycle { }
    public static class L15 extends HundredWithLifecycle { }
    public static class L16 extends HundredWithLifecycle { }
    public static class L17 extends HundredWithLifecycle { }
    public static class L18 extends HundredWithLifecycle { }
    public static class L19 extends HundredWithLifecycle { }
    // @formatter:on
}
