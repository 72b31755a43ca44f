// End-to-end build (3): the run budget runs out; the waiting test is ended, the rest are skipped as not run,
// and Surefire writes every XML: the JVM is not halted.
evaluate(new File(itSources as String, 'lib/evidence.groovy'))

def test = 'StockTest.b_waitsForASupplier()'
def quoted = java.util.regex.Pattern.quote(test)
def budget = 'reaper.run.timeout of 5 s exhausted'
def notRun = "not run: ${budget}"

check('the build failed in bounded time on the ended test, the test JVM not halted') {
    assertLog('BUILD FAILURE')
    assertLogMatches(/Tests run: 6, Failures: 0, Errors: 1, Skipped: 3/)
    assertLogLacks('The forked VM terminated without properly saying goodbye', 'the test JVM was halted')
    assertLogLacks('Process Exit Code: 124', 'the test JVM was halted')
    assertLogLacks('There was a timeout in the fork', "Surefire's backstop fired, not the watchdog")
    assert totalSeconds() < 60: "the build took ${totalSeconds()} s"
}

check('the project ran on the lane\'s JUnit and on the jar from the private repository') {
    assertRanOnThisBuild(testSuite('com.example.inventory.StockTest'))
}

check('TEST-*.xml: every test of the three classes, passed, failed naming the budget, or skipped as not run') {
    def accounts = testSuite('com.example.inventory.AccountsTest')
    assertPassed(accounts, 'balances')

    def stock = testSuite('com.example.inventory.StockTest')
    assert stock.@tests.text() == '3'
    assertPassed(stock, 'a_countsStock')
    def ended = testCase(stock, 'b_waitsForASupplier')
    assert ended.error.size() == 1
    assert ended.error.@type.text() == 'dev.reaper.HungTestException'
    assert ended.error.@message.text().contains("${test} was ended by the run budget: ${budget} (its own timeout is 10 m)")
    assert ended.error.@message.text().contains('stopped by interrupt')
    assert ended.error.text().contains('at com.example.inventory.StockTest.b_waitsForASupplier(StockTest.java:' +
            lineOf('src/test/java/com/example/inventory/StockTest.java', '// HANG') + ')')
    def skipped = testCase(stock, 'c_reordersStock')
    assert skipped.skipped.size() == 1 && skipped.skipped.@message.text() == notRun

    def zones = testSuite('com.example.inventory.ZonesTest')
    assert zones.@tests.text() == '2' && zones.@skipped.text() == '2'
    ['a_mapsZones', 'b_movesStock'].each { name ->
        def test2 = testCase(zones, name)
        assert test2.skipped.size() == 1 && test2.skipped.@message.text() == notRun
    }
}

check('the console: the watchdog names the waiting test, the ladder ends it, one line says how the run ended') {
    def lines = buildLog.readLines().findAll { it.contains('Reaper: run watchdog: ') }
    assert lines.any { it =~ /${quoted}.*\d/ }: "no watchdog line names ${test} and how long it has run:\n${lines.join('\n')}"
    assertLogMatches(/Reaper: ${quoted}: ${java.util.regex.Pattern.quote(budget)}; interrupting \.\.\./)
    assertLog("Reaper: run watchdog: ${budget}; the run ended gracefully, the JVM was not halted: 1 running test" +
            " ended by the budget (${test}), 3 tests not run (skipped); the run fails")
    assertLogLacks('ZONES OPENED', 'a class that started after the budget ran out set up')
}

check('report: the watchdog event names the reason, the running test, the dump, the graceful end and the tests not run') {
    def watchdog = events('watchdog')
    assert watchdog.size() == 1
    def event = watchdog[0]
    assert event.report.format == 1
    assert event.report.junit == junitVersion
    assert event.reason == 'run-timeout'
    assert event.outcome == 'graceful'
    assert event.exitStatus == null
    assert event.running*.test == [test]
    assert event.endedByBudget == [test]
    assert event.notRun == ['StockTest.c_reordersStock()', 'ZonesTest.a_mapsZones()', 'ZonesTest.b_movesStock()']
    assert event.notRunCount == 3
    def running = event.running[0]
    assert running.uniqueId.contains('[method:b_waitsForASupplier()]')
    assert running.runningMillis >= 1000 && running.runningMillis <= 15000
    assertDump(event, 'b_waitsForASupplier')
}

check('report: reaper-<pid>.md says the run ended gracefully') {
    def report = reports()[0]
    def md = new File(reportDir, "reaper-${report.pid}.md")
    assert md.isFile()
    assert md.getText('UTF-8').contains('run watchdog (run-timeout, graceful)')
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
