// End-to-end build (5): Surefire's TEST-*.xml in fork isolation list the same test cases as without Reaper.
evaluate(new File(itSources as String, 'lib/evidence.groovy'))

import groovy.xml.XmlSlurper

def classes = ['com.example.orders.OrderTest', 'com.example.orders.InvoiceTest', 'com.example.orders.WarehouseTest',
               'com.example.orders.ShippingTest']

/** A run's TEST-*.xml files by name. */
def reportFiles = { String run ->
    def dir = new File(basedir, "target/reports/${run}")
    def files = dir.listFiles({ File f -> f.name ==~ /TEST-.*\.xml/ } as FileFilter) ?: []
    files.collectEntries { [(it.name): it] }
}

/**
 * The kind of a test case's outcome, with the exception's type (messages carry times and hashes), and
 * what its rerun did (Surefire's rerunFailure, rerunError, flakyFailure, flakyError elements).
 */
def outcome = { test ->
    def kind = test.error.size() ? "error ${test.error[0].@type}"
            : test.failure.size() ? "failure ${test.failure[0].@type}"
            : test.skipped.size() ? 'skipped' : 'passed'
    def reruns = test.children().findAll { it.name() ==~ /(rerun|flaky)(Failure|Error)/ }
            .collect { "${it.name()} ${it.@type}" }
    reruns ? "${kind}, then ${reruns.join(', ')}" : kind
}

/** One TEST-*.xml: its suite's name and counts, and each test case as "classname | name -> outcome", sorted. */
def summary = { File file ->
    def suite = new XmlSlurper().parse(file)
    [suite: ['name', 'tests', 'failures', 'errors', 'skipped'].collectEntries { [(it): suite."@${it}".text()] },
     cases: suite.testcase.collect { "${it.@classname} | ${it.@name} -> ${outcome(it)}".toString() }.sort()]
}

/** What differs between two sorted lists, as "- only left" and "+ only right" lines. */
def diff = { List left, List right ->
    def onlyLeft = new ArrayList(left), onlyRight = new ArrayList(right)
    right.each { onlyLeft.remove(it) }
    left.each { onlyRight.remove(it) }
    onlyLeft.collect { "    - ${it}" } + onlyRight.collect { "    + ${it}" }
}

/** A JVM record written by the tests' @BeforeAll (see Jvm.java). */
def jvm = { String run, String className ->
    def file = new File(basedir, "target/jvm/${run}/${className}.properties")
    assert file.isFile(): "${className} recorded no JVM in the ${run} run: no ${file}"
    def properties = new Properties()
    file.withReader('UTF-8') { properties.load(it) }
    properties
}

check('the build passed with four Surefire runs, in bounded time') {
    assertLog('BUILD SUCCESS')
    assert (buildLog =~ /(?m)^\[(?:INFO|WARNING|ERROR)\] Tests run: \d+, Failures: \d+, Errors: \d+, Skipped: \d+(?:, Flakes: \d+)?$/).size() == 4:
            'expected the summary lines of four Surefire runs'
    assertLogLacks('There was a timeout in the fork', "Surefire's backstop ended a run")
    // A bound against a hang, not a benchmark: it took 134 s on two cores shared with other builds.
    assert totalSeconds() < 400: "the build took ${totalSeconds()} s"
}

check('the plain runs had no Reaper; the fork runs ran on the lane\'s JUnit and the jar from the private repository') {
    ['plain', 'plain-phrased'].each { run ->
        def file = reportFiles(run).values().find()
        assert file: "no TEST-*.xml in the ${run} run"
        def classPath = new XmlSlurper().parse(file).properties.property
                .find { it.@name.text() == 'surefire.test.class.path' }.@value.text()
        assert !classPath.contains('reaper-junit'): "Reaper is on the ${run} run's class path: ${classPath}"
    }
    ['fork', 'fork-phrased'].each { run ->
        def file = reportFiles(run).values().find()
        assert file: "no TEST-*.xml in the ${run} run"
        assertRanOnThisBuild(new XmlSlurper().parse(file))
    }
}

check('the plain runs ran every class in Surefire\'s JVM') {
    ['plain', 'plain-phrased'].each { run ->
        classes.each { name ->
            def record = jvm(run, name)
            assert record.command.contains('surefirebooter'): "${name} (${run}) ran in ${record.command}"
        }
    }
}

check('the fork runs ran every class in a Reaper worker JVM, a child of Surefire\'s JVM') {
    ['fork', 'fork-phrased'].each { run ->
        classes.each { name ->
            def record = jvm(run, name)
            assert record.command.startsWith('dev.reaper.internal.fork.worker.WorkerMain'):
                    "${name} (${run}) did not run in a worker: ${record.command}"
            assert record.parentCommand.contains('surefirebooter'):
                    "${name} (${run}) ran in a JVM whose parent is not Surefire's: ${record.parentCommand}"
            assert record.pid != record.parentPid
        }
    }
}

[['plain', 'fork'], ['plain-phrased', 'fork-phrased']].each { pair ->
    def (plainRun, forkRun) = pair
    def plain = reportFiles(plainRun)
    def fork = reportFiles(forkRun)

    check("${forkRun}: the same TEST-*.xml files as ${plainRun}, one per class") {
        assert plain.keySet() == classes.collect { "TEST-${it}.xml".toString() } as Set:
                "${plainRun}: ${plain.keySet()}"
        assert fork.keySet() == plain.keySet(): "${plainRun}: ${plain.keySet().sort()}, ${forkRun}: ${fork.keySet().sort()}"
    }

    check("${forkRun}: each TEST-*.xml lists the same test cases with the same outcomes as ${plainRun}") {
        def differences = []
        plain.keySet().sort().each { name ->
            if (!fork.containsKey(name)) {
                return // the check above says so
            }
            def expected = summary(plain[name])
            def actual = summary(fork[name])
            if (expected.suite != actual.suite) {
                differences << "  ${name}: suite ${plainRun} ${expected.suite}, ${forkRun} ${actual.suite}"
            }
            if (expected.cases != actual.cases) {
                differences << "  ${name}:\n" + diff(expected.cases, actual.cases).join('\n')
            }
        }
        println "[e2e] ${plainRun}: " + plain.values().sum { summary(it).cases.size() } + " test cases in ${plain.size()} files"
        assert !differences: "TEST-*.xml differ (- ${plainRun} only, + ${forkRun} only):\n" + differences.join('\n')
    }
}

[['plain', 'fork'], ['plain-phrased', 'fork-phrased']].each { pair ->
    def (plainRun, forkRun) = pair
    check("${forkRun}: what the tests printed is in the same class's output file as in ${plainRun}, in order") {
        def outputs = { String run ->
            (new File(basedir, "target/reports/${run}").listFiles({ File f -> f.name.endsWith('-output.txt') } as FileFilter) ?: [])
                    .collectEntries { [(it.name): it.readLines('UTF-8')] }
        }
        def plain = outputs(plainRun)
        def fork = outputs(forkRun)
        assert plain.keySet().any { it.contains('ShippingTest') }: "no output file of ShippingTest in ${plainRun}: ${plain.keySet()}"
        assert fork.keySet() == plain.keySet()
        plain.each { name, lines ->
            assert fork[name] == lines: "${name} (- ${plainRun} only, + ${forkRun} only):\n" + diff(lines, fork[name]).join('\n')
        }
    }
}

check('the runs covered what they should: every outcome, nested, parameterized, repeated and dynamic tests') {
    def cases = summary(reportFiles('plain')['TEST-com.example.orders.OrderTest.xml']).cases
    def phrased = summary(reportFiles('plain-phrased')['TEST-com.example.orders.OrderTest.xml']).cases
    ['passed', 'failure org.opentest4j.AssertionFailedError', 'error java.lang.IllegalStateException', 'skipped'].each { kind ->
        assert cases.any { it.contains("-> ${kind}") }: "no test case ${kind}: ${cases.join('\n')}"
    }
    assert cases.size() >= 25: "only ${cases.size()} test cases: ${cases.join('\n')}"
    assert cases.any { it.contains('WhenEmpty') }: "no @Nested test case: ${cases.join('\n')}"
    assert cases.any { it.contains('flakyFailure') }: "no flaky test case: ${cases.join('\n')}"
    assert cases.any { it.contains('rerunFailure') }: "no test case that failed its rerun: ${cases.join('\n')}"
    assert phrased.any { it =~ /3\W* x \W*4\W* = \W*11/ }: "no parameterized display name: ${phrased.join('\n')}"
    assert phrased.any { it.contains('150 % off') }: "no dynamic test's display name: ${phrased.join('\n')}"
    assert phrased.any { it.contains('totals with tax') }: "no method display name: ${phrased.join('\n')}"
}

finish()
