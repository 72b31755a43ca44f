// End-to-end build (1): a hung test in a project configured only through Surefire.
evaluate(new File(itSources as String, 'lib/evidence.groovy'))

def source = 'src/test/java/com/example/checkout/CheckoutTest.java'
def hangLine = lineOf(source, '// HANG')
def test = 'CheckoutTest.b_settlesTheMonth()'
def hangFrame = "at com.example.checkout.CheckoutTest.b_settlesTheMonth(CheckoutTest.java:${hangLine})"
// Only the stop rung ends a busy loop: the JVMTI library from the jar (or Thread.stop before JDK 20).
// Without either (the jar built where gcc was missing) the test is a zombie, as documented.
def stoppable = canStop()
if (!stoppable) {
    println "[e2e] WARNING: no JVMTI library in ${reaperJar.name} and no Thread.stop on this JDK: expecting a zombie"
}

// --- the build: failed, in bounded time, by Reaper and not by a backstop ---------------------------

check('the build failed on the hung test, in bounded time') {
    assertLog('BUILD FAILURE')
    assertLogMatches(/Tests run: 3, Failures: 0, Errors: 1, Skipped: 0/)
    assertLogLacks('There was a timeout in the fork', "Surefire's backstop fired, not Reaper")
    assert totalSeconds() < 60: "the build took ${totalSeconds()} s"
}

check('the packaged jar carries the JVMTI stop library (where gcc was there to build it)') {
    assert reaperJar.isFile()
    if (gccOnPath()) {
        assert hasNativeStopper(): "gcc is on the PATH but ${reaperJar} has no libreaperstop.so"
    } else {
        println '[e2e] WARNING: no gcc on the PATH: the jar may lack the JVMTI library (the stop rung reports itself unavailable)'
    }
}

check('the console shows the ladder climbing and the rung that ended the test') {
    assertLog("Reaper: ${test} exceeded its timeout of 2 s; interrupting")
    def quoted = java.util.regex.Pattern.quote(test)
    if (stoppable) {
        assertLogMatches(/Reaper: ${quoted} ended by stop, [\d.]+ m?s after its deadline/)
    } else {
        assertLogMatches(/Reaper: ${quoted} could not be stopped/)
    }
}

check('the project ran on the lane\'s JUnit and on the jar from the private repository') {
    assertRanOnThisBuild(testSuite('com.example.checkout.CheckoutTest'))
}

// --- TEST-*.xml: the hung test is an error with its name and hang frame; the others passed ---------

check('TEST-*.xml: the hung test is an error with its hang frame, the other tests passed') {
    def suite = testSuite('com.example.checkout.CheckoutTest')
    assert suite.@tests.text() == '3'
    assert suite.@errors.text() == '1'
    assert suite.@failures.text() == '0'
    def hung = testCase(suite, 'b_settlesTheMonth')
    assert hung.error.size() == 1
    assert hung.error.@type.text() == 'dev.reaper.HungTestException'
    assert hung.error.@message.text().contains("${test} exceeded its timeout of 2 s")
    assert hung.error.@message.text().contains(stoppable ? 'stopped by stop' : 'could not be stopped')
    assert hung.error.text().contains(hangFrame)
    // 2 s timeout + at most 4 rungs of 500 ms; generous for a loaded machine.
    assert (hung.@time.text() as double) < 15
    assertPassed(suite, 'a_pays')
    assertPassed(suite, 'c_refunds')
}

// --- the report files (issue 5 contract) --------------------------------------------------------

check('report: one reaper-<pid>.json, complete, with the JVM and JUnit of the run') {
    def all = reports()
    assert all.size() == 1: "expected the report of one JVM: ${all*.file*.name}"
    def report = all[0]
    assert report.format == 1
    assert report.file.name == "reaper-${report.pid}.json"
    assert report.java == System.getProperty('java.version')
    assert report.junit == junitVersion
    assert report.started ==~ /\d{4}-\d\d-\d\dT.*Z/
}

check('report: the hung event names the test, its rung, hang frame, source frame and dump') {
    def hung = events('hung')
    assert hung.size() == 1
    def event = hung[0]
    assert event.time
    assert event.test == test
    assert event.className == 'com.example.checkout.CheckoutTest'
    assert event.uniqueId.contains('[method:b_settlesTheMonth()]')
    assert event.timeoutMillis == 2000
    assert event.overrunMillis >= 0 && event.overrunMillis < 10000
    assert event.rung == (stoppable ? 'stop' : null)
    assert event.zombie == !stoppable
    assert event.message.contains("${test} exceeded its timeout of 2 s")
    assertFrame(event.hangFrame, 'com.example.checkout.CheckoutTest', 'b_settlesTheMonth', 'CheckoutTest.java', hangLine)
    assertFrame(event.sourceFrame, 'com.example.checkout.CheckoutTest', 'b_settlesTheMonth', 'CheckoutTest.java', hangLine)
    // Without "at ": a dump may print the class loader ("at app//com.example...").
    assertDump(event, "com.example.checkout.CheckoutTest.b_settlesTheMonth(CheckoutTest.java:${hangLine})")
}

check('report: reaper-<pid>.md is a Markdown table naming the hung test') {
    def report = reports()[0]
    def md = new File(reportDir, "reaper-${report.pid}.md")
    assert md.isFile()
    def text = md.getText('UTF-8')
    assert text =~ /(?m)^\|.*\|\s*$/
    assert text.contains(test)
}

check('merge command: java -jar reaper-junit.jar target/reaper prints the summary and writes summary.md') {
    def (status, output) = runReaperJar(['target/reaper'])
    assert status == 1: output // 1: something hung (0 would mean nothing did, 2 an error)
    assert output.contains(test)
    assert output =~ /(?m)^\|.*\|\s*$/
    def summary = new File(reportDir, 'summary.md')
    assert summary.isFile()
    assert summary.getText('UTF-8').contains(test)
}

// --- GitHub Actions (GITHUB_ACTIONS=true, GITHUB_WORKSPACE=<extension>/target/it) ------------------

check('GitHub: one ::error annotation at the hung line, path relative to GITHUB_WORKSPACE') {
    def errors = buildLog.readLines().findAll { it.startsWith('::error ') }
    assert errors.size() == 1: errors
    def path = "${basedir.name}/${source}"
    assert errors[0].startsWith("::error file=${path},line=${hangLine},title=Reaper%3A hung test::")  // ':' escaped in a property
    assert errors[0].contains(test)
}

check('GitHub: no ::notice:: for a single hung test') {
    // The notice comes only after the fifth annotation of a JVM (GitHubActionsUnitTest covers the cap).
    def notices = buildLog.readLines().findAll { it.startsWith('::notice') }
    assert notices.isEmpty(): notices
}

check('GitHub: the step summary got the Markdown table') {
    def summary = new File(basedir, 'target/github-step-summary.md')
    assert summary.isFile(): "GITHUB_STEP_SUMMARY ${summary} was not written"
    def text = summary.getText('UTF-8')
    assert text =~ /(?m)^\|.*\|\s*$/
    assert text.contains(test)
}

finish()
