// Shared by the end-to-end builds' verify.groovy scripts (evaluated into their binding).
//
// Each check runs on its own and the script fails at the end with every failed check listed, so one
// run tells everything that is missing (e.g. the report files while the report code has not landed).
//
// Binding in: basedir (the cloned project), localRepositoryPath, reaperVersion, junitVersion.

import groovy.json.JsonSlurper
import groovy.xml.XmlSlurper

failures = []
passed = []

/** Runs one named check; an assertion failure or exception is recorded, the next check still runs. */
check = { String what, Closure body ->
    try {
        body()
        passed << what
        println "[e2e] ok      ${what}"
    } catch (Throwable t) {
        def message = t.message ?: t.toString()
        failures << "${what}\n${message.length() > 1500 ? message.take(1500) + ' ...' : message}"
        println "[e2e] FAILED  ${what}: ${t.message?.readLines()?.first()}"
    }
}

/** Ends the verify script: fails with every failed check. */
finish = {
    println "[e2e] ${basedir.name}: ${passed.size()} checks passed, ${failures.size()} failed"
    if (failures) {
        throw new AssertionError("${failures.size()} end-to-end check(s) failed in ${basedir.name}:\n\n"
                + failures.join('\n\n'))
    }
}

/** The nested build's output, without colour codes. */
buildLog = new File(basedir, 'build.log').getText('UTF-8').replaceAll(/\u001B\[[0-9;]*m/, '')

/** The build log has this text (a short message, not the whole log, when it has not). */
assertLog = { String text ->
    assert buildLog.contains(text): "build.log has no \"${text}\""
}

/** The build log lacks this text. */
assertLogLacks = { String text, String why ->
    assert !buildLog.contains(text): "build.log has \"${text}\": ${why}"
}

/** The build log has a match for this regular expression. */
assertLogMatches = { String regex ->
    assert buildLog =~ regex: "build.log has nothing matching /${regex}/"
}

/** The 1-based line of the source line that holds marker, e.g. "// HANG". */
lineOf = { String relativePath, String marker ->
    def lines = new File(basedir, relativePath).readLines('UTF-8')
    def index = lines.findIndexOf { it.contains(marker) }
    assert index >= 0: "no line with ${marker} in ${relativePath}"
    index + 1
}

/** Surefire's TEST-<class>.xml, parsed. */
testSuite = { String className ->
    def file = new File(basedir, "target/surefire-reports/TEST-${className}.xml")
    assert file.isFile(): "no ${file}"
    new XmlSlurper().parse(file)
}

/** The test case of a suite by method name. */
testCase = { suite, String name ->
    def found = suite.testcase.find { it.@name.text() == name }
    assert found.size() == 1: "no testcase ${name} in ${suite.@name}: ${suite.testcase*.@name*.text()}"
    found
}

/** A test case that passed: no error, failure or skip element. */
assertPassed = { suite, String name ->
    def test = testCase(suite, name)
    assert test.error.size() == 0 && test.failure.size() == 0 && test.skipped.size() == 0:
            "${name} did not pass: ${test.children()*.name()}"
}

/**
 * The tests ran on the lane's JUnit (the filtered @junit.version@) and on the jar invoker:install put
 * into the private repository, as Surefire recorded in the suite's properties.
 */
assertRanOnThisBuild = { suite ->
    def classPath = suite.properties.property.find { it.@name.text() == 'surefire.test.class.path' }.@value.text()
            .split(File.pathSeparator) as List
    assert classPath.any { it.endsWith("junit-jupiter-engine-${junitVersion}.jar") }:
            "no junit-jupiter-engine-${junitVersion}.jar on the test class path: ${classPath}"
    assert classPath.any { new File(it).canonicalFile == reaperJar.canonicalFile }:
            "${reaperJar} is not on the test class path: ${classPath}"
}

reportDir = new File(basedir, 'target/reaper')

/** Every reaper-<pid>.json in the report directory, parsed (parse errors fail the check). */
reports = {
    def files = reportDir.listFiles({ File f -> f.name ==~ /reaper-\d+\.json/ } as FileFilter) ?: []
    assert files: "no reaper-<pid>.json in ${reportDir}"
    files.sort { it.name }.collect { file ->
        def json = new JsonSlurper().parse(file)
        json.file = file
        json
    }
}

/** The events of the given type over all reports. */
events = { String type ->
    reports().collectMany { report -> report.events.findAll { it.type == type }.collect { it + [report: report] } }
}

/** A frame {"className","method","file","line"} equals what the test's source says. */
assertFrame = { frame, String className, String method, String file, int line ->
    assert frame: "no frame"
    assert frame.className == className
    assert frame.method == method
    assert frame.file == file
    assert frame.line == line
}

/** The dump file named by an event exists (relative to the report directory) and holds text. */
assertDump = { event, String mustContain ->
    assert event.dump: "event has no dump: ${event}"
    def dump = new File(reportDir, event.dump as String)
    assert dump.isFile(): "no dump file ${dump}"
    assert dump.getText('UTF-8').contains(mustContain)
}

/** Maven's "Total time:" of the nested build, in seconds. */
totalSeconds = {
    def m = buildLog =~ /Total time:\s+(?:(\d+):)?(\d+(?:\.\d+)?)\s*(min|s)/
    assert m.find(): 'no "Total time:" in build.log'
    m.group(3) == 'min' ? (m.group(1) as int) * 60 + (m.group(2) as double) : (m.group(2) as double)
}

/** The jar invoker:install put into the private repository: the one these builds used. */
reaperJar = new File(localRepositoryPath as File,
        "dev/reaper/reaper-junit/${reaperVersion}/reaper-junit-${reaperVersion}.jar")

/** Whether the jar carries the stop rung's JVMTI library for this platform. */
hasNativeStopper = {
    def arch = System.getProperty('os.arch') in ['amd64', 'x86_64'] ? 'x86_64'
            : System.getProperty('os.arch') in ['aarch64', 'arm64'] ? 'aarch64' : System.getProperty('os.arch')
    new java.util.zip.ZipFile(reaperJar).withCloseable { zip ->
        zip.getEntry("dev/reaper/internal/ladder/native/linux-${arch}/libreaperstop.so") != null
    }
}

/** Whether gcc is on the PATH: then the build must have put the JVMTI library into the jar. */
gccOnPath = {
    new ProcessBuilder('sh', '-c', 'command -v gcc').redirectErrorStream(true).start().waitFor() == 0
}

/**
 * Whether the stop rung can stop a busy thread here: the JVMTI library is in the jar, or the JDK
 * still has Thread.stop (before 20). Without either (no gcc when the jar was built) the ladder ends
 * in a zombie, as the README documents, and the checks expect that instead.
 */
canStop = {
    hasNativeStopper() || Runtime.version().feature() < 20
}

/** java -jar reaper-junit.jar args...: [exit status, output]. */
runReaperJar = { List<String> args ->
    def java = new File(System.getProperty('java.home'), 'bin/java').path
    def process = new ProcessBuilder([java, '-jar', reaperJar.path] + args)
            .directory(basedir).redirectErrorStream(true).start()
    def output = new StringBuilder()
    def reader = Thread.start { output << process.inputStream.getText('UTF-8') }
    def ended = process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)
    if (!ended) {
        process.destroyForcibly()
    }
    reader.join(5000)
    assert ended: "java -jar ${reaperJar.name} ${args.join(' ')} did not end within 60 s"
    [process.exitValue(), output.toString()]
}

/** The processes still running whose command line mentions this project's directory. */
leftoverProcesses = {
    def dir = basedir.canonicalPath
    ProcessHandle.allProcesses()
            .filter { it.pid() != ProcessHandle.current().pid() }
            .filter { (it.info().commandLine().orElse('') + ' ' + (it.info().arguments().orElse(new String[0]) as List).join(' ')).contains(dir) }
            .collect(java.util.stream.Collectors.toList())
            .collect { "${it.pid()}: ${it.info().commandLine().orElse('?')}".take(300) }
}
