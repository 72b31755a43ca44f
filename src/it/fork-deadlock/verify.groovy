// End-to-end build (2): a synchronized deadlock in fork isolation, ended by killing the worker JVM.
evaluate(new File(itSources as String, 'lib/evidence.groovy'))

def source = 'src/test/java/com/example/ledger/TransferTest.java'
def hangLine = lineOf(source, '// HANG')
def test = 'TransferTest.b_transfersBothWays()'
def hangFrame = "at com.example.ledger.TransferTest.transfer(TransferTest.java:${hangLine})"

check('the build failed on the hung test, in bounded time') {
    assertLog('BUILD FAILURE')
    assertLogMatches(/Tests run: 3, Failures: 0, Errors: 1, Skipped: 0/)
    assertLogLacks('There was a timeout in the fork', "Surefire's backstop fired, not Reaper")
    assert totalSeconds() < 60: "the build took ${totalSeconds()} s"
}

check('the console shows the worker JVM killed') {
    assertLogMatches(/Reaper: ${java.util.regex.Pattern.quote(test)} exceeded its timeout of 2 s; killing its worker JVM \(pid \d+\)/)
    assertLogMatches(/Reaper: ${java.util.regex.Pattern.quote(test)} ended by kill, [\d.]+ m?s after its deadline/)
}

check('the project ran on the lane\'s JUnit and on the jar from the private repository') {
    assertRanOnThisBuild(testSuite('com.example.ledger.TransferTest'))
}

check('TEST-*.xml: the hung test is an error with its hang frame and the deadlock, the other tests passed') {
    def suite = testSuite('com.example.ledger.TransferTest')
    assert suite.@tests.text() == '3'
    assert suite.@errors.text() == '1'
    assert suite.@failures.text() == '0'
    def hung = testCase(suite, 'b_transfersBothWays')
    assert hung.error.size() == 1
    assert hung.error.@type.text() == 'dev.reaper.HungTestException'
    assert hung.error.@message.text().contains("${test} exceeded its timeout of 2 s")
    assert hung.error.@message.text().contains('stopped by kill')
    assert hung.error.text().contains(hangFrame)
    // The deadlock cycle, naming the other thread.
    assert hung.error.text().contains('"bob to alice"')
    assert (hung.@time.text() as double) < 20
    assertPassed(suite, 'a_deposits')
    assertPassed(suite, 'c_withdraws')
}

check('no process of this build is left running (the killed worker, its replacement, the fork)') {
    def left = leftoverProcesses()
    // A worker watches its parent and exits within about a second of it.
    for (int i = 0; i < 50 && left; i++) {
        Thread.sleep(100)
        left = leftoverProcesses()
    }
    assert !left: left.join('\n')
}

// --- the report files (issue 5 contract) --------------------------------------------------------

check('report: the hung event names the test, rung kill, its hang frame and a dump with the deadlock') {
    def hung = events('hung').findAll { it.test == test }
    assert hung: "no hung event for ${test} in ${reports()*.file*.name}"
    def event = hung.find { it.rung == 'kill' }
    assert event: "no hung event with rung kill: ${hung.collect { it.rung }}"
    assert event.report.format == 1
    assert event.report.junit == junitVersion
    assert event.className == 'com.example.ledger.TransferTest'
    assert event.uniqueId.contains('[method:b_transfersBothWays()]')
    assert event.timeoutMillis == 2000
    assert event.overrunMillis >= 0
    assert event.zombie == false
    assert event.message.contains('stopped by kill')
    assertFrame(event.hangFrame, 'com.example.ledger.TransferTest', 'transfer', 'TransferTest.java', hangLine)
    assertFrame(event.sourceFrame, 'com.example.ledger.TransferTest', 'transfer', 'TransferTest.java', hangLine)
    assertDump(event, 'bob to alice')
}

check('GitHub: no annotations without GITHUB_ACTIONS=true') {
    def commands = buildLog.readLines().findAll { it.startsWith('::error') || it.startsWith('::notice') }
    assert !commands: commands.join('\n')
}

finish()
