// End-to-end build (5): the run budget runs out on a test no rung can free: the watchdog halts the test JVM.
evaluate(new File(itSources as String, 'lib/evidence.groovy'))

def test = 'TransferTest.b_transfersBothWays()'
def quoted = java.util.regex.Pattern.quote(test)
def budget = 'reaper.run.timeout of 5 s exhausted'
def notRun = ['TransferTest.c_withdraws()', 'ZonesTest.a_mapsZones()', 'ZonesTest.b_movesStock()']

check('the build failed in bounded time, the test JVM halted with status 124') {
    assertLog('BUILD FAILURE')
    assertLog('The forked VM terminated without properly saying goodbye')
    assertLog('Process Exit Code: 124')
    assertLogLacks('There was a timeout in the fork', "Surefire's backstop fired, not the watchdog")
    assert totalSeconds() < 60: "the build took ${totalSeconds()} s"
}

check('TEST-*.xml: the class that finished before the budget ran out has its report') {
    assertPassed(testSuite('com.example.ledger.AccountsTest'), 'balances')
}

check('the console: the ladder tried, then the halt, naming the running test and the tests not run') {
    assertLogMatches(/Reaper: ${quoted}: ${java.util.regex.Pattern.quote(budget)}; interrupting \.\.\./)
    assertLog("Reaper: ${test} could not be stopped; it holds JUnit's thread")
    assertLog("Reaper: run watchdog: ${budget}; halted: ${test} could not be stopped: it holds its thread, so the run" +
            " cannot finish; halting with status 124")
    assertLogMatches(/Reaper:   ${quoted} has been running for [\d.]+ m?s/)
    assertLog('Reaper:   ended before, in the classes still running (the halt costs them their XML report):' +
            ' TransferTest.a_deposits() SUCCESSFUL')
    assertLog("Reaper:   not run (3): ${notRun.join(', ')}")
    assertLogLacks('ZONES OPENED', 'a class started after the budget ran out')
}

check('report: the watchdog event says it halted, names the running test, the tests not run and the dump') {
    def watchdog = events('watchdog')
    assert watchdog.size() == 1
    def event = watchdog[0]
    assert event.report.format == 1
    assert event.report.junit == junitVersion
    assert event.reason == 'run-timeout'
    assert event.outcome == 'halted'
    assert event.exitStatus == 124
    assert event.running*.test == [test]
    assert event.endedByBudget == [test]
    assert event.notRun == notRun
    assert event.finishedInRunningClasses == [[test: 'TransferTest.a_deposits()', status: 'SUCCESSFUL']]
    assertDump(event, 'b_transfersBothWays')
}

check('report: the test that could not be freed is a zombie, with its deadlock') {
    def hung = events('hung').findAll { it.test == test }
    assert hung.size() == 1
    assert hung[0].zombie == true
    assert hung[0].deadlock == true
    assert hung[0].message.contains("was ended by the run budget: ${budget}")
}

check('report: reaper-<pid>.md written before the halt says it halted') {
    def report = reports()[0]
    def md = new File(reportDir, "reaper-${report.pid}.md")
    assert md.isFile()
    assert md.getText('UTF-8').contains('run watchdog (run-timeout, halted)')
}

check('no process of this build is left running') {
    def left = leftoverProcesses()
    for (int i = 0; i < 30 && left; i++) {
        Thread.sleep(100)
        left = leftoverProcesses()
    }
    assert !left: left.join('\n')
}

finish()
