// End-to-end build (4): Commons Lang's own tests, plain and with Reaper as a drop-in, must end the same.
evaluate(new File(itSources as String, 'lib/evidence.groovy'))

/** Each test case of a run's TEST-*.xml (this project's probe aside): "class.method" -> outcomes. */
def outcomes = { String run ->
    def dir = new File(basedir, "target/surefire-reports-${run}")
    def files = dir.listFiles({ File f -> f.name ==~ /TEST-.*\.xml/ } as FileFilter) ?: []
    assert files: "no TEST-*.xml in ${dir}"
    def cases = [:].withDefault { [] }
    files.each { file ->
        new groovy.xml.XmlSlurper().parse(file).testcase.each { test ->
            if (test.@classname.text().startsWith('parity.')) {
                return
            }
            // The kind of outcome and the exception's type; messages vary from run to run (times, hashes).
            def outcome = test.error.size() ? "error ${test.error[0].@type}"
                    : test.failure.size() ? "failure ${test.failure[0].@type}"
                    : test.skipped.size() ? 'skipped' : 'passed'
            cases["${test.@classname}.${test.@name}"] << outcome
        }
    }
    cases.each { key, list -> list.sort() }
    cases
}

/** The first suite of a run, for the class path Surefire recorded. */
def anySuite = { String run ->
    def file = new File(basedir, "target/surefire-reports-${run}").listFiles().find { it.name ==~ /TEST-.*\.xml/ }
    assert file: "no TEST-*.xml for the ${run} run"
    new groovy.xml.XmlSlurper().parse(file)
}

def probe = { String run ->
    def file = new File(basedir, "target/parity-probe-${run}.properties")
    assert file.isFile(): "the probe did not run in the ${run} run: no ${file}"
    def properties = new Properties()
    file.withReader('UTF-8') { properties.load(it) }
    properties
}

check('the build passed with both runs, in bounded time') {
    assertLog('BUILD SUCCESS')
    assertLog('maven-surefire-plugin:')
    assert (buildLog =~ /(?m)^\[(?:INFO|WARNING|ERROR)\] Tests run: \d+, Failures: \d+, Errors: \d+, Skipped: \d+$/).size() == 2:
            'expected the summary lines of two Surefire runs'
    assertLogLacks('There was a timeout in the fork', "Surefire's backstop ended a run")
    assert totalSeconds() < 120: "the build took ${totalSeconds()} s"
}

check('the plain run had no Reaper; the other ran on the lane\'s JUnit and the jar from the private repository') {
    def plain = anySuite('plain').properties.property.find { it.@name.text() == 'surefire.test.class.path' }.@value.text()
    assert !plain.contains('reaper-junit'): "Reaper is on the plain run's class path: ${plain}"
    assert probe('plain').getProperty('reaper') == 'absent'
    assertRanOnThisBuild(anySuite('reaper'))
}

check('Reaper guarded the tests of its run (drop-in: no code change)') {
    def remaining = probe('reaper').getProperty('deadlineRemainingMillis')
    assert remaining != null: "the probe saw no Reaper: ${probe('reaper')}"
    // reaper.timeout.default = 2 m; outside a guarded test the deadline is years away.
    assert (remaining as long) > 0 && (remaining as long) <= 120_000: "Deadline.current().remaining() = ${remaining} ms"
}

def plain = outcomes('plain')
def reaper = outcomes('reaper')
println "[e2e] plain: ${plain.values().sum { it.size() }} test cases, ${plain.values().flatten().count { it != 'passed' }} not passed;" +
        " reaper: ${reaper.values().sum { it.size() }} test cases, ${reaper.values().flatten().count { it != 'passed' }} not passed"

check('both runs ran the same test cases, as many, and not none') {
    def count = { cases -> cases.values().sum { it.size() } ?: 0 }
    assert count(plain) > 1000: "the plain run ran ${count(plain)} test cases"
    assert count(plain) == count(reaper)
    assert plain.keySet() == reaper.keySet(): "only plain: ${(plain.keySet() - reaper.keySet()).take(20)}; " +
            "only reaper: ${(reaper.keySet() - plain.keySet()).take(20)}"
    ['org.apache.commons.lang3.concurrent.BasicThreadFactoryTest', 'org.apache.commons.lang3.concurrent.UncheckedFutureTest',
     'org.apache.commons.lang3.ThreadUtilsTest', 'org.apache.commons.lang3.StringUtilsTest'].each { name ->
        assert plain.keySet().any { it.startsWith(name + '.') }: "no test of ${name} ran"
    }
}

check('every test case ended the same with Reaper as without it') {
    def differ = plain.keySet().findAll { reaper.containsKey(it) && plain[it] != reaper[it] }.sort()
    assert differ.isEmpty(): "${differ.size()} test case(s) ended differently:\n" +
            differ.collect { "  ${it}: plain ${plain[it]}, with Reaper ${reaper[it]}" }.join('\n')
}

finish()
