// End-to-end build (6): the README's drop-in with an existing argLine, in Surefire and Failsafe.
evaluate(new File(itSources as String, 'lib/evidence.groovy'))

def test = 'WarehouseIT.b_waitsForTheTruck()'
def hangLine = lineOf('src/test/java/com/example/WarehouseIT.java', '// HANG')

/** A plugin's TEST-<class>.xml, parsed. */
def suiteOf = { String plugin, String className ->
    def file = new File(basedir, "target/${plugin}-reports/TEST-${className}.xml")
    assert file.isFile(): "no ${file}"
    new groovy.xml.XmlSlurper().parse(file)
}

/** What the test JVM of a plugin got from the argLine. */
def factsOf = { String plugin ->
    def file = new File(basedir, "target/jvm-${plugin}.properties")
    assert file.isFile(): "no ${file}: the ${plugin} tests did not run"
    def facts = new Properties()
    file.withReader('UTF-8') { facts.load(it) }
    facts
}

check('the build failed on the hung integration test, in bounded time, after the unit tests passed') {
    assertLog('BUILD FAILURE')
    assertLogMatches(/Tests run: 1, Failures: 0, Errors: 0, Skipped: 0/)
    assertLogMatches(/Tests run: 3, Failures: 0, Errors: 1, Skipped: 0/)
    assertLog('maven-failsafe-plugin')
    assertLogLacks('There was a timeout in the fork', "a backstop fired, not Reaper")
    assert totalSeconds() < 90: "the build took ${totalSeconds()} s"
}

check("@{argLine} appended: both test JVMs got the project's argLine and -Xmx256m") {
    for (plugin in ['surefire', 'failsafe']) {
        def facts = factsOf(plugin)
        assert facts.argline == 'project': "${plugin}: the project's own argLine was replaced: ${facts}"
        assert (facts.maxMemoryMiB as int) <= 256: "${plugin}: -Xmx256m did not reach the JVM: ${facts}"
    }
}

check('Surefire: the unit test passed, on this build\'s JUnit and jar') {
    def suite = suiteOf('surefire', 'com.example.StockTest')
    assertRanOnThisBuild(suite)
    assertPassed(suite, 'countsStock')
}

check('Failsafe: Reaper stopped the hung integration test; the others passed') {
    def suite = suiteOf('failsafe', 'com.example.WarehouseIT')
    assertRanOnThisBuild(suite)
    assertPassed(suite, 'a_opensTheDoors')
    assertPassed(suite, 'c_closesTheDoors')
    def error = testCase(suite, 'b_waitsForTheTruck').error
    assert error.size() == 1
    assert error.@type.text() == 'dev.reaper.HungTestException'
    assert error.@message.text().contains("${test} exceeded its timeout of 2 s")
    assert error.text().contains("at com.example.WarehouseIT.b_waitsForTheTruck(WarehouseIT.java:${hangLine})")
    assertLog("Reaper: ${test} exceeded its timeout of 2 s; interrupting")
}

check('report: the hung event of the Failsafe JVM') {
    def hung = events('hung')
    assert hung.size() == 1
    assert hung[0].test == test
    assert hung[0].rung == 'interrupt'
}

finish()
