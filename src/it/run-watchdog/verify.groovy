// End-to-end build (3): the run watchdog fires, names the running test and halts the test JVM.
evaluate(new File(itSources as String, 'lib/evidence.groovy'))

def test = 'StockTest.b_waitsForASupplier()'
def quoted = java.util.regex.Pattern.quote(test)

check('the build failed in bounded time, the test JVM halted with status 124') {
    assertLog('BUILD FAILURE')
    assertLog('The forked VM terminated without properly saying goodbye')
    assertLog('Process Exit Code: 124')
    assertLogLacks('There was a timeout in the fork', "Surefire's backstop fired, not the watchdog")
    assert totalSeconds() < 60: "the build took ${totalSeconds()} s"
}

check('the console names the running test (printed before the halt, so not lost with it)') {
    def lines = buildLog.readLines().findAll { it.contains('Reaper: run watchdog: ') }
    assert lines: 'no "Reaper: run watchdog:" line in build.log'
    assert lines.any { it =~ /${quoted}.*\d/ }: "no watchdog line names ${test} and how long it has run:\n${lines.join('\n')}"
    assert !lines.any { it.contains('StockTest.a_countsStock()') }: 'a finished test is named as running'
    assertLog('Reaper:   ended before, in the classes still running (the halt costs them their XML report): StockTest.a_countsStock() SUCCESSFUL')
}

check('report: the watchdog event names the reason, the running test, the dump and the exit status') {
    def watchdog = events('watchdog')
    assert watchdog.size() == 1
    def event = watchdog[0]
    assert event.report.format == 1
    assert event.report.junit == junitVersion
    assert event.time
    assert event.reason == 'run-timeout'
    assert event.message
    assert event.exitStatus == 124
    assert event.running*.test.contains(test)
    assert !event.running*.test.contains('StockTest.a_countsStock()'): 'a finished test is named as running'
    // The halt costs StockTest its TEST-*.xml: the report says how the test before the hang ended.
    assert event.finishedInRunningClasses == [[test: 'StockTest.a_countsStock()', status: 'SUCCESSFUL']]
    def running = event.running.find { it.test == test }
    assert running.uniqueId.contains('[method:b_waitsForASupplier()]')
    // The run's budget is 5 s and the first test takes milliseconds: it ran for most of it.
    assert running.runningMillis >= 1000 && running.runningMillis <= 15000
    assertDump(event, 'b_waitsForASupplier')
}

check('report: reaper-<pid>.md written before the halt') {
    def report = reports()[0]
    def md = new File(reportDir, "reaper-${report.pid}.md")
    assert md.isFile()
    assert md.getText('UTF-8').contains(test)
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
