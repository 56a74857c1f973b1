package io.solarmrv.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A Flink standalone session cluster as separate JVMs on 127.0.0.1: one JobManager
 * ({@code StandaloneSessionClusterEntrypoint}) and N TaskManagers ({@code TaskManagerRunner}),
 * started from Flink's jars on Maven Central (this module's runtime classpath), no distribution.
 */
final class FlinkStandaloneCluster implements AutoCloseable {
    private final Process jobManager;
    private final List<Process> taskManagers = new ArrayList<>();
    private final int restPort;

    private FlinkStandaloneCluster(Process jobManager, int restPort) {
        this.jobManager = jobManager;
        this.restPort = restPort;
    }

    static FlinkStandaloneCluster start(Path dir, int taskManagers, int slotsPerTaskManager) throws Exception {
        Path conf = Files.createDirectories(dir.resolve("conf"));
        int restPort = FreePort.pick();
        Files.writeString(conf.resolve("config.yaml"), """
                jobmanager.rpc.address: 127.0.0.1
                jobmanager.rpc.port: %d
                jobmanager.bind-host: 127.0.0.1
                jobmanager.memory.process.size: 1024m
                rest.address: 127.0.0.1
                rest.bind-address: 127.0.0.1
                rest.port: %d
                taskmanager.host: 127.0.0.1
                taskmanager.bind-host: 127.0.0.1
                taskmanager.numberOfTaskSlots: %d
                taskmanager.memory.process.size: 1200m
                taskmanager.memory.managed.size: 64m
                taskmanager.load-balance.mode: SLOTS
                heartbeat.interval: 1000
                heartbeat.timeout: 6000
                restart-strategy.type: fixed-delay
                restart-strategy.fixed-delay.attempts: 20
                restart-strategy.fixed-delay.delay: 2 s
                classloader.check-leaked-classloader: false
                """.formatted(FreePort.pick(), restPort, slotsPerTaskManager));
        // Flink at INFO in the cluster's own logs (job state switches, restarts, checkpoints).
        Files.writeString(conf.resolve("logback.xml"), """
                <configuration>
                  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{30} - %msg%n</pattern></encoder>
                  </appender>
                  <root level="INFO"><appender-ref ref="OUT"/></root>
                  <logger name="org.apache.flink.metrics.MetricGroup" level="ERROR"/>
                  <logger name="org.apache.pekko" level="WARN"/>
                </configuration>
                """);
        String classpath = Path.of("target/classes").toAbsolutePath() + java.io.File.pathSeparator
                + Files.readString(Path.of("target/runtime-classpath.txt")).strip();
        FlinkStandaloneCluster cluster = new FlinkStandaloneCluster(
                java(classpath, "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint", conf,
                        dir.resolve("jobmanager.log"), List.of("-Xmx768m"), List.of()), restPort);
        try {
            cluster.awaitRest(Duration.ofSeconds(60));
            // What Flink's taskmanager.sh computes before starting a TaskManager: its JVM memory
            // options and the memory and CPU settings derived from the configuration.
            var spec = org.apache.flink.runtime.clusterframework.TaskExecutorProcessUtils.processSpecFromConfig(
                    org.apache.flink.configuration.GlobalConfiguration.loadConfiguration(conf.toString()));
            List<String> jvm = List.of(org.apache.flink.runtime.util.config.memory.ProcessMemoryUtils
                    .generateJvmParametersStr(spec).trim().split("\\s+"));
            List<String> dynamic = List.of(org.apache.flink.runtime.clusterframework.TaskExecutorProcessUtils
                    .generateDynamicConfigsStr(spec).trim().split("\\s+"));
            for (int i = 0; i < taskManagers; i++) {
                cluster.taskManagers.add(java(classpath, "org.apache.flink.runtime.taskexecutor.TaskManagerRunner", conf,
                        dir.resolve("taskmanager-" + i + ".log"), jvm, dynamic));
            }
            cluster.awaitTaskManagers(taskManagers, Duration.ofSeconds(60));
            return cluster;
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
    }

    private static Process java(String classpath, String mainClass, Path conf, Path log, List<String> jvmOptions,
                                List<String> dynamicProperties) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-Dlogback.configurationFile=" + conf.resolve("logback.xml"), "-cp", classpath, mainClass,
                "--configDir", conf.toString()));
        command.addAll(dynamicProperties);
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    int restPort() {
        return restPort;
    }

    private String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + restPort + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(path + " answered " + response.statusCode());
        }
        return response.body();
    }

    private void awaitRest(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!jobManager.isAlive()) {
                throw new IOException("the JobManager exited with " + jobManager.exitValue());
            }
            try {
                get("/overview");
                return;
            } catch (IOException notYet) {
                Thread.sleep(250);
            }
        }
        throw new IOException("the JobManager's REST endpoint did not answer within " + timeout);
    }

    /** Waits until the JobManager counts {@code count} registered TaskManagers. */
    void awaitTaskManagers(int count, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String overview = get("/overview");
            if (overview.contains("\"taskmanagers\":" + count + ",")) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IOException("not " + count + " TaskManagers within " + timeout + ": " + get("/overview"));
    }

    /** The job's exception history as JSON ({@code /jobs/:id/exceptions}): a failover shows here. */
    String jobExceptions(String jobId) throws IOException, InterruptedException {
        return get("/jobs/" + jobId + "/exceptions");
    }

    /** Kills TaskManager {@code i} the way a machine failure would (SIGKILL). */
    void killTaskManager(int i) throws InterruptedException {
        taskManagers.get(i).destroyForcibly().waitFor();
    }

    @Override
    public void close() {
        for (Process p : taskManagers) {
            p.destroyForcibly();
        }
        jobManager.destroyForcibly();
    }
}
